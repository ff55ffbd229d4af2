// A pulled page leaves the day roster's marks (day-roster-marks.ts) in its own transaction: on a new phone, or
// when a page touches many children, one "everything" mark and no mark per child (a first pull used to write a
// meta row per child on every page); a small page onto a built roster still marks just the children it touched.
// Either way the roster read after it holds what was pulled.
import { describe, expect, it } from 'vitest';
import type { PulledChange } from '../../protocol/index.ts';
import { generatePosyandu } from '../../server/src/seed/generate-posyandu.ts';
import { seedChanges } from '../../server/src/seed/seed-changes.ts';
import { uuidV7 } from '../../server/src/seed/uuid-v7.ts';
import { PosyanduDb } from '../../src/storage/db.ts';
import { ROSTER_MARK_ALL, ROSTER_MARK_PREFIX } from '../../src/storage/day-roster-marks.ts';
import { openStorage } from '../../src/storage/index.ts';
import { enrollment, uniqueDbName } from './fixtures.ts';

const today = '2026-12-03';

function posyanduChanges(): PulledChange[] {
  const data = generatePosyandu({
    seed: 1_412_032,
    posyanduId: enrollment.posyanduId,
    deviceId: enrollment.deviceId,
    kaderId: enrollment.kaderId,
    households: 40,
    asOf: '2026-11-28',
  });
  return seedChanges(data).map((c) => ({ table: c.table, op: 'upsert', record: c.record, hlc: String(c.record.hlc) }));
}

async function lockedPhone() {
  const db = new PosyanduDb(uniqueDbName('pull-marks'));
  const storage = openStorage({ db, pinIterations: 1_000 });
  await storage.saveEnrollment(enrollment);
  await storage.setFirstPin('246810');
  const marks = async () =>
    (await db.meta.where('key').startsWith(ROSTER_MARK_PREFIX).primaryKeys()).map(String).sort();
  return { db, storage, marks };
}

describe("a pulled page's day roster marks", () => {
  it('are one "everything" mark on a new phone, and the roster then holds every child pulled', async () => {
    const { storage, marks } = await lockedPhone();
    const changes = posyanduChanges();
    const half = Math.floor(changes.length / 2);
    await storage.applyPulledChanges(changes.slice(0, half), 'c1');
    await storage.applyPulledChanges(changes.slice(half), 'c2');
    expect(await marks()).toEqual([ROSTER_MARK_ALL]);

    const roster = await storage.readDayRoster(today);
    await storage.dayRosterSettled();
    const children = changes.filter(
      (c) => c.table === 'persons' && String(c.record.birthDate) > '2021-12-03' && c.record.deletedAt === undefined,
    );
    expect(roster.length).toBeGreaterThan(5);
    expect(new Set(roster.map((child) => child.person.id))).toEqual(new Set(children.map((c) => String(c.record.id))));
    expect(await marks()).toEqual([]);
  });

  it('mark only the children a small page touches once the roster is built, and the roster shows the weighing', async () => {
    const { storage, marks } = await lockedPhone();
    const changes = posyanduChanges();
    await storage.applyPulledChanges(changes, 'c1');
    const before = await storage.readDayRoster(today);
    await storage.dayRosterSettled();
    const child = before.find((c) => !c.weighedThisMonth)!.person;
    const template = changes.find((c) => c.table === 'measurements' && c.record.personId === child.id)!.record;
    const weighed = { ...template, id: uuidV7(Date.parse(`${today}T08:00:00Z`)), date: today, weightKg: 11.2 };
    await storage.applyPulledChanges(
      [{ table: 'measurements', op: 'upsert', record: weighed, hlc: String(template.hlc) }],
      'c2',
    );
    expect(await marks()).toEqual([ROSTER_MARK_PREFIX + child.id]);
    const after = await storage.readDayRoster(today);
    expect(after.find((c) => c.person.id === child.id)?.weighedThisMonth).toBe(true);
  });
});
