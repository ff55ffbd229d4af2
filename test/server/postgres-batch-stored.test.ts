import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Change } from '../../protocol/index.ts';
import {
  RecordOwnedElsewhereError,
  recordKey,
  type BatchWrites,
  type StoredRecord,
} from '../../server/src/db/store.ts';
import { change, hlcAt, household } from './support/records.ts';
import {
  enrollDevice,
  pushToService,
  startTestServer,
  type TestDevice,
  type TestServer,
} from './support/test-server.ts';

/**
 * PostgreSQL's push inserts the records BatchWrites.stored does not name and updates the ones it names, with no
 * ON CONFLICT (docs/postgres-storage.md). A push that both creates and edits records saves all of them; a set that
 * is wrong either way fails the batch whole, never silently (a lost edit or a second copy).
 */
describe('the PostgreSQL push write and the records it was told are stored', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('postgres');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const push = (device: TestDevice, changes: Change[], batchId?: string) =>
    pushToService(server, device, changes, batchId);

  it('creates the new records and edits the stored ones of one push', async () => {
    const device = await enrollDevice(server);
    const first = Array.from({ length: 3 }, () => household(device));
    await push(
      device,
      first.map((r) => change('households', r)),
    );
    const edited = first.map((r): Record<string, unknown> => ({ ...r, headName: 'Siti Aminah', hlc: hlcAt(60_000) }));
    const added = Array.from({ length: 3 }, () => household(device));
    const answer = await push(
      device,
      [...edited, ...added].map((r) => change('households', r)),
    );
    expect(answer.results.map((r) => r.status)).toEqual(Array(6).fill('applied'));

    const rows = await server.store.listRecordsAfter(device.posyanduId, 0, 100);
    expect(rows).toHaveLength(6);
    const names = new Map(rows.map((r) => [r.id, r.data.headName]));
    for (const r of edited) expect(names.get(String(r.id))).toBe('Siti Aminah');
    for (const r of added) expect(names.get(String(r.id))).toBe('Budi Santoso');
    // Every record the second push saved, edited or new, takes a seq after the first push's.
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9]);
  });

  async function writeDirectly(device: TestDevice, record: StoredRecord, stored: ReadonlySet<string>) {
    const writes: BatchWrites = {
      posyanduId: device.posyanduId,
      deviceId: device.deviceId,
      batchId: randomUUID(),
      records: [record],
      stored,
      versions: [],
      lastSeq: null,
      responseJson: '{}',
      receivedAt: new Date().toISOString(),
    };
    return server.store.transaction(async (tx) => {
      await tx.lockPosyandu(device.posyanduId);
      await tx.writeBatch(writes);
    });
  }

  it('fails the batch when a stored record is written as new or a new one as stored', async () => {
    const device = await enrollDevice(server);
    const row = household(device);
    await push(device, [change('households', row)]);
    const [stored] = await server.store.listRecordsAfter(device.posyanduId, 0, 10);
    if (!stored) throw new Error('the record was not stored');

    // Written as new: the key refuses a second copy.
    await expect(
      writeDirectly(device, { ...stored, seq: 99, data: { ...stored.data, headName: 'X' } }, new Set()),
    ).rejects.toThrow(/duplicate key/);
    // Written as stored when it is not: the update finds no row, and the count says so.
    const unknown = { ...stored, id: randomUUID(), seq: 100 };
    await expect(writeDirectly(device, unknown, new Set([recordKey('households', unknown.id)]))).rejects.toBeInstanceOf(
      RecordOwnedElsewhereError,
    );

    const after = await server.store.listRecordsAfter(device.posyanduId, 0, 10);
    expect(after).toEqual([stored]);
  });
});
