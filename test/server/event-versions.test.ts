import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Change } from '../../protocol/index.ts';
import { change, hlcAt, household, measurement, newId } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import {
  enrollDevice,
  pushToService,
  startTestServer,
  STORE_KINDS,
  type TestDevice,
  type TestServer,
} from './support/test-server.ts';

/**
 * Issue 14: on PostgreSQL the version of a new event that is exactly its record keeps no second copy of the data
 * (migration 0012), and the version rows replaced applied_changes as the idempotency log. Whatever is stored, every
 * reader gives back what was sent, and a batch sent again, one after the other or at once, leaves one copy.
 */
describe.each(STORE_KINDS)('event versions read back whole on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const push = (device: TestDevice, changes: Change[], batchId?: string) =>
    pushToService(server, device, changes, batchId);

  /** A measurement stamped by the phone itself: the server keeps its stamp, so the record is what was sent. */
  const ownMeasurement = (device: TestDevice, weightKg: number) =>
    measurement(device, newId(), { hlc: hlcAt(1_000, device.deviceId), weightKg });

  /** How many versions of these records keep a copy of their data (PostgreSQL only: SQLite is h29's). */
  async function copiesKept(ids: string[]): Promise<number | null> {
    if (kind !== 'postgres') return null;
    const client = new pg.Client({ connectionString: server.database.databaseUrl });
    await client.connect();
    try {
      const res = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM record_versions WHERE record_id = ANY($1::text[]) AND data IS NOT NULL',
        [ids],
      );
      return Number(res.rows[0]?.n);
    } finally {
      await client.end();
    }
  }

  it('gives back an event, a claimed event and a household as sent, through the history and the pull', async () => {
    const device = await enrollDevice(server);
    const own = ownMeasurement(device, 9.4);
    // The phone claims another kader: the record keeps the token's, the version what was sent.
    const claimed = ownMeasurement(device, 10.1);
    claimed.recordedBy = { kaderId: 'kader-lain', deviceId: device.deviceId };
    const home = household(device, { hlc: hlcAt(2_000, device.deviceId) });
    const answer = await push(device, [
      change('measurements', own),
      change('measurements', claimed),
      change('households', home),
    ]);
    expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    for (const [table, sent] of [
      ['measurements', own],
      ['measurements', claimed],
      ['households', home],
    ] as const) {
      const versions = await server.store.listVersions(table, String(sent.id));
      expect(versions).toHaveLength(1);
      expect(versions[0]?.data).toEqual(sent);
      expect(versions[0]?.deviceId).toBe(device.deviceId);
    }

    const pulled = await new SyncClient(server.url, device).pullAll();
    const byId = new Map(pulled.map((c) => [String(c.record.id), c.record]));
    const token = { kaderId: device.kaderId, deviceId: device.deviceId };
    expect(byId.get(String(own.id))).toEqual({ ...own, recordedBy: token });
    expect(byId.get(String(claimed.id))).toEqual({ ...claimed, recordedBy: token });

    // Only the version that is not exactly its record (the claim, the household) keeps its copy.
    expect(await copiesKept([String(own.id), String(claimed.id), String(home.id)])).toBe(
      kind === 'postgres' ? 2 : null,
    );
  });

  it('applies a batch of events once, sent twice in a row, three times at once, or its changes in a new batch', async () => {
    const device = await enrollDevice(server);
    const events = Array.from({ length: 30 }, (_, i) => change('measurements', ownMeasurement(device, 5 + i / 10)));
    const batchId = randomUUID();
    const first = await push(device, events, batchId);
    const again = await push(device, events, batchId);
    const atOnce = await Promise.all([1, 2, 3].map(() => push(device, events.slice(0, 10), randomUUID())));
    expect(first.results.every((r) => r.status === 'applied')).toBe(true);
    expect(again.results.every((r) => r.status === 'duplicate')).toBe(true);
    for (const answer of atOnce) expect(answer.results.every((r) => r.status === 'duplicate')).toBe(true);

    const fresh = Array.from({ length: 20 }, () => change('measurements', ownMeasurement(device, 7)));
    const racing = await Promise.all([1, 2, 3].map(() => push(device, fresh, randomUUID())));
    const applied = racing.flatMap((a) => a.results.filter((r) => r.status === 'applied'));
    expect(applied).toHaveLength(20);

    for (const c of [...events, ...fresh]) {
      expect(await server.store.countVersions('measurements', String(c.record.id))).toBe(1);
      const [version] = await server.store.listVersions('measurements', String(c.record.id));
      expect(version?.data).toEqual(c.record);
    }
    expect(await copiesKept([...events, ...fresh].map((c) => String(c.record.id)))).toBe(
      kind === 'postgres' ? 0 : null,
    );
  });
});
