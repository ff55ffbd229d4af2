import { type AnthroInput, type Position, type ZScore, toZScore, usable } from './anthro-input.ts';
import { interpolateLms, lmsZ, restrictedLmsZ } from './lms.ts';
import { type GrowthTables, type Lms, type LmsTable, type Sex, lmsAt } from './who-tables.ts';

/** From this day the WHO 2006 tables are on the standing-height scale. */
export const HEIGHT_SCALE_FROM_DAY = 731;
const UNDER_FIVE_MONTHS_LIMIT = 60;
const STANDING_PLAUSIBLE_FROM_MONTHS = 9;
const LENGTH_HEIGHT_ADJUSTMENT_CM = 0.7;
/** With neither age nor position known, anthro reads lengths below 87 cm as lying. */
const UNKNOWN_POSITION_LENGTH_CUTOFF_CM = 87;

export interface UnderFiveResult {
  /** The length/height after the 0.7 cm rule: what every z-score below used. */
  adjustedLengthHeightCm?: number;
  /** The position the computation assumed, after the under-9-months rule. */
  positionUsed?: Position;
  /** anthro's c9mo_flag: standing height recorded under 9 months, read as position unknown. */
  standingUnderNineMonths: boolean;
  bmi?: number;
  lhfa?: ZScore;
  wfa?: ZScore;
  wflh?: ZScore & { table: 'wfl' | 'wfh' };
  bfa?: ZScore;
}

const flagAbove = (limit: number) => (z: number) => Math.abs(z) > limit;
const flagWeightForAge = (z: number) => z < -6 || z > 5;

/** anthro >= 1.1: a standing height under 9 months is an implausible position, treated as unknown. */
export function isStandingUnderNineMonths(position: Position | undefined, months: number): boolean {
  return position === 'standing' && months < STANDING_PLAUSIBLE_FROM_MONTHS;
}

/** Weight-for-age at one table row: restricted LMS, flagged below -6 or above +5. */
export function weightForAgeScore(weightKg: number, lms: Lms): ZScore | undefined {
  return toZScore(restrictedLmsZ(weightKg, lms), flagWeightForAge);
}

/** Length/height-for-age at one table row (already 0.7 cm-adjusted): plain LMS, flagged beyond +/-6. */
export function lengthForAgeScore(adjustedCm: number, lms: Lms): ZScore | undefined {
  return toZScore(lmsZ(adjustedCm, lms), flagAbove(6));
}

/**
 * The 0.7 cm rule: tables are length-based under 731 days and height-based from 731, so a standing height
 * under 731 days gains 0.7 cm and a lying length from 731 days loses 0.7 cm. Unknown age or position: no change.
 */
export function adjustLengthHeight(
  lengthHeightCm: number,
  days: number | undefined,
  position: Position | undefined,
): number {
  if (days === undefined || position === undefined) return lengthHeightCm;
  if (days < HEIGHT_SCALE_FROM_DAY && position === 'standing') return lengthHeightCm + LENGTH_HEIGHT_ADJUSTMENT_CM;
  if (days >= HEIGHT_SCALE_FROM_DAY && position === 'lying') return lengthHeightCm - LENGTH_HEIGHT_ADJUSTMENT_CM;
  return lengthHeightCm;
}

function byAge(table: LmsTable, sex: Sex, days: number): Lms | undefined {
  return lmsAt(table, sex, days);
}

/**
 * Weight-for-length/height LMS at x cm: linear between the 0.1 cm rows trunc(10x)/10 and the next, computed
 * with the same floating-point steps as anthro so values on a row boundary land on the same row.
 */
function byLength(table: LmsTable, sex: Sex, x: number): Lms | undefined {
  const lowMm = Math.trunc(x * 10);
  const low = lmsAt(table, sex, lowMm);
  if (!low) return undefined;
  const fraction = (x - lowMm / 10) / 0.1;
  if (!(fraction > 0)) return low;
  const high = lmsAt(table, sex, lowMm + 1);
  return high ? interpolateLms(low, high, fraction) : undefined;
}

function chooseWflTable(
  days: number | undefined,
  position: Position | undefined,
  lengthHeightCm: number,
): 'wfl' | 'wfh' {
  if (days !== undefined) return days < HEIGHT_SCALE_FROM_DAY ? 'wfl' : 'wfh';
  if (position !== undefined) return position === 'lying' ? 'wfl' : 'wfh';
  return lengthHeightCm < UNKNOWN_POSITION_LENGTH_CUTOFF_CM ? 'wfl' : 'wfh';
}

const WFL_RANGE_CM = { wfl: [45, 110], wfh: [65, 120] } as const;

/**
 * WHO Child Growth Standards z-scores for 0-5 years, following WHO's anthro R package (v1.1): age in days,
 * z-scores only while the unrounded age is under 60 months, flags on the rounded value.
 */
export function underFiveZScores(input: AnthroInput, growth: GrowthTables): UnderFiveResult {
  const { sex, age } = input;
  const ageValid = age !== undefined && age.days >= 0 && age.months >= 0;
  const days = ageValid ? age.days : undefined;
  const ageComputable = ageValid && age.months < UNDER_FIVE_MONTHS_LIMIT;

  const standingUnderNineMonths = ageValid && isStandingUnderNineMonths(input.position, age.months);
  const position = standingUnderNineMonths ? undefined : input.position;

  const result: UnderFiveResult = { standingUnderNineMonths };
  if (position !== undefined) result.positionUsed = position;

  const weight = usable(input.weightKg) ? input.weightKg : undefined;
  const rawLength = usable(input.lengthHeightCm) ? input.lengthHeightCm : undefined;
  const length = rawLength === undefined ? undefined : adjustLengthHeight(rawLength, days, position);
  if (length !== undefined) result.adjustedLengthHeightCm = length;
  const weightUsable = weight !== undefined && !input.oedema;

  let bmi: number | undefined;
  if (weight !== undefined && length !== undefined) bmi = weight / (length / 100) ** 2;
  else if (usable(input.bmi)) bmi = input.bmi;
  if (bmi !== undefined) result.bmi = bmi;

  if (ageComputable && days !== undefined) {
    const lhfaLms = byAge(growth.tables.lhfa, sex, days);
    if (length !== undefined && lhfaLms) {
      const z = lengthForAgeScore(length, lhfaLms);
      if (z) result.lhfa = z;
    }
    const wfaLms = byAge(growth.tables.wfa, sex, days);
    if (weightUsable && wfaLms) {
      const z = weightForAgeScore(weight, wfaLms);
      if (z) result.wfa = z;
    }
    const bfaLms = byAge(growth.tables.bfa, sex, days);
    if (bmi !== undefined && !input.oedema && bfaLms) {
      const z = toZScore(restrictedLmsZ(bmi, bfaLms), flagAbove(5));
      if (z) result.bfa = z;
    }
  }

  // Weight-for-length/height needs no age, but an age of 60 months or more excludes it.
  const ageAllowsWfl = age === undefined || ageComputable;
  if (weightUsable && length !== undefined && ageAllowsWfl) {
    const table = chooseWflTable(days, position, length);
    const [min, max] = WFL_RANGE_CM[table];
    const lms = length >= min && length <= max ? byLength(growth.tables[table], sex, length) : undefined;
    if (lms) {
      const z = toZScore(restrictedLmsZ(weight, lms), flagAbove(5));
      if (z) result.wflh = { ...z, table };
    }
  }
  return result;
}
