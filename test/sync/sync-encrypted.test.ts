import { Dexie } from 'dexie';
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

async function encryptedPhone(name: string, pin: string) {
  const phone = await testPhone(server.server.url, await server.newDevice(name));
  await phone.storage.setFirstPin(pin);
  return phone;
}

/** The phone's database as a copy of its files would show it: every table, byte fields as text. */
async function rawDump(name: string): Promise<string> {
  const raw = new Dexie(name);
  await raw.open();
  const rows: unknown[] = [];
  for (const table of raw.tables) rows.push(await table.toArray());
  raw.close();
  return JSON.stringify(rows, (_key, value: unknown) =>
    value instanceof Uint8Array ? String.fromCharCode(...value) : value,
  );
}

describe('sync on encrypted phones', () => {
  it('pushes, pulls and merges field by field with both phones encrypted; the pulled rows are ciphertext too', async () => {
    const a = await encryptedPhone('Bu Sri', '111222');
    const b = await encryptedPhone('Bu Ani', '333444');
    const { household, members } = await a.storage.saveHouseholdWithMembers({
      household: householdInput(),
      members: familyMembers(),
    });
    await a.storage.recordEvent('measurements', { personId: members[2]!.id, date: '2026-01-05', weightKg: 9.1 });
    await a.engine.syncNow();
    expect(await a.storage.countPending()).toBe(0);
    await b.engine.syncNow();
    // What the second phone says it received: the household, its members and the weighing.
    expect(b.engine.getStatus().lastReceived).toBe(1 + members.length + 1);
    expect(await b.storage.getHousehold(household.id)).toEqual(household);
    expect((await b.storage.searchPeople('sit')).map((p) => p.id)).toEqual([members[1]!.id]);
    expect(await rawDump(b.storage.name)).not.toContain('Siti');

    await b.storage.updatePerson(members[1]!.id, { phone: '081111111111' });
    await a.storage.updatePerson(members[1]!.id, { birthPlace: 'Garut' });
    await b.engine.syncNow();
    await a.engine.syncNow();
    await b.engine.syncNow();
    for (const phone of [a, b]) {
      expect(await phone.storage.getPerson(members[1]!.id)).toMatchObject({
        phone: '081111111111',
        birthPlace: 'Garut',
      });
    }
  });

  it('a sync while locked loses nothing: the queue waits and goes out after the PIN', async () => {
    const a = await encryptedPhone('Bu Rina', '555666');
    await a.storage.saveHouseholdWithMembers({ household: householdInput(), members: familyMembers() });
    a.storage.lock();
    await a.engine.syncNow();
    expect(await a.storage.countPending()).toBe(4);
    expect(await a.storage.unlock('555666')).toEqual({ ok: true });
    await a.engine.syncNow();
    expect(await a.storage.countPending()).toBe(0);
    expect(a.engine.getStatus().lastError).toBeNull();
  });
});
