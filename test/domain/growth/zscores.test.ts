import { beforeAll, describe, expect, it } from 'vitest';
import { ageFromDays, ageFromMonths, ageInDays, completedMonths } from '../../../src/domain/growth/age.ts';
import { growthZScores } from '../../../src/domain/growth/growth-zscores.ts';
import { restrictedLmsValue, roundZ } from '../../../src/domain/growth/lms.ts';
import { type GrowthTables, lmsAt } from '../../../src/domain/growth/who-tables.ts';
import { whoTables, whoTablesDir } from './who-tables-fixture.ts';

let growth: GrowthTables;
beforeAll(async () => {
  growth = (await whoTables()).growth;
});

it('finds WHO’s workbooks through WHO_TABLES_DIR', () => {
  expect(whoTablesDir()).toBeTruthy();
});

describe('age', () => {
  it('counts calendar days between dates, leap days included', () => {
    expect(ageInDays('2024-02-28', '2024-03-01')).toBe(2);
    expect(ageInDays('2023-02-28', '2023-03-01')).toBe(1);
    expect(ageInDays('2020-01-01', '2025-01-01')).toBe(1827);
    expect(() => ageInDays('2024-02-30', '2024-03-01')).toThrow(RangeError);
  });

  it('turns months into a day rounded half up, keeping the unrounded months for validity', () => {
    expect(ageFromMonths(6.5)).toEqual({ months: 6.5, days: 198 }); // 197.84 -> 198
    expect(ageFromMonths(24)).toEqual({ months: 24, days: 731 }); // 730.5 -> 731
    expect(ageFromDays(1826).months).toBeLessThan(60);
    expect(completedMonths(730)).toBe(23);
    expect(completedMonths(731)).toBe(24);
  });
});

describe('rounding like R', () => {
  it.each([
    [1.545115, 1.55],
    [-3.244987, -3.24],
    [3.995022, 4.0],
    [1.005, 1.0], // 1.005 is 1.00499999999999989 as a double
    [0.125, 0.12], // an exact binary tie goes to the even digit
    [-0.125, -0.12],
    [2.675, 2.67],
  ])('roundZ(%s) = %s', (x, expected) => {
    expect(roundZ(x)).toBe(expected);
  });
});

describe('WHO 2006 rules beyond the test vectors', () => {
  it('draws the SD lines WHO prints, restricted beyond +/-3 SD', () => {
    const day0 = lmsAt(growth.tables.wfa, 'male', 0);
    if (!day0) throw new Error('no row');
    // wfa-boys-zscore-expanded-tables.xlsx, day 0: SD4neg 1.701, SD3neg 2.08, SD0 3.346, SD3 5.031, SD4 5.642
    expect(restrictedLmsValue(-4, day0)).toBeCloseTo(1.701, 3);
    expect(restrictedLmsValue(-3, day0)).toBeCloseTo(2.08, 3);
    expect(restrictedLmsValue(0, day0)).toBeCloseTo(3.346, 3);
    expect(restrictedLmsValue(3, day0)).toBeCloseTo(5.031, 3);
    expect(restrictedLmsValue(4, day0)).toBeCloseTo(5.642, 3);
  });

  it('reads a standing height under 9 months as position unknown (anthro >= 1.1): no 0.7 cm added', () => {
    const at8 = growthZScores(
      { sex: 'male', age: ageFromMonths(8), lengthHeightCm: 60, position: 'standing' },
      growth,
    ).underFive;
    expect(at8).toMatchObject({ standingUnderNineMonths: true, adjustedLengthHeightCm: 60 });
    expect(at8.positionUsed).toBeUndefined();
    const at9 = growthZScores(
      { sex: 'male', age: ageFromMonths(9), lengthHeightCm: 60, position: 'standing' },
      growth,
    ).underFive;
    expect(at9).toMatchObject({ standingUnderNineMonths: false, adjustedLengthHeightCm: 60.7 });
  });

  it('computes weight-for-length/height without an age: by position, else below 87 cm as lying', () => {
    const noAge = (lengthHeightCm: number, position?: 'lying' | 'standing') =>
      growthZScores({ sex: 'female', weightKg: 12, lengthHeightCm, ...(position ? { position } : {}) }, growth)
        .underFive;
    expect(noAge(86.9).wflh?.table).toBe('wfl');
    expect(noAge(87).wflh?.table).toBe('wfh');
    expect(noAge(90, 'lying').wflh?.table).toBe('wfl');
    expect(noAge(80, 'standing').wflh?.table).toBe('wfh');
    expect(noAge(80).wfa).toBeUndefined();
    expect(noAge(80).lhfa).toBeUndefined();
  });

  it('leaves weight-based z-scores empty with oedema, and keeps length-for-age', () => {
    const scores = growthZScores(
      { sex: 'female', age: ageFromDays(400), weightKg: 9, lengthHeightCm: 75, position: 'lying', oedema: true },
      growth,
    ).underFive;
    expect(scores.lhfa?.z).toBeTypeOf('number');
    expect([scores.wfa, scores.wflh, scores.bfa]).toEqual([undefined, undefined, undefined]);
  });

  it('treats a zero or negative measure as missing', () => {
    const scores = growthZScores(
      { sex: 'male', age: ageFromDays(100), weightKg: 0, lengthHeightCm: -5 },
      growth,
    ).underFive;
    expect([scores.wfa, scores.lhfa, scores.wflh, scores.bfa]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('uses the BMI given when weight or length is missing', () => {
    const scores = growthZScores({ sex: 'male', age: ageFromDays(1000), weightKg: 14, bmi: 16 }, growth);
    expect(scores.underFive.bfa?.z).toBeTypeOf('number');
    expect(scores.underFive.bmi).toBe(16);
  });
});

describe('60 to 61 months (days 1827-1856)', () => {
  // igrowup example child 4: boy, 1852 days, 21.3 kg, 118.0 cm standing. igrowup (WHO 2006 to day 1856) gave
  // zwei 1.04, zlen 1.62, zbmi 0.08; anthro gives nothing; anthroplus gives the WHO 2007 values below.
  const child4 = {
    sex: 'male' as const,
    age: ageFromDays(1852),
    weightKg: 21.3,
    lengthHeightCm: 118,
    position: 'standing' as const,
  };

  it('computes no WHO 2006 z-score from 60.0 months, as anthro', () => {
    const { underFive } = growthZScores(child4, growth);
    expect([underFive.wfa, underFive.lhfa, underFive.wflh, underFive.bfa]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('computes WHO 2007 z-scores from 60.0 months, as anthroplus', () => {
    const { schoolAge } = growthZScores(child4, growth);
    expect(schoolAge.hfa?.z).toBe(1.7);
    expect(schoolAge.wfa?.z).toBe(1.08);
    expect(schoolAge.bfa?.z).toBe(0.03);
  });

  it('switches reference exactly at 60 months', () => {
    const at = (days: number) => growthZScores({ ...child4, age: ageFromDays(days) }, growth);
    expect(at(1826).underFive.wfa).toBeDefined();
    expect(at(1826).schoolAge.wfa).toBeUndefined();
    expect(at(1827).underFive.wfa).toBeUndefined();
    expect(at(1827).schoolAge.wfa).toBeDefined();
  });

  it('ends weight-for-age at 120 months and the others at 228 months', () => {
    const at = (months: number) =>
      growthZScores({ sex: 'female', age: ageFromMonths(months), weightKg: 40, lengthHeightCm: 150 }, growth).schoolAge;
    expect(at(120).wfa).toBeDefined();
    expect(at(120.1).wfa).toBeUndefined();
    expect(at(228).hfa).toBeDefined();
    expect(at(228.1).hfa).toBeUndefined();
    expect(at(228.1).bfa).toBeUndefined();
  });
});
