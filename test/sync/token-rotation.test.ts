import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_ROTATION_MS } from '../../src/sync/rotate-token.ts';
import { familyMembers, householdInput } from '../storage/fixtures.ts';
import { faultyFetch, testPhone } from './support/client.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';

let server: SyncTestServer;

beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const asDevice = (token: string) =>
  fetch(`${server.server.url}/api/v1/device`, { headers: { Authorization: `Bearer ${token}` } });

describe('token rotation against the real server', () => {
  it('takes a new token after a month, and the old one stops working once the new one is used', async () => {
    let clock = Date.now();
    const enrollment = await server.newDevice('Bu Sri');
    const phone = await testPhone(server.server.url, enrollment, { now: () => clock });
    await phone.engine.syncNow();
    expect((await phone.storage.getEnrollment())?.token).toBe(enrollment.token);

    clock += TOKEN_ROTATION_MS + 60_000;
    await phone.engine.syncNow();
    const rotated = (await phone.storage.getEnrollment())?.token ?? '';
    expect(rotated).not.toBe(enrollment.token);
    // Not used yet: the old token still works, so an answer lost on the way would have cost nothing.
    expect((await asDevice(enrollment.token)).status).toBe(200);

    await phone.storage.saveHouseholdWithMembers({ household: householdInput(), members: familyMembers() });
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ pending: 0, lastError: null, needsEnrollment: false });
    expect((await asDevice(enrollment.token)).status).toBe(401);
    expect((await asDevice(rotated)).status).toBe(200);
  });

  it('keeps the old token when the rotation answer is lost, and rotates at the next sync', async () => {
    let clock = Date.now();
    let dropRotation = true;
    const enrollment = await server.newDevice('Bu Ani');
    const fetchLosingRotation = faultyFetch(async (url, _init, forward) => {
      const answer = await forward();
      if (url.endsWith('/api/v1/device/token') && dropRotation) throw new TypeError('connection lost');
      return answer;
    });
    const phone = await testPhone(server.server.url, enrollment, { now: () => clock, fetch: fetchLosingRotation });
    await phone.engine.syncNow();
    clock += TOKEN_ROTATION_MS + 60_000;
    await phone.engine.syncNow();
    expect(phone.engine.getStatus().lastError).toBeNull();
    expect((await phone.storage.getEnrollment())?.token).toBe(enrollment.token);
    expect((await asDevice(enrollment.token)).status).toBe(200);

    dropRotation = false;
    await phone.engine.syncNow();
    const rotated = (await phone.storage.getEnrollment())?.token ?? '';
    expect(rotated).not.toBe(enrollment.token);
    await phone.engine.syncNow();
    expect((await asDevice(rotated)).status).toBe(200);
  });
});
