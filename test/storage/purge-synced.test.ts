import { formatHlc, type Household } from '../../protocol/index.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { PosyanduDb } from '../../src/storage/db.ts';
import { META_LAST_PURGE_DAY, purgeSyncedRecords } from '../../src/storage/purge-synced.ts';
import { openStorage } from '../../src/storage/open-storage.ts';
import { uuidV7 } from '../../server/src/seed/uuid-v7.ts';
import { enrolledStorage, enrollment, householdInput, saveFamily, uniqueDbName } from './fixtures.ts';

const TODAY = '2026-12-01';
let db: PosyanduDb | undefined;

afterEach(() => {
  db?.close();
  db = undefined;
});

const ID = Object.fromEntries(
  ['hh', 'rina', 'budi', 'm-old', 'm-budi', 'i-old'].map((name, i) => [name, uuidV7(Date.parse('2021-01-01') + i)]),
);

const meta = (name: string) => ({
  id: ID[name] ?? name,
  posyanduId: enrollment.posyanduId,
  recordedBy: { kaderId: 'kader-9', deviceId: 'other-phone' },
  recordedAt: '2021-01-01T08:00:00.000Z',
  hlc: formatHlc({ wallMs: Date.parse('2021-01-01T08:00:00.000Z'), counter: 0, node: 'other-phone' }),
});

/** Records as a pull leaves them: in their tables, with no outbox entry. */
async function pulled(target: PosyanduDb): Promise<void> {
  await target.households.put({ ...meta('hh'), ...householdInput() } as Household);
  await target.persons.bulkPut([
    {
      ...meta('rina'),
      householdId: ID.hh ?? '',
      name: 'Rina',
      sex: 'female',
      birthDate: '2020-06-15',
      relationToHead: 'child',
      jkn: { member: false },
      status: 'active',
      _search: ['rina'],
    },
    {
      ...meta('budi'),
      householdId: ID.hh ?? '',
      name: 'Budi',
      sex: 'male',
      birthDate: '1980-06-15',
      relationToHead: 'head',
      jkn: { member: false },
      status: 'moved_out',
      statusDate: '2026-03-01',
      _search: ['budi'],
    },
  ]);
  await target.measurements.bulkPut([
    { ...meta('m-old'), personId: ID['rina'] ?? '', date: '2021-03-02', weightKg: 9 },
    { ...meta('m-budi'), personId: ID['budi'] ?? '', date: '2025-03-02', weightKg: 70 },
  ]);
  await target.immunizations.put({ ...meta('i-old'), personId: ID['rina'] ?? '', date: '2020-08-15', vaccine: 'bcg' });
}

describe('purgeSyncedRecords', () => {
  it('drops what the rule names among synced records, and nothing the outbox still holds', async () => {
    db = new PosyanduDb(uniqueDbName('purge'));
    const storage = await enrolledStorage({ db });
    await pulled(db);
    // The kader's own family, just saved: its records wait in the outbox. Toddler Dewi (2024) stays anyway; her
    // weighing dated long ago stays because it is unsynced.
    const family = await saveFamily(storage);
    const dewi = family.members.find((m) => m.name === 'Dewi Lestari');
    const unsynced = await storage.recordEvent('measurements', {
      personId: String(dewi?.id),
      date: '2024-02-05',
      weightKg: 4,
    });
    const outboxBefore = await db.outbox.count();

    const summary = await purgeSyncedRecords(db, TODAY);

    expect(summary).toEqual({ byTable: { persons: 1, measurements: 2 }, total: 3 });
    expect(await db.persons.get(ID['budi'] ?? '')).toBeUndefined();
    expect(await db.measurements.get(ID['m-budi'] ?? '')).toBeUndefined();
    expect(await db.measurements.get(ID['m-old'] ?? '')).toBeUndefined();
    expect(await db.persons.get(ID['rina'] ?? '')).toBeDefined();
    expect(await db.immunizations.get(ID['i-old'] ?? '')).toBeDefined();
    expect(await db.measurements.get(unsynced.id)).toBeDefined();
    for (const member of family.members) expect(await db.persons.get(member.id)).toBeDefined();
    expect(await db.outbox.count()).toBe(outboxBefore);
    // A second run finds nothing more.
    expect((await purgeSyncedRecords(db, TODAY)).total).toBe(0);
  });

  it('keeps a synced record once an edit of it waits in the outbox', async () => {
    db = new PosyanduDb(uniqueDbName('purge-edit'));
    const storage = await enrolledStorage({ db });
    await pulled(db);
    // The kader edits Budi (moved out long ago) on this phone: the edit is unsynced, so Budi stays.
    await storage.updatePerson(ID.budi ?? '', { phone: '081234567890' });
    const summary = await purgeSyncedRecords(db, TODAY);
    expect(await db.persons.get(ID['budi'] ?? '')).toBeDefined();
    expect(await db.measurements.get(ID['m-budi'] ?? '')).toBeDefined();
    expect(summary.byTable).toEqual({ measurements: 1 });
  });

  it('keeps a record the kader saves between the read-only pass and the deletes', async () => {
    db = new PosyanduDb(uniqueDbName('purge-between'));
    const storage = await enrolledStorage({ db });
    await pulled(db);
    // The first pass names Budi (moved out long ago) and his weighing; before the deletes the kader edits him.
    const summary = await purgeSyncedRecords(db, TODAY, async () => {
      await storage.updatePerson(ID.budi ?? '', { phone: '081234567890' });
    });
    expect(await db.persons.get(ID['budi'] ?? '')).toMatchObject({ phone: '081234567890' });
    expect(await db.measurements.get(ID['m-budi'] ?? '')).toBeDefined();
    expect(summary).toEqual({ byTable: { measurements: 1 }, total: 1 });
  });

  it('runs once a day per phone: a second start the same day does not purge again, the next day does', async () => {
    const name = uniqueDbName('purge-daily');
    db = new PosyanduDb(name);
    const first = await enrolledStorage({ db });
    await pulled(db);
    expect(await first.purgeSynced(TODAY)).toMatchObject({ total: 3 });
    expect(await db.meta.get(META_LAST_PURGE_DAY)).toEqual({ key: META_LAST_PURGE_DAY, value: TODAY });
    db.close();

    // The app starts again the same day (a new storage on the same phone); a record the rule would drop arrives.
    db = new PosyanduDb(name);
    const second = openStorage({ name, db });
    await db.measurements.put({ ...meta('m-late'), personId: ID['rina'] ?? '', date: '2021-04-02', weightKg: 9.5 });
    expect(await second.purgeSynced(TODAY)).toBeNull();
    expect(await db.measurements.get('m-late')).toBeDefined();

    expect(await second.purgeSynced('2026-12-02')).toMatchObject({ byTable: { measurements: 1 }, total: 1 });
    expect(await db.measurements.get('m-late')).toBeUndefined();
  });
});
