import { describe, expect, it } from 'vitest';
import type { Household } from '../../protocol/index.ts';
import type { FollowUpTask } from '../../src/domain/posyandu-day/follow-up-tasks.ts';
import { dusunOnList, filterHouses, housesToVisit, personTasks } from '../../src/ui/screens/follow-up-houses.ts';

const meta = {
  posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  recordedBy: { kaderId: 'k', deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60' },
  recordedAt: '2026-11-01T08:00:00Z',
  hlc: '001761984000000:00000:dev',
};

function house(id: string, dusun: string, rt: string, rw: string, street = ''): Household {
  return {
    ...meta,
    id,
    headName: `Kepala ${id}`,
    address: {
      street,
      provinceCode: '33',
      regencyCode: '3301',
      districtCode: '330101',
      villageCode: '3301012001',
      dusun,
      rt,
      rw,
    },
    pisPk: {},
  };
}

function task(personId: string, extra: Partial<FollowUpTask> = {}): FollowUpTask {
  return {
    taskKey: `${personId}:${extra.kind ?? 'missed_weighing'}`,
    kind: 'missed_weighing',
    personId,
    priority: 'normal',
    closed: false,
    ...extra,
  };
}

const households = [
  house('h1', 'Krajan', '10', '1', 'Jl. Mawar 12'),
  house('h2', 'Krajan', '2', '1', 'Jl. Mawar 3'),
  house('h3', 'Kidul', '1', '2'),
  house('h4', 'Krajan', '2', '1', 'Jl. Mawar 20'),
  house('h5', 'Krajan', '2', '1', 'Jl. Mawar 4'),
];
const homeOf: Record<string, string> = { a: 'h1', b: 'h2', c: 'h3', d: 'h4', e: 'h2', f: 'h5' };

describe('the home-visit list by house', () => {
  const houses = housesToVisit(
    personTasks([
      task('a'),
      task('b'),
      task('c', { priority: 'urgent', kind: 'growth_bgm' }),
      task('d'),
      task('e', { kind: 'overdue_dose', subject: 'mr_1' }),
      task('f', { closed: true, closedOn: '2026-11-01' }),
    ]),
    (id) => homeOf[id],
    households,
  );

  it('puts everyone of one house under it, and walks dusun, RW, RT, then house numbers in number order', () => {
    expect(houses.map((h) => h.householdId)).toEqual(['h3', 'h2', 'h4', 'h1', 'h5']);
    expect(houses[1]?.people.map((p) => p.personId)).toEqual(['b', 'e']);
    // "Jl. Mawar 3" before "Jl. Mawar 20": numbers read as numbers.
    expect(houses.findIndex((h) => h.householdId === 'h2')).toBeLessThan(
      houses.findIndex((h) => h.householdId === 'h4'),
    );
  });

  it('marks an urgent house without moving it, and puts a house already visited last', () => {
    expect(houses[0]).toMatchObject({ householdId: 'h3', urgent: true });
    expect(houses.at(-1)).toMatchObject({ householdId: 'h5', open: 0 });
  });

  it('filters by dusun and by urgency', () => {
    expect(dusunOnList(houses)).toEqual(['Kidul', 'Krajan']);
    expect(filterHouses(houses, { dusun: 'krajan', urgentOnly: false }).map((h) => h.householdId)).toEqual([
      'h2',
      'h4',
      'h1',
      'h5',
    ]);
    expect(filterHouses(houses, { dusun: '', urgentOnly: true }).map((h) => h.householdId)).toEqual(['h3']);
  });

  it('keeps someone whose household is not on the phone, at the end of the open houses', () => {
    const list = housesToVisit(personTasks([task('x'), task('a')]), (id) => homeOf[id], households);
    expect(list.map((h) => h.householdId)).toEqual(['h1', 'person:x']);
  });
});
