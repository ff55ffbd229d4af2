import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyMembers, householdInput } from '../storage/fixtures.ts';
import { faultyFetch, isPush, testPhone } from './support/client.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';

let server: SyncTestServer;

beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('the phone reports its health with each push', () => {
  it('sends its app version and the queue counts storage keeps, and the server keeps the last report', async () => {
    const bodies: Record<string, unknown>[] = [];
    const enrollment = await server.newDevice('Bu Sri');
    const phone = await testPhone(server.server.url, enrollment, {
      appVersion: '2026.12.1',
      fetch: faultyFetch(async (url, init, forward) => {
        if (isPush(url)) bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
        return forward();
      }),
    });
    await phone.storage.saveHouseholdWithMembers({ household: householdInput(), members: familyMembers() });
    const waiting = await phone.storage.countPending();
    await phone.engine.syncNow();

    expect(bodies).toHaveLength(1);
    // One batch carried all of them: once it lands nothing waits.
    expect(waiting).toBeGreaterThan(0);
    expect(bodies[0]?.health).toMatchObject({ appVersion: '2026.12.1', pendingChanges: 0, rejectedChanges: 0 });
    const kept = await server.server.store.listDeviceHealth(enrollment.posyanduId);
    expect(kept).toEqual([
      expect.objectContaining({
        deviceId: enrollment.deviceId,
        appVersion: '2026.12.1',
        pendingChanges: 0,
        rejectedChanges: 0,
      }),
    ]);
  });
});
