import { type AnthroInput, type ZScore, toZScore, usable } from './anthro-input.ts';
import { interpolateLms, lmsZ, restrictedLmsZ } from './lms.ts';
import { type GrowthTables, type Lms, type LmsTable, type Sex, lmsAt } from './who-tables.ts';

export const SCHOOL_AGE_FROM_MONTHS = 60;
export const SCHOOL_AGE_TO_MONTHS = 228;
export const WEIGHT_FOR_AGE_TO_MONTHS = 120;

export interface SchoolAgeResult {
  bmi?: number;
  hfa?: ZScore;
  wfa?: ZScore;
  bfa?: ZScore;
}

/** anthroplus: L, M and S linear between the rows for trunc(age) and trunc(age) + 1 completed months. */
function byFractionalMonth(table: LmsTable, sex: Sex, months: number): Lms | undefined {
  const low = Math.trunc(months);
  const lowLms = lmsAt(table, sex, low);
  if (!lowLms) return undefined;
  const fraction = months - low;
  if (!(fraction > 0)) return lowLms;
  const highLms = lmsAt(table, sex, Math.trunc(months + 1));
  return highLms ? interpolateLms(lowLms, highLms, fraction) : undefined;
}

/**
 * WHO Reference 2007 z-scores for 5-19 years, following WHO's anthroplus R package: fractional months, valid
 * from 60 to 228 months (weight-for-age to 120), height used as given (no 0.7 cm rule), flags on rounded values.
 */
export function schoolAgeZScores(input: AnthroInput, growth: GrowthTables): SchoolAgeResult {
  const result: SchoolAgeResult = {};
  const months = input.age?.months;
  const height = usable(input.lengthHeightCm) ? input.lengthHeightCm : undefined;
  const weight = usable(input.weightKg) ? input.weightKg : undefined;

  let bmi: number | undefined;
  if (weight !== undefined && height !== undefined) bmi = weight / (height / 100) ** 2;
  else if (usable(input.bmi)) bmi = input.bmi;
  if (bmi !== undefined) result.bmi = bmi;

  if (months === undefined || !(months >= SCHOOL_AGE_FROM_MONTHS && months <= SCHOOL_AGE_TO_MONTHS)) return result;
  const { sex } = input;

  const hfaLms = byFractionalMonth(growth.tables.hfa07, sex, months);
  if (height !== undefined && hfaLms) {
    const z = toZScore(lmsZ(height, hfaLms), (r) => Math.abs(r) > 6);
    if (z) result.hfa = z;
  }
  if (!input.oedema) {
    const wfaLms = months <= WEIGHT_FOR_AGE_TO_MONTHS ? byFractionalMonth(growth.tables.wfa07, sex, months) : undefined;
    if (weight !== undefined && wfaLms) {
      const z = toZScore(restrictedLmsZ(weight, wfaLms), (r) => r < -6 || r > 5);
      if (z) result.wfa = z;
    }
    const bfaLms = byFractionalMonth(growth.tables.bfa07, sex, months);
    if (bmi !== undefined && bfaLms) {
      const z = toZScore(restrictedLmsZ(bmi, bfaLms), (r) => Math.abs(r) > 5);
      if (z) result.bfa = z;
    }
  }
  return result;
}
