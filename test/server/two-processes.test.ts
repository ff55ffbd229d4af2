import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Change } from '../../protocol/index.ts';
import { createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import { startServer } from '../../server/src/start-server.ts';
import { hlcAt, household, measurement, newId } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { freshDatabase, type TestDevice } from './support/test-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** `npm start`'s entry point as its own process on the given PostgreSQL, until its listening line. */
async function spawnServer(databaseUrl: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SKIP_APP_BUILD: '1',
      DEMO: '0',
      NODE_ENV: '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}

function households(device: TestDevice, count: number): Change[] {
  return Array.from({ length: count }, () => ({
    changeId: randomUUID(),
    table: 'households',
    op: 'upsert' as const,
    record: household(device),
  }));
}

/**
 * The server keeps no state of its own between requests: two processes on one PostgreSQL, with pushes and pulls
 * of the same posyandu going through both at once, behave as one server. The proof that matters is the pull:
 * a phone that follows its cursor through either process while the others push must end up with every record
 * (a seq given out of commit order would make it skip one for good).
 */
describe('two server processes on one PostgreSQL', () => {
  it('apply concurrent pushes of one posyandu once each, and incremental pulls through either miss nothing', async () => {
    const database = await freshDatabase('postgres');
    const databaseUrl = database.databaseUrl ?? '';
    const setup = await startServer({ port: 0, databaseUrl, staticDir: null });
    const posyanduId = await createPosyandu(setup.store, 'Posyandu Dua Proses');
    const phones: TestDevice[] = [];
    for (let i = 0; i < 4; i++) {
      const d = await createDevice(setup.store, { posyanduId, kaderName: `Kader ${i + 1}` });
      phones.push({ posyanduId, deviceId: d.deviceId, kaderId: d.enrollment.kaderId, token: d.token });
    }
    await setup.close();
    const servers = await Promise.all([spawnServer(databaseUrl), spawnServer(databaseUrl)]);

    const sentIds = new Set<string>();
    const held = phones.map(() => new Set<string>());
    const cursors: (string | undefined)[] = phones.map(() => undefined);
    const pullOnce = async (phoneIndex: number, serverIndex: number): Promise<boolean> => {
      const client = new SyncClient(servers[serverIndex % 2] ?? '', phones[phoneIndex] as TestDevice);
      const page = await client.pull(cursors[phoneIndex], 300);
      for (const c of page.changes) held[phoneIndex]?.add(String(c.record.id));
      cursors[phoneIndex] = page.cursor;
      return page.hasMore;
    };

    // Each phone: 8 batches of 100, alternating the process, a pull through the other after each push.
    await Promise.all(
      phones.map(async (device, p) => {
        for (let b = 0; b < 8; b++) {
          const changes = households(device, 100);
          for (const c of changes) sentIds.add(String(c.record.id));
          const answer = await new SyncClient(servers[(p + b) % 2] ?? '', device).push(changes);
          expect(answer.results.every((r) => r.status === 'applied')).toBe(true);
          await pullOnce(p, p + b + 1);
        }
      }),
    );

    // One batch sent through both processes at the same instant is applied once: households and events, the
    // events stamped by the phone itself so that their versions keep no copy of the data (migration 0012).
    const first = phones[0] as TestDevice;
    const events: Change[] = Array.from({ length: 25 }, () => ({
      changeId: randomUUID(),
      table: 'measurements',
      op: 'upsert' as const,
      record: measurement(first, newId(), { hlc: hlcAt(0, first.deviceId) }),
    }));
    const twice = [...households(first, 25), ...events];
    const batchId = randomUUID();
    const answers = await Promise.all(
      servers.map((url) => new SyncClient(url, phones[0] as TestDevice).push(twice, batchId)),
    );
    for (const c of twice) sentIds.add(String(c.record.id));
    const statuses = answers.map((a) => [...new Set(a.results.map((r) => r.status))].join());
    expect(statuses.sort()).toEqual(['applied', 'duplicate']);

    // Every phone follows its cursor to the end, alternating processes: it holds everything sent.
    for (const [p] of phones.entries()) {
      let turn = 0;
      while (await pullOnce(p, turn++)) {
        // next page
      }
      expect([...sentIds].filter((id) => !held[p]?.has(id))).toEqual([]);
    }

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const records = await client.query<{ n: string; seqs: string; max: string; last: string }>(
        `SELECT count(*) AS n, count(DISTINCT seq) AS seqs, max(seq) AS max,
           (SELECT last_seq FROM posyandus WHERE id = $1) AS last FROM records WHERE posyandu_id = $1`,
        [posyanduId],
      );
      const row = records.rows[0];
      expect(Number(row?.n)).toBe(sentIds.size);
      expect(Number(row?.seqs)).toBe(sentIds.size);
      expect(Number(row?.max)).toBe(Number(row?.last));
      const versions = await client.query<{ n: string; changes: string }>(
        'SELECT count(*) AS n, count(DISTINCT (device_id, change_id)) AS changes FROM record_versions',
      );
      expect(Number(versions.rows[0]?.n)).toBe(sentIds.size);
      expect(Number(versions.rows[0]?.changes)).toBe(sentIds.size);
      const bare = await client.query<{ n: string }>('SELECT count(*) AS n FROM record_versions WHERE data IS NULL');
      expect(Number(bare.rows[0]?.n)).toBe(events.length);
    } finally {
      await client.end();
    }
    for (const child of children) child.kill('SIGTERM');
    database.cleanup();
  }, 180_000);
});
