import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyMembers, householdInput } from '../storage/fixtures.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';
import { testPhone } from './support/client.ts';

let server: SyncTestServer;

beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

function localHousehold(posyanduOverrides: Record<string, unknown> = {}) {
  return { household: { ...householdInput(), ...posyanduOverrides }, members: familyMembers() };
}

describe('sync against the real server', () => {
  it('empties the queue, then another phone of the posyandu pulls the records', async () => {
    const a = await testPhone(server.server.url, await server.newDevice('Bu Sri'));
    const { household, members } = await a.storage.saveHouseholdWithMembers(localHousehold());
    await a.storage.recordEvent('measurements', { personId: members[2]!.id, date: '2026-01-05', weightKg: 9.1 });
    expect(await a.storage.countPending()).toBe(5);

    await a.engine.syncNow();
    const status = a.engine.getStatus();
    expect(status).toMatchObject({ pending: 0, rejected: 0, lastError: null, running: false, needsEnrollment: false });
    expect(status.lastSuccessAt).not.toBeNull();
    const onServer = await server.records();
    expect(onServer.map((r) => r.id)).toEqual(expect.arrayContaining([household.id, ...members.map((m) => m.id)]));
    for (const member of members) expect(await server.versions('persons', member.id)).toBe(1);

    const b = await testPhone(server.server.url, await server.newDevice('Bu Ani'));
    await b.engine.syncNow();
    expect(await b.storage.getHousehold(household.id)).toEqual(household);
    expect(await b.storage.getPerson(members[1]!.id)).toEqual(members[1]);
    expect(
      (await b.storage.listEventsForPerson(members[2]!.id)).map((e) => (e.record as { weightKg?: number }).weightKg),
    ).toEqual([9.1]);
    expect(await b.storage.searchPeople('siti')).toHaveLength(1);
    expect(await b.storage.countPending()).toBe(0);
  });

  it('merges edits field by field: a pending local edit survives a pull, the later edit wins', async () => {
    const a = await testPhone(server.server.url, await server.newDevice());
    const b = await testPhone(server.server.url, await server.newDevice());
    const { members } = await a.storage.saveHouseholdWithMembers(localHousehold());
    const siti = members[1]!;
    await a.engine.syncNow();
    await b.engine.syncNow();

    await b.storage.updatePerson(siti.id, { phone: '081111111111' });
    await a.storage.updatePerson(siti.id, { birthPlace: 'Garut' });
    await b.engine.syncNow();
    // A's run pulls B's phone number while A's birthPlace edit still waits, then pushes it: both survive.
    await a.engine.syncNow();
    await b.engine.syncNow();
    for (const phone of [a, b]) {
      expect(await phone.storage.getPerson(siti.id)).toMatchObject({ phone: '081111111111', birthPlace: 'Garut' });
    }
  });

  it('without a token it asks for enrollment and keeps the queue', async () => {
    const a = await testPhone(server.server.url, null);
    await a.engine.syncNow();
    expect(a.engine.getStatus().needsEnrollment).toBe(true);
  });
});
