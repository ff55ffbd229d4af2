import { describe, expect, it } from 'vitest';
import { UUID_V7_PATTERN } from '../../protocol/index.ts';
import { PosyanduDb } from '../../src/storage/db.ts';
import { NotEnrolledError, openStorage, ValidationError } from '../../src/storage/index.ts';
import { enrolledStorage, enrollment, familyMembers, householdInput, saveFamily, uniqueDbName } from './fixtures.ts';
import { wireChange } from '../../src/storage/outbox-wire.ts';

async function tableCounts(db: PosyanduDb) {
  return {
    households: await db.households.count(),
    persons: await db.persons.count(),
    outbox: await db.outbox.count(),
  };
}

describe('saveHouseholdWithMembers', () => {
  it('stores the household, its members and one outbox entry each, with meta filled in', async () => {
    const storage = await enrolledStorage();
    const { household, members } = await saveFamily(storage);

    expect(household.id).toMatch(UUID_V7_PATTERN);
    expect(household.posyanduId).toBe(enrollment.posyanduId);
    expect(household.recordedBy).toEqual({ kaderId: enrollment.kaderId, deviceId: enrollment.deviceId });
    expect(household.hlc.endsWith(`:${enrollment.deviceId}`)).toBe(true);
    expect(members.map((m) => m.householdId)).toEqual([household.id, household.id, household.id]);
    expect(members[2]?.motherId).toBe(members[1]?.id);

    const batch = await storage.takeBatch(100, 1_000_000);
    expect(batch?.entries.map((e) => [e.table, e.recordId, e.op])).toEqual([
      ['households', household.id, 'upsert'],
      ...members.map((m) => ['persons', m.id, 'upsert']),
    ]);
    // Local index fields never travel.
    expect(batch?.entries.some((e) => '_search' in wireChange(e).record)).toBe(false);
    expect(await storage.getPerson(members[1]!.id)).toEqual(members[1]);
    // Stamps of one device strictly increase.
    const stamps = [household, ...members].map((r) => r.hlc);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('rejects a child older than its mother with the key at the field, saving nothing', async () => {
    const db = new PosyanduDb(uniqueDbName());
    const storage = await enrolledStorage({ db });
    const members = familyMembers();
    members[2] = { ...members[2]!, birthDate: '1985-01-01' };
    const error = await storage
      .saveHouseholdWithMembers({ household: householdInput(), members })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'members.2.birthDate', key: 'child_older_than_mother' },
    ]);
    expect(await tableCounts(db)).toEqual({ households: 0, persons: 0, outbox: 0 });
  });

  it('reports every problem of the form at once: wrong NIK, empty name, future birth, bad area code', async () => {
    const db = new PosyanduDb(uniqueDbName());
    const storage = await enrolledStorage({ db });
    const members = familyMembers();
    members[0] = { ...members[0]!, nik: '3201011203890001' };
    members[1] = { ...members[1]!, name: '   ' };
    members[2] = { ...members[2]!, birthDate: '2999-01-01' };
    const household = householdInput();
    household.address = { ...household.address, villageCode: '3301010001' };
    const error = (await storage
      .saveHouseholdWithMembers({ household, members })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'household.address.villageCode', key: 'area_codes_mismatch' },
        { path: 'members.0.nik', key: 'nik_birth_date' },
        { path: 'members.1.name', key: 'name_required' },
        { path: 'members.2.birthDate', key: 'birth_date_future' },
      ]),
    );
    expect(await tableCounts(db)).toEqual({ households: 0, persons: 0, outbox: 0 });
  });

  it('refuses an unknown mother reference and a male mother', async () => {
    const storage = await enrolledStorage();
    const members = familyMembers();
    members[2] = { ...members[2]!, motherRef: 'nobody' };
    await expect(storage.saveHouseholdWithMembers({ household: householdInput(), members })).rejects.toMatchObject({
      issues: [{ path: 'members.2.motherId', key: 'mother_not_found' }],
    });
    const withFather = familyMembers();
    withFather[0] = { ...withFather[0]!, ref: 'ayah' };
    withFather[2] = { ...withFather[2]!, motherRef: 'ayah' };
    await expect(
      storage.saveHouseholdWithMembers({ household: householdInput(), members: withFather }),
    ).rejects.toMatchObject({ issues: [{ path: 'members.2.birthDate', key: 'mother_not_female' }] });
  });

  it('needs an enrollment before anything can be saved', async () => {
    const storage = openStorage({ name: uniqueDbName() });
    await expect(saveFamily(storage)).rejects.toBeInstanceOf(NotEnrolledError);
  });
});

describe('record and outbox in one transaction', () => {
  it('a record write failing mid-transaction leaves no outbox entry (and no other record)', async () => {
    const db = new PosyanduDb(uniqueDbName());
    const storage = await enrolledStorage({ db });
    let creations = 0;
    db.persons.hook('creating', () => {
      creations += 1;
      if (creations === 3) throw new Error('disk full');
    });
    await expect(saveFamily(storage)).rejects.toThrow('disk full');
    expect(await tableCounts(db)).toEqual({ households: 0, persons: 0, outbox: 0 });
  });

  it('an outbox write failing leaves no record', async () => {
    const db = new PosyanduDb(uniqueDbName());
    const storage = await enrolledStorage({ db });
    const { members } = await saveFamily(storage);
    const before = await tableCounts(db);
    db.outbox.hook('creating', () => {
      throw new Error('quota exceeded');
    });
    await expect(storage.updatePerson(members[0]!.id, { phone: '081234567890' })).rejects.toThrow('quota exceeded');
    await expect(
      storage.recordEvent('measurements', { personId: members[2]!.id, date: '2026-01-05', weightKg: 9.1 }),
    ).rejects.toThrow('quota exceeded');
    expect(await tableCounts(db)).toEqual(before);
    expect(await db.measurements.count()).toBe(0);
    expect((await storage.getPerson(members[0]!.id))?.phone).toBeUndefined();
  });
});

describe('edits', () => {
  it('updatePerson records the edited field names; moved out and deceased keep the person', async () => {
    const storage = await enrolledStorage();
    const { members } = await saveFamily(storage);
    const before = members[0]!;
    const edited = await storage.updatePerson(before.id, { phone: '081234567890' });
    expect(edited.hlc > before.hlc).toBe(true);
    await storage.markPersonMovedOut(members[1]!.id, '2026-02-01');
    await storage.markPersonDeceased(members[0]!.id, '2026-03-01');

    const batch = await storage.takeBatch(100, 10_000_000);
    const edits = batch!.entries.slice(4);
    expect(edits.map((e) => wireChange(e).fields)).toEqual([
      ['phone'],
      ['status', 'statusDate'],
      ['status', 'statusDate'],
    ]);
    expect(await storage.getPerson(members[1]!.id)).toMatchObject({ status: 'moved_out', statusDate: '2026-02-01' });
    expect(await storage.listMembers(members[0]!.householdId)).toHaveLength(3);
  });

  it('updatePerson validates the merged record and keeps the old one on error', async () => {
    const storage = await enrolledStorage();
    const { members } = await saveFamily(storage);
    await expect(storage.updatePerson(members[2]!.id, { birthDate: '1980-01-01' })).rejects.toMatchObject({
      issues: [{ path: 'birthDate', key: 'child_older_than_mother' }],
    });
    await expect(storage.updatePerson(members[0]!.id, { phone: '12345' })).rejects.toMatchObject({
      issues: [{ path: 'phone', key: 'phone_format' }],
    });
    expect(await storage.getPerson(members[2]!.id)).toEqual(members[2]);
    expect(await storage.countPending()).toBe(4);
  });

  it('updateHousehold re-indexes the members under a new family card number', async () => {
    const storage = await enrolledStorage();
    const { household } = await saveFamily(storage);
    await storage.updateHousehold(household.id, { familyCardNumber: '3201019999990001' });
    expect(await storage.searchPeople('320101999')).toHaveLength(3);
    expect(await storage.searchPeople('3201010101230001')).toHaveLength(0);
    expect((await storage.getHousehold(household.id))?.familyCardNumber).toBe('3201019999990001');
  });
});

describe('searchPeople', () => {
  it('finds by the prefix of any name word, NIK or family card, from the index', async () => {
    const storage = await enrolledStorage();
    await saveFamily(storage);
    await saveFamily(storage, { familyCardNumber: '3201010101230002', headName: 'Agus' });
    expect((await storage.searchPeople('sit')).map((p) => p.name)).toEqual(["Siti Nur'aini", "Siti Nur'aini"]);
    expect((await storage.searchPeople('NURA')).length).toBe(2);
    expect((await storage.searchPeople('lest dew')).map((p) => p.name)).toEqual(['Dewi Lestari', 'Dewi Lestari']);
    expect((await storage.searchPeople('320101570890')).map((p) => p.name)).toEqual(["Siti Nur'aini", "Siti Nur'aini"]);
    expect(await storage.searchPeople('3201010101230002')).toHaveLength(3);
    expect(await storage.searchPeople('320101', 4)).toHaveLength(4);
    expect(await storage.searchPeople('zzz')).toEqual([]);
    expect(await storage.searchPeople('  ')).toEqual([]);
  });
});

describe('events and the timeline', () => {
  it('lists every event of a person across tables, newest first', async () => {
    const storage = await enrolledStorage();
    const { members } = await saveFamily(storage);
    const child = members[2]!.id;
    const mother = members[1]!.id;
    await storage.recordEvent('measurements', { personId: child, date: '2026-01-05', weightKg: 9.1 });
    await storage.recordEvent('immunizations', { personId: child, date: '2026-02-05', vaccine: 'mr_1' });
    await storage.recordEvent('measurements', { personId: child, date: '2026-02-05', weightKg: 9.4 });
    await storage.recordEvent('services', { personId: child, date: '2025-08-10', service: 'vitamin_a_blue' });
    await storage.recordEvent('visits', { personId: mother, date: '2026-02-05', kind: 'posyandu' });

    const timeline = await storage.listEventsForPerson(child);
    expect(timeline.map((e) => [e.table, e.date])).toEqual([
      ['measurements', '2026-02-05'],
      ['immunizations', '2026-02-05'],
      ['measurements', '2026-01-05'],
      ['services', '2025-08-10'],
    ]);
    expect(await storage.countPending()).toBe(9);
  });

  it('validates events and refuses an unknown person', async () => {
    const storage = await enrolledStorage();
    const { members } = await saveFamily(storage);
    await expect(
      storage.recordEvent('measurements', { personId: members[2]!.id, date: '2026-13-01', weightKg: -1 }),
    ).rejects.toMatchObject({
      issues: expect.arrayContaining([
        { path: 'date', key: 'date_format' },
        { path: 'weightKg', key: 'weight_range' },
      ]),
    });
    await expect(
      storage.recordEvent('measurements', { personId: '019a0000-0000-7000-8000-000000000009', date: '2026-01-01' }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(await storage.countPending()).toBe(4);
  });
});
