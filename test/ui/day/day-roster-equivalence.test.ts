// The day roster (src/storage/day-roster.ts) is derived data: after any write, whoever makes it, the day screen's
// lists must be what the frozen whole-snapshot computation (reference/day-view-v1.ts) gives. A seeded posyandu
// with three years of history on an encrypted phone: pulled, then recorded on, edited, pulled again, purged, a
// roster of an older version and a new month; after each step the lists are compared, and the marks are cleared.
import { afterAll, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { formatHlc, type Person, type PulledChange } from '../../../protocol/index.ts';
import { META_FIELDS } from '../../../protocol/record-meta.ts';
import { generatePosyandu } from '../../../server/src/seed/generate-posyandu.ts';
import { seedChanges } from '../../../server/src/seed/seed-changes.ts';
import { uuidV7 } from '../../../server/src/seed/uuid-v7.ts';
import { PosyanduDb } from '../../../src/storage/db.ts';
import { ROSTER_MARK_PREFIX } from '../../../src/storage/day-roster-marks.ts';
import { ROSTER_KEY } from '../../../src/storage/day-roster.ts';
import { openStorage, setDefaultStorage, watch } from '../../../src/storage/index.ts';
import { loadDayData } from '../../../src/ui/screens/day/day-data.ts';
import { dayView } from '../../../src/ui/screens/day/day-view.ts';
import { loadPosyanduSnapshot } from '../../../src/ui/screens/day/posyandu-snapshot.ts';
import { enrollment, uniqueDbName } from '../../storage/fixtures.ts';
import { dayViewV1 } from './reference/day-view-v1.ts';

// Early in the month after the seed's last posyandu day: most children are not weighed yet this month.
const today = '2026-12-03';
const seededUpTo = '2026-11-28';
const name = uniqueDbName('day-roster');
const db = new PosyanduDb(name);
const storage = openStorage({ db, pinIterations: 1_000 });

function seededChanges() {
  const data = generatePosyandu({
    seed: 20_261_201,
    posyanduId: enrollment.posyanduId,
    deviceId: enrollment.deviceId,
    kaderId: enrollment.kaderId,
    households: 80,
    asOf: seededUpTo,
  });
  const template = data.visits[0];
  if (!template) throw new Error('the seed has no visit');
  const meta = Object.fromEntries(META_FIELDS.map((field) => [field, template[field]]));
  const visits = data.persons
    .filter((_, i) => i % 5 === 0)
    .map((p, i) => ({ ...meta, id: uuidV7(Date.parse(`${today}T08:00:00Z`) + i), personId: p.id, date: today }))
    .map((v) => ({ ...v, kind: 'posyandu' as const }));
  return seedChanges({ ...data, visits: [...data.visits, ...(visits as typeof data.visits)] });
}

const asPulled = (changes: ReturnType<typeof seededChanges>): PulledChange[] =>
  changes.map((c) => ({ table: c.table, op: 'upsert', record: c.record, hlc: String(c.record.hlc) }));

/** The new lists equal the old whole-snapshot computation on `day`; returns them. */
async function expectSameLists(day = today) {
  const [data, snapshot] = await Promise.all([loadDayData(day), loadPosyanduSnapshot()]);
  const now = dayView(data, day);
  const before = dayViewV1(snapshot, day);
  expect(now.visitors.map((v) => [v.person.id, v.pkg])).toEqual(before.visitors.map((v) => [v.person.id, v.pkg]));
  expect(now.dueDoses).toEqual(before.dueDoses);
  expect(now.dueChildren).toEqual(before.dueChildren);
  expect(now.notWeighed.map((p) => p.id)).toEqual(before.notWeighed.map((p) => p.id));
  await storage.dayRosterSettled();
  return now;
}

/** The stored rows as IndexedDB holds them, under the encryption layer. */
async function rawMeta(): Promise<{ key: string; value?: unknown; _e?: unknown }[]> {
  const raw = new Dexie(name);
  await raw.open();
  try {
    return (await raw.table('meta').toArray()) as { key: string; value?: unknown; _e?: unknown }[];
  } finally {
    raw.close();
  }
}

const marks = async () => (await rawMeta()).filter((row) => row.key.startsWith(ROSTER_MARK_PREFIX));

describe('the day roster', () => {
  afterAll(() => {
    setDefaultStorage(null);
  });

  it('gives the lists of the whole snapshot after every kind of write, sealed, its marks cleared', async () => {
    await storage.saveEnrollment(enrollment);
    setDefaultStorage(storage);
    const changes = asPulled(seededChanges());
    const half = Math.floor(changes.length / 2);
    // Half pulled before the PIN (sealed in place by the first PIN), half after, as pulled pages.
    await storage.applyPulledChanges(changes.slice(0, half), 'c1');
    await storage.setFirstPin('246810');
    await storage.applyPulledChanges(changes.slice(half), 'c2');
    expect((await marks()).length).toBeGreaterThan(0);

    let lists = await expectSameLists();
    expect(lists.notWeighed.length).toBeGreaterThan(1);
    expect(lists.dueDoses.length).toBeGreaterThan(1);
    expect(await marks()).toEqual([]);
    const stored = (await rawMeta()).find((row) => row.key === ROSTER_KEY);
    expect(stored?._e).toBeDefined();
    expect(stored?.value).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain(lists.notWeighed[0]?.name ?? '?');

    // A kader's writes: a weight, a dose, a child moved away, a new baby.
    const weighed = lists.notWeighed[0] as Person;
    await storage.recordEvent('measurements', { personId: weighed.id, date: today, weightKg: 9.4 });
    lists = await expectSameLists();
    expect(lists.notWeighed.map((p) => p.id)).not.toContain(weighed.id);
    const dose = lists.dueDoses[0]!;
    await storage.recordEvent('immunizations', { personId: dose.personId, date: today, vaccine: dose.code });
    lists = await expectSameLists();
    expect(lists.dueDoses).not.toContainEqual(dose);
    const leaving = lists.notWeighed[0] as Person;
    await storage.markPersonMovedOut(leaving.id, today);
    lists = await expectSameLists();
    expect(lists.notWeighed.map((p) => p.id)).not.toContain(leaving.id);
    const mother = (await storage.listPeople()).find((p) => p.sex === 'female' && p.status === 'active')!;
    const baby = await storage.recordBirth({
      motherId: mother.id,
      child: { name: 'Bayi Roster', sex: 'female', birthDate: '2026-12-01' },
    });
    lists = await expectSameLists();
    expect(lists.notWeighed.map((p) => p.id)).toContain(baby.id);
    expect(await marks()).toEqual([]);

    // A pulled page: another phone's correction of a child's birth date (now six years old) and a dose.
    const child = lists.notWeighed[1] as Person;
    const later = (ms: number) =>
      formatHlc({ wallMs: Date.parse(`${today}T10:00:00Z`) + ms, counter: 0, node: 'other' });
    // (Its NIK, which encodes the birth date, taken away by the same correction.)
    const { nik: _nik, ...withoutNik } = child;
    const corrected = { ...withoutNik, birthDate: '2020-01-05', hlc: later(0) };
    const due = lists.dueDoses.find((d) => d.personId !== dose.personId && d.personId !== child.id)!;
    const template = (await storage.listEvents('immunizations'))[0]!;
    const base = { ...template, id: uuidV7(Date.parse(`${today}T10:00:00Z`)), personId: due.personId, date: today };
    const given = { ...base, vaccine: due.code, hlc: later(1) };
    const page = await storage.applyPulledChanges(
      [
        { table: 'persons', op: 'upsert', record: corrected, hlc: corrected.hlc },
        { table: 'immunizations', op: 'upsert', record: given, hlc: given.hlc },
      ],
      'c3',
    );
    expect(page.applied).toBe(2);
    lists = await expectSameLists();
    expect(lists.notWeighed.map((p) => p.id)).not.toContain(child.id);
    expect(lists.dueDoses).not.toContainEqual(due);

    // The purge, an older roster version, and the next month.
    await storage.purgeSynced(today);
    await expectSameLists();
    await db.meta.put({ key: ROSTER_KEY, value: { version: 0, builtOn: today, children: [] } });
    await expectSameLists();
    await expectSameLists('2026-12-31');
    // One child weighed in December, another in January, both patched into December's roster: rolled to
    // January, the first is due a weighing again and the second is not, from January's measurements alone.
    const [december, january] = (await loadDayData('2026-12-31')).people.filter(
      (p) => p.status === 'active' && p.birthDate > '2023-01-04',
    ) as [Person, Person];
    await storage.recordEvent('measurements', { personId: december.id, date: '2026-12-31', weightKg: 8.4 });
    await storage.recordEvent('measurements', { personId: january.id, date: '2027-01-02', weightKg: 9.1 });
    const patched = await expectSameLists('2026-12-31');
    expect(patched.notWeighed.map((p) => p.id)).not.toContain(december.id);
    expect(await marks()).toEqual([]);
    const rolled = await expectSameLists('2027-01-04');
    expect(rolled.notWeighed.map((p) => p.id)).toContain(december.id);
    expect(rolled.notWeighed.map((p) => p.id)).not.toContain(january.id);
  }, 120_000);

  it("re-runs the screen's live query when a child who is not a visitor is weighed", async () => {
    const counts: number[] = [];
    const subscription = watch(() => loadDayData(today)).subscribe((data) => {
      counts.push(dayView(data, today).notWeighed.length);
    });
    try {
      await vi.waitFor(() => expect(counts.length).toBeGreaterThan(0), { timeout: 20_000 });
      const data = await loadDayData(today);
      const child = dayView(data, today).notWeighed.find((p) => !data.histories.has(p.id)) as Person;
      const before = counts.at(-1) ?? 0;
      await storage.recordEvent('measurements', { personId: child.id, date: today, weightKg: 8.8 });
      await vi.waitFor(() => expect(counts.at(-1)).toBe(before - 1), { timeout: 10_000 });
      // The write-back from inside the live query stored the roster and cleared the marks.
      await vi.waitFor(async () => expect(await marks()).toEqual([]), { timeout: 10_000 });
    } finally {
      subscription.unsubscribe();
    }
  }, 60_000);
});
