import { describe, expect, it } from 'vitest';
import { servicesDue } from '../../../src/domain/services/services-of-the-day.ts';
import { vitaminAForChild, vitaminAForPostpartum } from '../../../src/domain/services/vitamin-a.ts';

describe('vitamin A', () => {
  const capsuleAt = (birthDate: string, date: string) => vitaminAForChild(birthDate, [], date);

  it('gives the capsule colour by completed months at 5, 6, 11, 12, 59 and 60 months', () => {
    const feb = '2026-02-15';
    const born = (months: number) => {
      const d = new Date(Date.UTC(2026, 1 - months, 15));
      return d.toISOString().slice(0, 10);
    };
    expect(capsuleAt(born(5), feb)).toMatchObject({ ageMonths: 5, capsule: null, due: false });
    expect(capsuleAt(born(6), feb)).toMatchObject({ ageMonths: 6, capsule: 'blue', due: true, doseIu: 100000 });
    expect(capsuleAt(born(11), feb)).toMatchObject({ ageMonths: 11, capsule: 'blue', due: true });
    expect(capsuleAt(born(12), feb)).toMatchObject({ ageMonths: 12, capsule: 'red', due: true, doseIu: 200000 });
    expect(capsuleAt(born(59), feb)).toMatchObject({ ageMonths: 59, capsule: 'red', due: true });
    expect(capsuleAt(born(60), feb)).toMatchObject({ ageMonths: 60, capsule: null, due: false });
  });

  it('turns 6 months on the clamped anniversary (born 31 August, 6 months on 28 February)', () => {
    expect(capsuleAt('2025-08-31', '2026-02-27')).toMatchObject({ ageMonths: 5, due: false });
    expect(capsuleAt('2025-08-31', '2026-02-28')).toMatchObject({ ageMonths: 6, capsule: 'blue', due: true });
  });

  it('is due in February and August, and in the sweeping month after for a child who missed the round', () => {
    expect(capsuleAt('2024-01-15', '2026-02-01').isVitaminAMonth).toBe(true);
    expect(capsuleAt('2024-01-15', '2026-08-31').due).toBe(true);
    expect(capsuleAt('2024-01-15', '2026-03-01')).toMatchObject({
      isVitaminAMonth: false,
      isSweepingMonth: true,
      due: true,
    });
    expect(capsuleAt('2024-01-15', '2026-03-31').due).toBe(true);
    expect(capsuleAt('2024-01-15', '2026-04-01')).toMatchObject({ isSweepingMonth: false, due: false });
    expect(capsuleAt('2024-01-15', '2026-07-31').due).toBe(false);
    expect(capsuleAt('2024-01-15', '2026-09-30').isSweepingMonth).toBe(true);
    const given = [{ service: 'vitamin_a_red', date: '2026-02-27' }];
    expect(vitaminAForChild('2024-01-15', given, '2026-03-01')).toMatchObject({ givenThisRound: true, due: false });
    // A capsule given in September counts for the August round, not for the next February.
    const lateAugust = [{ service: 'vitamin_a_red', date: '2026-09-05' }];
    expect(vitaminAForChild('2024-01-15', lateAugust, '2026-09-20').due).toBe(false);
    expect(vitaminAForChild('2024-01-15', lateAugust, '2027-02-01').due).toBe(true);
  });

  it('is not due again in the same round, and blue is given only once', () => {
    const red = vitaminAForChild('2024-01-15', [{ service: 'vitamin_a_red', date: '2026-02-03' }], '2026-02-20');
    expect(red).toMatchObject({ givenThisRound: true, due: false });
    // Born 15 Aug 2025: blue in February 2026 at 6 months, still 11 months on 1 August 2026.
    const blueAgain = vitaminAForChild('2025-08-15', [{ service: 'vitamin_a_blue', date: '2026-02-16' }], '2026-08-01');
    expect(blueAgain).toMatchObject({ ageMonths: 11, capsule: 'blue', due: false });
    expect(vitaminAForChild('2025-08-15', [], '2026-08-01').due).toBe(true);
  });

  it('gives a mother two red capsules within the nifas period', () => {
    expect(vitaminAForPostpartum('2026-03-10', [], '2026-03-10')).toMatchObject({ due: true, given: 0, needed: 2 });
    const one = [{ service: 'vitamin_a_red', date: '2026-03-10' }];
    expect(vitaminAForPostpartum('2026-03-10', one, '2026-03-11')).toMatchObject({ due: true, given: 1 });
    const two = [...one, { service: 'vitamin_a_red', date: '2026-03-11' }];
    expect(vitaminAForPostpartum('2026-03-10', two, '2026-03-12').due).toBe(false);
    expect(vitaminAForPostpartum('2026-03-10', [], '2026-04-22').due).toBe(false);
  });
});

describe('services of the day', () => {
  const codes = (list: { code: string }[]) => list.map((s) => s.code);

  it('gives a pregnant woman a month of iron at every monthly visit, past 90 tablets too (90 is the minimum)', () => {
    const woman = { birthDate: '1998-04-01', sex: 'female' as const, pregnant: true, ironTabletsThisPregnancy: 75 };
    const month = [{ code: 'ttd', reason: 'iron_pregnancy', quantity: 30 }];
    expect(servicesDue(woman, [], '2026-05-10')).toEqual(month);
    expect(servicesDue(woman, [{ service: 'ttd', date: '2026-05-02' }], '2026-05-10')).toEqual([]);
    expect(servicesDue({ ...woman, ironTabletsThisPregnancy: 89 }, [], '2026-05-10')).toEqual(month);
    expect(servicesDue({ ...woman, ironTabletsThisPregnancy: 90 }, [], '2026-05-10')).toEqual(month);
    expect(servicesDue({ ...woman, ironTabletsThisPregnancy: 91 }, [], '2026-05-10')).toEqual(month);
  });

  it('gives adolescent girls 12-18 years their monthly weekly-tablet supply, not boys', () => {
    expect(codes(servicesDue({ birthDate: '2014-05-10', sex: 'female' }, [], '2026-05-10'))).toEqual(['ttd']);
    expect(codes(servicesDue({ birthDate: '2014-05-11', sex: 'female' }, [], '2026-05-10'))).toEqual([]);
    expect(codes(servicesDue({ birthDate: '2014-05-10', sex: 'male' }, [], '2026-05-10'))).toEqual([]);
    expect(codes(servicesDue({ birthDate: '2007-05-11', sex: 'female' }, [], '2026-05-10'))).toEqual(['ttd']);
    expect(codes(servicesDue({ birthDate: '2007-05-10', sex: 'female' }, [], '2026-05-10'))).toEqual([]);
  });

  it('gives supplementary food to a child not growing and to a KEK mother', () => {
    expect(codes(servicesDue({ birthDate: '2025-01-01', sex: 'male', kmsStatus: '2T' }, [], '2026-05-10'))).toEqual([
      'pmt',
    ]);
    expect(codes(servicesDue({ birthDate: '2025-01-01', sex: 'male', kmsStatus: 'N' }, [], '2026-05-10'))).toEqual([]);
    const kek = { birthDate: '1998-04-01', sex: 'female' as const, kek: true };
    expect(codes(servicesDue(kek, [], '2026-05-10'))).toEqual(['pmt']);
  });

  it('gives ORS and zinc for diarrhoea with the dose by age', () => {
    const young = servicesDue({ birthDate: '2026-01-01', sex: 'male', hasDiarrhoea: true }, [], '2026-05-10');
    expect(young).toEqual([
      { code: 'oralit', reason: 'diarrhoea' },
      { code: 'zinc', reason: 'diarrhoea', quantity: 10, detail: '10 mg' },
    ]);
    const older = servicesDue({ birthDate: '2025-01-01', sex: 'male', hasDiarrhoea: true }, [], '2026-05-10');
    expect(older[1]).toMatchObject({ detail: '20 mg' });
    expect(codes(servicesDue({ birthDate: '1990-01-01', sex: 'male', hasDiarrhoea: true }, [], '2026-05-10'))).toEqual([
      'oralit',
    ]);
  });

  it('includes vitamin A (and obat cacing) in February and August', () => {
    const list = servicesDue({ birthDate: '2025-01-01', sex: 'female' }, [], '2026-08-05');
    expect(list).toEqual([
      { code: 'vitamin_a_red', reason: 'vitamin_a_round', quantity: 1, detail: 'red' },
      { code: 'obat_cacing', reason: 'deworming', quantity: 1 },
    ]);
  });

  it('gives obat cacing to children 12-59 months in February and August, once a round', () => {
    const at = (birthDate: string, date: string, services: { service: string; date: string }[] = []) =>
      codes(servicesDue({ birthDate, sex: 'male' }, services, date));
    expect(at('2025-08-13', '2026-08-12')).not.toContain('obat_cacing'); // 11 months
    expect(at('2025-08-12', '2026-08-12')).toContain('obat_cacing'); // 12 months
    expect(at('2021-08-13', '2026-08-12')).toContain('obat_cacing'); // 59 months
    expect(at('2021-08-12', '2026-08-12')).not.toContain('obat_cacing'); // 60 months
    expect(at('2024-01-01', '2026-07-31')).not.toContain('obat_cacing');
    expect(at('2024-01-01', '2026-08-20', [{ service: 'obat_cacing', date: '2026-08-02' }])).not.toContain(
      'obat_cacing',
    );
  });
});
