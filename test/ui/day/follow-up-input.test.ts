import { describe, expect, it } from 'vitest';
import type { Person, Pregnancy, Visit } from '../../../protocol/index.ts';
import { deliveries, packageMissing } from '../../../src/ui/screens/day/follow-up-input.ts';
import type { PosyanduSnapshot } from '../../../src/ui/screens/day/posyandu-snapshot.ts';

const meta = {
  posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  recordedBy: { kaderId: 'k', deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60' },
  recordedAt: '2026-11-01T08:00:00Z',
  hlc: '001761984000000:00000:dev',
};

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

function snapshotOf(people: Person[], visits: Visit[], pregnancies: Pregnancy[] = []): PosyanduSnapshot {
  const histories = new Map(
    people.map((p) => [
      p.id,
      {
        measurements: [],
        immunizations: [],
        services: [],
        pregnancies: pregnancies.filter((x) => x.personId === p.id),
        visits: visits.filter((v) => v.personId === p.id),
        screenings: [],
      },
    ]),
  );
  return {
    people,
    referrals: [],
    byId: new Map(people.map((p) => [p.id, p])),
    histories,
    flat: { measurements: [], immunizations: [], services: [], pregnancies, visits, screenings: [] },
  };
}

describe('home-visit inputs from the register', () => {
  it('turns what a visitor still lacked at the end of a recent posyandu day into missing items', () => {
    const toddler = person('toddler', '2025-01-10', 'female');
    const registration: Visit = { ...meta, id: 'v1', personId: 'toddler', date: '2026-11-03', kind: 'posyandu' };
    const found = packageMissing(snapshotOf([toddler], [registration]), '2026-11-20');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ personId: 'toddler', date: '2026-11-03' });
    expect(found[0]!.items.map((i) => i.code)).toContain('weightKg');
    // Past the next monthly day, an old posyandu day no longer raises tasks.
    expect(packageMissing(snapshotOf([toddler], [registration]), '2026-12-10')).toEqual([]);
  });

  it('finds deliveries and the newborn for KF and KN visits', () => {
    const mother = person('mother', '1995-01-01', 'female', { relationToHead: 'spouse' });
    const baby = person('baby', '2026-11-10', 'male', { motherId: 'mother' });
    const ended: Pregnancy = {
      ...meta,
      id: 'p2',
      personId: 'mother',
      estimatedDueDate: '2026-11-15',
      outcome: 'live_birth',
      outcomeDate: '2026-11-10',
      supersedes: 'p1',
    };
    expect(deliveries(snapshotOf([mother, baby], [], [ended]))).toEqual([
      { motherId: 'mother', childId: 'baby', date: '2026-11-10' },
    ]);
  });
});
