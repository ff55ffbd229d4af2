import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushRequest } from '../../protocol/index.ts';
import type { Storage } from '../../src/storage/index.ts';
import { familyMembers, householdInput } from '../storage/fixtures.ts';
import { faultyFetch, isPush, testPhone } from './support/client.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';

// The push pipeline (src/sync/push-batch.ts): the next batch is taken while one is on the wire and sent the moment
// its answer comes, before that answer is committed on the phone.

let server: SyncTestServer;

beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A household of three and `events` weighings: 4 + events queued changes, in this order. */
async function queueWork(storage: Storage, events: number): Promise<string[]> {
  const { household, members } = await storage.saveHouseholdWithMembers({
    household: householdInput(),
    members: familyMembers(),
  });
  const ids = [household.id, ...members.map((m) => m.id)];
  for (let i = 0; i < events; i++) {
    const m = await storage.recordEvent('measurements', { personId: members[2]!.id, date: '2026-01-05', weightKg: 8 });
    ids.push(m.id);
  }
  return ids;
}

const pushBody = (init: RequestInit | undefined) => JSON.parse(String(init?.body)) as PushRequest;

describe('the push pipeline', () => {
  it('keeps one request on the wire at a time and sends the queue oldest first', async () => {
    let onWire = 0;
    let mostOnWire = 0;
    const sentIds: string[] = [];
    const fetch = faultyFetch(async (url, init, forward) => {
      if (!isPush(url)) return forward();
      sentIds.push(...pushBody(init).changes.map((change) => String(change.record.id)));
      mostOnWire = Math.max(mostOnWire, ++onWire);
      try {
        return await forward();
      } finally {
        onWire -= 1;
      }
    });
    const phone = await testPhone(server.server.url, await server.newDevice(), { fetch, maxBatchCount: 10 });
    const ids = await queueWork(phone.storage, 46);
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ lastError: null, pending: 0, rejected: 0 });
    expect(mostOnWire).toBe(1);
    expect(sentIds).toEqual(ids);
  });

  it('the answer to a batch sent ahead is lost: the next run sends it again under its id, applied once', async () => {
    const batchIds: string[] = [];
    let pushes = 0;
    const fetch = faultyFetch(async (url, init, forward) => {
      if (!isPush(url)) return forward();
      batchIds.push(pushBody(init).batchId);
      const response = await forward();
      // The second push left while the first answer was being committed.
      if (++pushes === 2) throw new TypeError('connection reset after the server answered');
      return response;
    });
    const phone = await testPhone(server.server.url, await server.newDevice(), { fetch, maxBatchCount: 10 });
    const ids = await queueWork(phone.storage, 26);
    await phone.engine.syncNow();
    // The first batch's answer was committed even though the second request failed meanwhile.
    expect(phone.engine.getStatus()).toMatchObject({ lastError: 'network', pending: 20 });
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ lastError: null, pending: 0, rejected: 0 });
    expect(batchIds[2]).toBe(batchIds[1]);
    const onServer = new Set((await server.records()).map((r) => r.id));
    for (const id of ids) expect(onServer.has(id), id).toBe(true);
    for (const record of await server.records()) {
      if (ids.includes(record.id)) expect(await server.versions(record.table, record.id)).toBe(1);
    }
  });
});
