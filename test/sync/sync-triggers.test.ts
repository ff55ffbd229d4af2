import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyMembers, householdInput } from '../storage/fixtures.ts';
import { faultyFetch, isPush, testPhone } from './support/client.ts';
import { manualTimers } from './support/manual-timers.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';

let server: SyncTestServer;
beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('sync triggers', () => {
  it('syncs at start, after local writes (debounced into one push), on online, on the timer and on a service-worker message', async () => {
    const clock = manualTimers();
    const window = new EventTarget();
    const serviceWorker = new EventTarget();
    let pushes = 0;
    let requests = 0;
    const counting = faultyFetch(async (url, _init, forward) => {
      requests += 1;
      if (isPush(url)) pushes += 1;
      return forward();
    });
    const phone = await testPhone(server.server.url, await server.newDevice(), {
      fetch: counting,
      timers: clock.timers,
      now: clock.now,
      onlineEvents: window,
      serviceWorker,
      debounceMs: 2_000,
      intervalMs: 300_000,
    });
    const idle = () => expect.poll(() => phone.engine.getStatus().running).toBe(false);

    phone.engine.start();
    await expect.poll(() => requests).toBeGreaterThan(0);
    await idle();

    // A form of three members and two weighings: five writes, one push after the quiet time.
    const { members } = await phone.storage.saveHouseholdWithMembers({
      household: householdInput(),
      members: familyMembers(),
    });
    phone.engine.notifyLocalWrite();
    for (const weightKg of [9.1, 9.2]) {
      await phone.storage.recordEvent('measurements', { personId: members[2]!.id, date: '2026-01-05', weightKg });
      phone.engine.notifyLocalWrite();
    }
    expect(pushes).toBe(0);
    expect(clock.fireNext(2_000)).toBe(2_000);
    await expect.poll(() => phone.engine.getStatus().pending).toBe(0);
    expect(pushes).toBe(1);
    await idle();

    let before = requests;
    window.dispatchEvent(new Event('online'));
    await expect.poll(() => requests).toBeGreaterThan(before);
    await idle();

    before = requests;
    serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'sync-requested' } }));
    await expect.poll(() => requests).toBeGreaterThan(before);
    await idle();

    before = requests;
    expect(clock.fireNext(300_000)).toBe(300_000);
    await expect.poll(() => requests).toBeGreaterThan(before);
    await idle();

    phone.engine.stop();
    before = requests;
    window.dispatchEvent(new Event('online'));
    expect(clock.delays()).toEqual([]);
    expect(requests).toBe(before);
  });

  it('reports progress while pushing and the last success', async () => {
    const phone = await testPhone(server.server.url, await server.newDevice(), { maxBatchCount: 2 });
    await phone.storage.saveHouseholdWithMembers({ household: householdInput(), members: familyMembers() });
    const progress: { sent: number; total: number }[] = [];
    phone.engine.subscribe((status) => {
      if (status.progress) progress.push(status.progress);
    });
    await phone.engine.syncNow();
    expect(progress.at(-1)).toEqual({ sent: 4, total: 4 });
    expect(progress.map((p) => p.sent)).toEqual(expect.arrayContaining([0, 2, 4]));
    expect(phone.engine.getStatus().progress).toBeNull();
    expect(Date.parse(phone.engine.getStatus().lastSuccessAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await phone.storage.getLastSyncAt()).toBe(phone.engine.getStatus().lastSuccessAt);
  });
});
