import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PushResponse } from '../../protocol/index.ts';
import { change, household } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestServer } from './support/test-server.ts';

/**
 * The write path under concurrency (issue 14): batches that arrive together share a commit on SQLite (group
 * commit) and wait in the write gate on PostgreSQL. The answers and what is stored must be exactly what one batch
 * at a time gives.
 */
describe.each(STORE_KINDS)('batches at the same time on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('applies the same batch sent five times at once exactly once', async () => {
    const device = await enrollDevice(server);
    const client = new SyncClient(server.url, device);
    const changes: Change[] = Array.from({ length: 50 }, () => change('households', household(device)));
    const batchId = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.push(changes, batchId)));

    const statuses = answers.map((a) => [...new Set(a.results.map((r) => r.status))].join());
    expect(statuses.filter((s) => s === 'applied')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(4);
    for (const c of changes) expect(await server.store.countVersions('households', String(c.record.id))).toBe(1);
    const pulled = await client.pull(undefined, 1000);
    expect(pulled.changes).toHaveLength(50);
  });

  it('gives 20 posyandu pushing at once the same answers and records as one at a time', async () => {
    const devices = await Promise.all(Array.from({ length: 20 }, () => enrollDevice(server)));
    const batches = devices.map((device) => ({
      device,
      changes: Array.from({ length: 30 }, () => change('households', household(device))),
    }));
    // Half of each batch is sent once first, so the concurrent push mixes new changes and duplicates.
    await Promise.all(batches.map((b) => new SyncClient(server.url, b.device).push(b.changes.slice(0, 15))));
    const answers: PushResponse[] = await Promise.all(
      batches.map((b) => new SyncClient(server.url, b.device).push(b.changes)),
    );
    for (const answer of answers) {
      expect(answer.results.slice(0, 15).every((r) => r.status === 'duplicate')).toBe(true);
      expect(answer.results.slice(15).every((r) => r.status === 'applied')).toBe(true);
    }
    for (const b of batches) {
      const pulled = await new SyncClient(server.url, b.device).pull(undefined, 1000);
      expect(pulled.changes.map((c) => c.record.id).sort()).toEqual(b.changes.map((c) => c.record.id).sort());
      // Seq numbers of one posyandu stay dense and in order: 1..30, whatever commit a batch shared.
      expect(pulled.changes).toHaveLength(30);
    }
  });

  it('keeps a batch that fails inside a shared commit from taking its neighbours with it', async () => {
    const devices = await Promise.all(Array.from({ length: 6 }, () => enrollDevice(server)));
    const results = await Promise.allSettled(
      devices.map((device, index) =>
        server.store.transaction(async (tx) => {
          await tx.saveBatchResponse(device.posyanduId, device.deviceId, `b-${index}`, '{}', new Date().toISOString());
          if (index % 3 === 1) throw new Error(`batch ${index} fails after writing`);
          return index;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const kept = await server.store.transaction(async (tx) =>
      Promise.all(devices.map((d, i) => tx.findBatchResponse(d.posyanduId, d.deviceId, `b-${i}`))),
    );
    expect(kept.map((k) => k !== null)).toEqual([true, false, true, true, false, true]);
  });
});

describe('PostgreSQL under more requests than connections', () => {
  let server: TestServer;

  beforeAll(async () => {
    // One connection, and a limit on opening one far below how long the requests below wait for it.
    server = await startTestServer('postgres', {
      postgresLimits: { max: 1, writers: 1, connectionTimeoutMillis: 200 },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('makes a request wait for the busy connection instead of failing it after the connect limit', async () => {
    const device = await enrollDevice(server);
    const other = await enrollDevice(server);
    const holder = new pg.Client({ connectionString: server.database.databaseUrl });
    await holder.connect();
    try {
      // The push takes the one connection and waits on the posyandu's row lock held here.
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM posyandus WHERE id = $1 FOR UPDATE', [device.posyanduId]);
      const pushed = new SyncClient(server.url, device).push([change('households', household(device))]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Sign-in and pull of another posyandu need the same connection: they wait past the 200 ms limit.
      const pulled = new SyncClient(server.url, other).pull();
      await new Promise((resolve) => setTimeout(resolve, 600));
      await holder.query('COMMIT');
      const [push, pull] = await Promise.all([pushed, pulled]);
      expect(push.results.map((r) => r.status)).toEqual(['applied']);
      expect(pull.changes).toEqual([]);
    } finally {
      await holder.end();
    }
  });
});
