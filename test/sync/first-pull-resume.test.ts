import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdInput } from '../storage/fixtures.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';
import { faultyFetch, testPhone } from './support/client.ts';

let server: SyncTestServer;

beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const FAMILIES = 30;

describe("a new phone's first pull", () => {
  it('shows its progress, and after an interruption resumes from the last page applied, not from the start', async () => {
    const kader = await testPhone(server.server.url, await server.newDevice('Bu Sri'));
    for (let i = 0; i < FAMILIES; i++) {
      await kader.storage.saveHouseholdWithMembers({
        household: householdInput({ familyCardNumber: `32010101012300${String(i).padStart(2, '0')}` }),
        members: [{ name: `Bapak ${i}`, sex: 'male', birthDate: '1988-03-12', relationToHead: 'head' }],
      });
    }
    await kader.engine.syncNow();
    const total = FAMILIES * 2;

    // The new phone loses its signal after three pages of ten.
    const pulls: string[] = [];
    let cut = true;
    const device = await server.newDevice('Bu Ani');
    const name = `first-pull-${Date.now()}`;
    const fetchCut = faultyFetch(async (url, _init, forward) => {
      if (url.includes('/sync/pull')) pulls.push(new URL(url).searchParams.get('since') ?? '');
      if (cut && pulls.length > 3) throw new TypeError('network down');
      return forward();
    });
    const phone = await testPhone(server.server.url, device, { name, fetch: fetchCut, pullPageSize: 10 });
    const seen: { received: number; total: number }[] = [];
    phone.engine.subscribe((status) => {
      // Every status change is announced; keep each progress value once.
      if (status.pullProgress && status.pullProgress !== seen.at(-1)) seen.push(status.pullProgress);
    });
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ lastError: 'network', running: false, pullProgress: null });
    expect(seen).toEqual([
      { received: 10, total },
      { received: 20, total },
      { received: 30, total },
    ]);
    expect((await phone.storage.listHouseholds()).length + (await phone.storage.listPeople()).length).toBe(30);
    const cursorAfterThreePages = await phone.storage.getPullCursor();

    // The signal comes back: the pull goes on from the third page's cursor.
    cut = false;
    pulls.length = 0;
    seen.length = 0;
    await phone.engine.syncNow();
    expect(phone.engine.getStatus().lastError).toBeNull();
    expect(pulls[0]).toBe(cursorAfterThreePages);
    expect(seen.at(0)).toEqual({ received: 10, total: total - 30 });
    expect(seen.at(-1)).toEqual({ received: total - 30, total: total - 30 });
    expect((await phone.storage.listHouseholds()).length).toBe(FAMILIES);
    expect((await phone.storage.listPeople()).length).toBe(FAMILIES);
  });
});
