import { beforeAll, describe, expect, it } from 'vitest';
import {
  PLAUSIBILITY_THRESHOLDS,
  type PlausibilityCheck,
  checkPlausibility,
} from '../../../src/domain/growth/plausibility.ts';
import type { GrowthTables } from '../../../src/domain/growth/who-tables.ts';
import { whoTables } from './who-tables-fixture.ts';

let growth: GrowthTables;
beforeAll(async () => {
  growth = (await whoTables()).growth;
});

const boy = { sex: 'male' as const, birthDate: '2023-01-10' };
const reasonKeys = (check: PlausibilityCheck) => {
  const result = checkPlausibility(check);
  return result.verdict === 'ok' ? [] : result.reasons.map((r) => r.key);
};

describe('plausibility at entry', () => {
  it('accepts a first measurement inside WHO’s limits', () => {
    expect(checkPlausibility({ ...boy, current: { date: '2024-01-12', weightKg: 9.6 }, previous: [], growth })).toEqual(
      { verdict: 'ok' },
    );
  });

  it('asks to re-measure a value WHO flags as implausible', () => {
    expect(reasonKeys({ ...boy, current: { date: '2024-01-12', weightKg: 25 }, previous: [], growth })).toContain(
      'who_flag_weight_for_age',
    );
    expect(
      reasonKeys({
        ...boy,
        current: { date: '2024-01-12', lengthHeightCm: 50, position: 'lying' },
        previous: [],
        growth,
      }),
    ).toEqual(['who_flag_length_for_age']);
  });

  it('asks for a lying length when a baby under 9 months was measured standing', () => {
    const baby = { sex: 'female' as const, birthDate: '2024-01-10' };
    const at = (date: string) =>
      reasonKeys({ ...baby, current: { date, lengthHeightCm: 66, position: 'standing' }, previous: [] });
    expect(at('2024-09-30')).toEqual(['standing_under_nine_months']); // 8.6 months
    expect(at('2024-10-12')).toEqual([]); // 9.1 months
  });

  it('asks to re-measure a weight far below the last one, with both values for the message', () => {
    const result = checkPlausibility({
      ...boy,
      current: { date: '2024-02-12', weightKg: 8.5 },
      previous: [{ date: '2024-01-12', weightKg: 9.6 }],
    });
    expect(result).toEqual({
      verdict: 're_measure',
      reasons: [{ key: 'weight_loss', current: 8.5, previous: 9.6, previousDate: '2024-01-12' }],
    });
    // 9 % less: within the threshold.
    expect(
      checkPlausibility({
        ...boy,
        current: { date: '2024-02-12', weightKg: 8.74 },
        previous: [{ date: '2024-01-12', weightKg: 9.6 }],
      }),
    ).toEqual({ verdict: 'ok' });
  });

  it('asks to re-measure a weight whose z-score jumped since the last weighing', () => {
    expect(
      reasonKeys({
        ...boy,
        current: { date: '2024-01-12', weightKg: 12.5 }, // z about +2.4 at 12 months
        previous: [{ date: '2023-12-12', weightKg: 9.6 }], // z about +0.2 at 11 months
        growth,
      }),
    ).toEqual(['weight_far_from_previous']);
  });

  it('compares with the latest earlier measurement inside the look-back window only', () => {
    const previous = [
      { date: '2023-05-01', weightKg: 12 },
      { date: '2023-12-12', weightKg: 9.6 },
    ];
    expect(reasonKeys({ ...boy, current: { date: '2024-01-12', weightKg: 9.8 }, previous })).toEqual([]);
    // 225 days earlier: beyond the 183-day window, so a 2.2 kg difference is not compared.
    const old = [{ date: '2023-06-01', weightKg: 12 }];
    expect(reasonKeys({ ...boy, current: { date: '2024-01-12', weightKg: 9.8 }, previous: old })).toEqual([]);
  });

  it('allows the 0.7 cm step when a child turning two is measured standing instead of lying', () => {
    const child = { sex: 'female' as const, birthDate: '2022-01-05' };
    expect(
      checkPlausibility({
        ...child,
        current: { date: '2024-01-10', lengthHeightCm: 85.0, position: 'standing' },
        previous: [{ date: '2023-12-10', lengthHeightCm: 85.4, position: 'lying' }],
        growth,
      }),
    ).toEqual({ verdict: 'ok' });
  });

  it('asks to re-measure a length that shrank', () => {
    expect(
      reasonKeys({
        ...boy,
        current: { date: '2024-01-12', lengthHeightCm: 74.0, position: 'lying' },
        previous: [{ date: '2023-12-12', lengthHeightCm: 75.5, position: 'lying' }],
      }),
    ).toEqual(['length_decrease']);
  });

  it('takes its thresholds as data', () => {
    const strict = { ...PLAUSIBILITY_THRESHOLDS, version: 'strict', weightMaxLossFraction: 0.01 };
    const check = {
      ...boy,
      current: { date: '2024-02-12', weightKg: 9.4 },
      previous: [{ date: '2024-01-12', weightKg: 9.6 }],
    };
    expect(reasonKeys(check)).toEqual([]);
    expect(reasonKeys({ ...check, thresholds: strict })).toEqual(['weight_loss']);
  });
});
