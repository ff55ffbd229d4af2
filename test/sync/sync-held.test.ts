import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../protocol/index.ts';
import { familyMembers, householdInput, uniqueDbName } from '../storage/fixtures.ts';
import { faultyFetch, isPush, testPhone } from './support/client.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';

// Issue 14: the pull after a push leaves out what the server stored exactly as this phone sent it (held seqs),
// and still brings back whatever merged differently. The devices here are offline-code devices, which the server
// may not skip by device (the code may be on two phones): only the seqs the push answered can.

let server: SyncTestServer;
beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A fetch that counts the records each pull answer carries, after the first push. */
function pullCounter() {
  const counts = { afterPush: 0, pushes: 0, heldQueries: 0 };
  const fetch = faultyFetch(async (url, _init, forward) => {
    const response = await forward();
    if (isPush(url)) counts.pushes += 1;
    else if (url.includes('/sync/pull') && counts.pushes > 0) {
      if (new URL(url).searchParams.has('held')) counts.heldQueries += 1;
      counts.afterPush += ((await response.clone().json()) as PullResponse).changes.length;
    }
    return response;
  });
  return { counts, fetch };
}

describe('held seqs: the pull after a push', () => {
  it('brings none of the phone’s own records back, on every page, and loses nothing', async () => {
    const { counts, fetch } = pullCounter();
    const a = await testPhone(server.server.url, await server.newDevice(), {
      fetch,
      maxBatchCount: 2,
      pullPageSize: 2,
    });
    const { household, members } = await a.storage.saveHouseholdWithMembers({
      household: householdInput(),
      members: familyMembers(),
    });
    await a.storage.recordEvent('measurements', { personId: members[2]!.id, date: '2026-01-05', weightKg: 9.1 });
    await a.engine.syncNow();
    expect(a.engine.getStatus()).toMatchObject({ pending: 0, lastError: null });
    expect(counts.pushes).toBeGreaterThan(1);
    expect(counts.heldQueries).toBeGreaterThan(0);
    expect(counts.afterPush).toBe(0);
    const onServer = (await server.records()).map((r) => r.id);
    expect(onServer).toEqual(expect.arrayContaining([household.id, ...members.map((m) => m.id)]));
    // A second phone with the same offline code (the server cannot tell them apart) still gets everything.
    const twin = await testPhone(server.server.url, await server.newDevice());
    await twin.engine.syncNow();
    expect(await twin.storage.getHousehold(household.id)).toEqual(household);
  });

  it('brings back a record the server merged with another phone’s edit made while the push was on its way', async () => {
    const name = uniqueDbName('held');
    const enrollment = await server.newDevice();
    const a = await testPhone(server.server.url, enrollment, { name });
    const b = await testPhone(server.server.url, await server.newDevice());
    const { members } = await a.storage.saveHouseholdWithMembers({
      household: householdInput(),
      members: familyMembers(),
    });
    const siti = members[1]!;
    await a.engine.syncNow();
    await b.engine.syncNow();
    await a.storage.updatePerson(siti.id, { birthPlace: 'Garut' });
    await b.storage.updatePerson(siti.id, { phone: '081111111111' });
    // A's engine (a second tab on A's database) lets B sync after its first pull and before its push: the merged
    // Siti on the server is then not what A sent, so no seq is held for her and the pull brings B's number.
    let bSynced = false;
    const racing = await testPhone(server.server.url, null, {
      name,
      // A's run takes no lock here, so B's run (the in-process lock) can go while A's waits at its push.
      locks: { request: (_lock, run) => run() },
      fetch: faultyFetch(async (url, _init, forward) => {
        if (isPush(url) && !bSynced) {
          bSynced = true;
          await b.engine.syncNow();
        }
        return forward();
      }),
    });
    await racing.engine.syncNow();
    expect(bSynced).toBe(true);
    expect(racing.engine.getStatus()).toMatchObject({ pending: 0, lastError: null });
    expect(await racing.storage.getPerson(siti.id)).toMatchObject({ birthPlace: 'Garut', phone: '081111111111' });
  });
});
