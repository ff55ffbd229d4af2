import { describe, expect, it } from 'vitest';
import type { Measurement, Person, Visit } from '../../../protocol/index.ts';
import { dayView, registeredToday } from '../../../src/ui/screens/day/day-view.ts';
import type { DayData } from '../../../src/ui/screens/day/day-data.ts';
import { emptyHistory } from '../../../src/ui/screens/day/visitor-data.ts';

const meta = {
  posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  recordedBy: { kaderId: 'k', deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60' },
  recordedAt: '2026-11-01T08:00:00Z',
  hlc: '001761984000000:00000:dev',
};
const today = '2026-11-10';

function person(id: string, birthDate: string, sex: 'male' | 'female', extra: Partial<Person> = {}): Person {
  return {
    ...meta,
    id,
    householdId: 'h',
    name: id,
    sex,
    birthDate,
    relationToHead: 'child',
    jkn: { member: false },
    status: 'active',
    ...extra,
  };
}

/** The day's data as loadDayData reads it from storage: the visitors' histories, today's visits, this month. */
function snapshotOf(people: Person[], visits: Visit[], measurements: Measurement[] = []): DayData {
  const todayVisits = visits.filter((v) => v.date === today);
  const visitorIds = new Set(todayVisits.map((v) => v.personId));
  const histories = new Map(
    people
      .filter((p) => visitorIds.has(p.id))
      .map((p) => [
        p.id,
        {
          ...emptyHistory(),
          measurements: measurements.filter((m) => m.personId === p.id),
          visits: visits.filter((v) => v.personId === p.id),
        },
      ]),
  );
  return {
    people,
    byId: new Map(people.map((p) => [p.id, p])),
    todayVisits,
    histories,
    immunizations: new Map(),
    weighedThisMonth: new Set(
      measurements
        .filter((m) => m.weightKg !== undefined && m.date.startsWith(today.slice(0, 7)))
        .map((m) => m.personId),
    ),
  };
}

describe("the posyandu day's view", () => {
  const toddler = person('toddler', '2025-06-10', 'female');
  const baby = person('baby', '2026-09-01', 'male');
  const gone = person('gone', '2025-01-01', 'male', { status: 'moved_out' });
  const adult = person('adult', '1990-01-01', 'female', { relationToHead: 'spouse' });
  const visit = (id: string, personId: string, date = today): Visit => ({
    ...meta,
    id,
    personId,
    date,
    kind: 'posyandu',
  });
  const weighed: Measurement = { ...meta, id: 'm1', personId: 'baby', date: '2026-11-02', weightKg: 4.1 };
  const snapshot = snapshotOf(
    [toddler, baby, gone, adult],
    [visit('v1', 'toddler'), visit('v2', 'toddler'), visit('v3', 'adult'), visit('v4', 'baby', '2026-10-10')],
    [weighed],
  );
  const view = dayView(snapshot, today);

  it("lists today's visitors once each, grouped by life stage", () => {
    expect(view.visitors.map((v) => v.person.id)).toEqual(['toddler', 'adult']);
    expect(view.byStage.get('baby_toddler')?.map((v) => v.person.id)).toEqual(['toddler']);
    expect(view.byStage.get('adult')?.map((v) => v.person.id)).toEqual(['adult']);
  });

  it('expects the active under-fives not weighed this month, not those who moved out', () => {
    expect(view.notWeighed.map((p) => p.id)).toEqual(['toddler']);
    expect(view.dueChildren).not.toContain('gone');
    expect(view.dueChildren).toContain('toddler');
  });

  it('knows who is registered today already', () => {
    expect(registeredToday(snapshot, 'toddler', today)).toBe(true);
    expect(registeredToday(snapshot, 'baby', today)).toBe(false);
    expect(registeredToday(undefined, 'toddler', today)).toBe(false);
  });
});
