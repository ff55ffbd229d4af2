import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, household } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, type TestDevice, type TestServer } from './support/test-server.ts';

/**
 * The database connection of a push in flight is killed from PostgreSQL's side (what a database restart or a
 * network cut does). The push may fail, but the server process must survive it and serve the next push.
 */
describe('PostgreSQL connection dropped during a push', () => {
  let server: TestServer;
  let device: TestDevice;
  let client: SyncClient;
  let admin: pg.Client;
  const unexpected: unknown[] = [];

  beforeAll(async () => {
    server = await startTestServer('postgres', { onUnexpectedError: (e) => unexpected.push(e) });
    device = await enrollDevice(server);
    client = new SyncClient(server.url, device);
    admin = new pg.Client({ connectionString: server.database.databaseUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  it('answers the killed push with 500, keeps nothing of it, and serves the next push', async () => {
    // Hold the posyandu's row lock so the push waits inside its transaction, on a connection we can find.
    const holder = new pg.Client({ connectionString: server.database.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM posyandus WHERE id = $1 FOR UPDATE', [device.posyanduId]);

    const victim = household(device);
    const inFlight = client.pushRaw(
      JSON.stringify({
        protocolVersion: 1,
        deviceId: device.deviceId,
        batchId: 'killed-batch',
        changes: [change('households', victim)],
      }),
    );
    const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
    await expect
      .poll(async () => {
        const res = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> $1 AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
          [holderPid],
        );
        return res.rows.map((r) => r.pid);
      })
      .toHaveLength(1);
    const waiting = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> $1 AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
      [holderPid],
    );
    await admin.query('SELECT pg_terminate_backend($1)', [waiting.rows[0]?.pid]);

    const answer = await inFlight;
    expect(answer.status).toBe(500);
    expect(await answer.json()).toMatchObject({ code: 'internal' });
    expect(unexpected).toHaveLength(1);
    await holder.query('ROLLBACK');
    await holder.end();

    const next = household(device);
    const response = await client.push([change('households', next)]);
    expect(response.results.map((r) => r.status)).toEqual(['applied']);
    const ids = (await client.pullAll()).map((c) => c.record.id);
    expect(ids).toContain(next.id);
    expect(ids).not.toContain(victim.id);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('PostgreSQL statement timeout', () => {
  let server: TestServer;
  let device: TestDevice;

  beforeAll(async () => {
    // Shortened from 30 s so the test need not wait; the behaviour is the same.
    server = await startTestServer('postgres', { postgresLimits: { statementTimeoutMillis: 300 } });
    device = await enrollDevice(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('fails a push stuck behind a lock that is never released, and serves once it is', async () => {
    const holder = new pg.Client({ connectionString: server.database.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM posyandus WHERE id = $1 FOR UPDATE', [device.posyanduId]);
      const client = new SyncClient(server.url, device);
      const stuck = household(device);
      const answer = await client.pushRaw(
        JSON.stringify({
          protocolVersion: 1,
          deviceId: device.deviceId,
          batchId: 'stuck',
          changes: [change('households', stuck)],
        }),
      );
      // Answered while the lock is still held: the statement timeout ended the wait.
      expect(answer.status).toBe(500);
      await holder.query('ROLLBACK');
      const next = await client.push([change('households', household(device))], 'stuck');
      expect(next.results.map((r) => r.status)).toEqual(['applied']);
    } finally {
      await holder.end();
    }
  });
});
