// The day screen reads only part of the posyandu (day-data.ts) instead of every table: its lists must stay what
// they were when computed from the whole snapshot. A seeded posyandu with three years of history goes into a real
// storage (fake-indexeddb, through the pull), some of it registered today, a few visitors measured and given a
// dose today; the new reads and the frozen old computation (reference/day-view-v1.ts) must agree on everything.
import { afterAll, describe, expect, it } from 'vitest';
import type { PulledChange } from '../../../protocol/index.ts';
import { META_FIELDS } from '../../../protocol/record-meta.ts';
import { generatePosyandu } from '../../../server/src/seed/generate-posyandu.ts';
import { seedChanges } from '../../../server/src/seed/seed-changes.ts';
import { uuidV7 } from '../../../server/src/seed/uuid-v7.ts';
import { setDefaultStorage } from '../../../src/storage/index.ts';
import { loadDayData } from '../../../src/ui/screens/day/day-data.ts';
import { dayView } from '../../../src/ui/screens/day/day-view.ts';
import { loadPosyanduSnapshot } from '../../../src/ui/screens/day/posyandu-snapshot.ts';
import { enrolledStorage, enrollment } from '../../storage/fixtures.ts';
import { dayViewV1 } from './reference/day-view-v1.ts';

const today = '2026-11-20';

async function seededStorage() {
  const data = generatePosyandu({
    seed: 20_261_201,
    posyanduId: enrollment.posyanduId,
    deviceId: enrollment.deviceId,
    kaderId: enrollment.kaderId,
    households: 80,
    asOf: today,
  });
  const template = data.visits[0];
  if (!template) throw new Error('the seed has no visit');
  const meta = Object.fromEntries(META_FIELDS.map((field) => [field, template[field]]));
  const visitors = data.persons.filter((_, i) => i % 4 === 0);
  const visits = visitors.map((p, i) => ({
    ...meta,
    id: uuidV7(Date.parse(`${today}T08:00:00Z`) + i),
    personId: p.id,
    date: today,
    kind: 'posyandu' as const,
  }));
  // Someone registered twice, and a home visit today: neither may change who is listed.
  const first = visitors[0];
  if (first) visits.push({ ...visits[0]!, id: uuidV7(Date.parse(`${today}T09:00:00Z`)), personId: first.id });
  const changes = seedChanges({ ...data, visits: [...data.visits, ...(visits as typeof data.visits)] });
  const storage = await enrolledStorage();
  const pulled: PulledChange[] = changes.map((c) => ({
    table: c.table,
    op: 'upsert',
    record: c.record,
    hlc: String(c.record.hlc),
  }));
  const summary = await storage.applyPulledChanges(pulled, 'c1');
  if (summary.applied !== pulled.length) throw new Error(`applied ${summary.applied} of ${pulled.length}`);
  setDefaultStorage(storage);
  return { people: data.persons.length, visitors: visitors.length };
}

describe("the day screen's own reads", () => {
  afterAll(() => setDefaultStorage(null));

  it('give the same lists as the whole posyandu snapshot', async () => {
    const seeded = await seededStorage();
    const [data, snapshot] = await Promise.all([loadDayData(today), loadPosyanduSnapshot()]);
    const now = dayView(data, today);
    const before = dayViewV1(snapshot, today);
    expect(now.visitors.length).toBe(seeded.visitors);
    expect(now.visitors.map((v) => [v.person.id, v.pkg])).toEqual(before.visitors.map((v) => [v.person.id, v.pkg]));
    expect(now.dueDoses.length).toBeGreaterThan(0);
    expect(now.dueDoses).toEqual(before.dueDoses);
    expect(now.dueChildren).toEqual(before.dueChildren);
    expect(now.notWeighed.length).toBeGreaterThan(0);
    expect(now.notWeighed.map((p) => p.id)).toEqual(before.notWeighed.map((p) => p.id));
    // Fewer records read: only the visitors' histories and the under-fives' immunisations.
    const read = [...data.histories.values()].reduce((n, h) => n + h.measurements.length, 0);
    expect(read).toBeLessThan(snapshot.flat.measurements.length);
  }, 60_000);
});
