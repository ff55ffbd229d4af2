import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Change } from '../../protocol/index.ts';
import { change, household } from './support/records.ts';
import {
  enrollDevice,
  pushToService,
  startTestServer,
  STORE_KINDS,
  type TestDevice,
  type TestServer,
} from './support/test-server.ts';

/**
 * Issue 14 folded a push's reads into one call (readBatchState) and its writes into another (writeBatch): one
 * statement each on PostgreSQL. The same answers as the separate calls, and a batch applied twice, one after the
 * other or at once, still leaves one copy of each change.
 */
describe.each(STORE_KINDS)('a push read and written in one go on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const push = (device: TestDevice, changes: Change[], batchId: string) =>
    pushToService(server, device, changes, batchId);

  it('reads what the separate reads read', async () => {
    const device = await enrollDevice(server);
    const changes = Array.from({ length: 6 }, () => change('households', household(device)));
    const batchId = randomUUID();
    await push(device, changes.slice(0, 3), batchId);
    const keys = changes.map((c) => ({ table: 'households', id: String(c.record.id) }));
    const ids = changes.map((c) => c.changeId);
    const [together, apart] = await server.store.transaction(async (tx) => {
      await tx.lockPosyandu(device.posyanduId);
      const one = await tx.readBatchState(device.posyanduId, device.deviceId, batchId, ids, keys);
      const three = {
        previousResponse: await tx.findBatchResponse(device.posyanduId, device.deviceId, batchId),
        applied: await tx.findAppliedChangeIds(device.posyanduId, device.deviceId, ids),
        loaded: await tx.loadRecords(keys),
      };
      return [one, three];
    });
    expect(together).toEqual(apart);
    expect(together.previousResponse).not.toBeNull();
    expect([...together.applied].sort()).toEqual(ids.slice(0, 3).sort());
    expect(together.loaded.size).toBe(3);
  });

  it('applies a batch once whether it comes twice in a row or three times at once', async () => {
    const device = await enrollDevice(server);
    const changes = Array.from({ length: 40 }, () => change('households', household(device)));
    const again = randomUUID();
    const first = await push(device, changes.slice(0, 20), again);
    const second = await push(device, changes.slice(0, 20), again);
    expect(first.results.every((r) => r.status === 'applied')).toBe(true);
    expect(second.results.every((r) => r.status === 'duplicate')).toBe(true);

    const atOnce = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => push(device, changes.slice(20), atOnce)));
    const statuses = answers.map((a) => [...new Set(a.results.map((r) => r.status))].join());
    expect(statuses.sort()).toEqual(['applied', 'duplicate', 'duplicate']);
    // The same changes under a new batch id are duplicates one by one.
    const renamed = await push(device, changes, randomUUID());
    expect(renamed.results.every((r) => r.status === 'duplicate')).toBe(true);

    for (const c of changes) expect(await server.store.countVersions('households', String(c.record.id))).toBe(1);
    const stored = await server.store.listRecordsAfter(device.posyanduId, 0, 1000);
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});
