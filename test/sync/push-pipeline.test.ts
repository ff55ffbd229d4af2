import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushRequest } from '../../protocol/index.ts';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { familyMembers, householdInput, uniqueDbName } from '../storage/fixtures.ts';
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

  it('takes no batch behind the last one the count knows of; a change queued meanwhile still goes in this run', async () => {
    // The engine's storage with its takes counted: the app's storage object, on the phone's database.
    const name = uniqueDbName('phone');
    const storage = openStorage({ name });
    const takes: string[] = [];
    const counted = new Proxy(storage, {
      get(target, key, receiver) {
        if (key !== 'takeFollowing') return Reflect.get(target, key, receiver) as unknown;
        return (...args: Parameters<Storage['takeFollowing']>) => {
          takes.push(args[0]);
          return target.takeFollowing(...args);
        };
      },
    });
    let pushes = 0;
    let late: string | undefined;
    let ids: string[] = [];
    const fetch = faultyFetch(async (url, _init, forward) => {
      // The kader records one more weighing while the third batch, by the count the last, is on the wire.
      if (isPush(url) && ++pushes === 3) {
        // As from a tap on the screen: in a task of its own, outside the engine's Dexie zone (this fetch is called
        // from a take's promise chain, whose transaction has committed).
        late = await new Promise<string>((resolve, reject) => {
          setTimeout(() => {
            storage
              .recordEvent('measurements', { personId: ids[3]!, date: '2026-01-06', weightKg: 9 })
              .then((saved) => resolve(saved.id), reject);
          }, 0);
        });
      }
      return forward();
    });
    const { engine } = await testPhone(server.server.url, await server.newDevice(), {
      fetch,
      maxBatchCount: 10,
      name,
      storage: counted,
    });
    ids = await queueWork(storage, 26);
    await engine.syncNow();
    expect(engine.getStatus()).toMatchObject({ lastError: null, pending: 0, rejected: 0 });
    // 30 changes in batches of 10: a take behind the first and the second batch, none behind the third.
    expect(takes).toHaveLength(2);
    expect(pushes).toBe(4);
    const onServer = new Set((await server.records()).map((r) => r.id));
    for (const id of [...ids, late ?? 'none']) expect(onServer.has(id), id).toBe(true);
  });
});
