import { DAYS_PER_MONTH, ageFromDays, ageInDays } from './age.ts';
import { toZScore, type ZScore } from './anthro-input.ts';
import type { ChildMeasurement } from './child-measurement.ts';
import { KBM_KMS_2010, type KbmTable } from './kbm-table.ts';
import { type KmsMonth, judgeKmsHistory } from './kms-judgement.ts';
import { lmsZ, restrictedLmsValue } from './lms.ts';
import type { GrowthTables, Lms, LmsColumns, Sex } from './who-tables.ts';
import {
  adjustLengthHeight,
  isStandingUnderNineMonths,
  lengthForAgeScore,
  weightForAgeScore,
} from './zscores-under-five.ts';

/**
 * What the KMS chart needs from WHO's tables: weight- and length/height-for-age by day, for one sex, and
 * head-circumference-for-age when the optional hcfa table is installed (docs/growth.md).
 */
export interface ChildCurves {
  sex: Sex;
  wfa: LmsColumns;
  lhfa: LmsColumns;
  hcfa?: LmsColumns;
}

export function childCurves(growth: GrowthTables, sex: Sex): ChildCurves {
  const hcfa = growth.tables.hcfa?.[sex];
  return { sex, wfa: growth.tables.wfa[sex], lhfa: growth.tables.lhfa[sex], ...(hcfa ? { hcfa } : {}) };
}

/** Weight (BB/U), length or height (PB/U, TB/U) and head circumference (LK/U) for age. */
export type ChartVariant = 'weight' | 'length' | 'head';

/** The table a chart is drawn on; none for the head chart when the hcfa table is not installed. */
function chartColumns(curves: ChildCurves, variant: ChartVariant): LmsColumns | undefined {
  return variant === 'weight' ? curves.wfa : variant === 'length' ? curves.lhfa : curves.hcfa;
}

export const KMS_LAST_MONTH = 60;
/** Days 0..730 are on the length scale, 731 on the height scale: the curve steps by 0.7 cm at 24 months. */
const LENGTH_SCALE_LAST_DAY = 730;

function lmsOn(columns: LmsColumns, day: number): Lms | undefined {
  const L = columns.L[day];
  const M = columns.M[day];
  const S = columns.S[day];
  return L === undefined || M === undefined || S === undefined ? undefined : { L, M, S };
}

export interface SdLine {
  sd: number;
  /** [age in months, value] pairs. */
  points: [number, number][];
}

/**
 * The SD lines -3..+3 from month 0 to lastMonth, sampled every `stepMonths`. The length chart gets an extra
 * point on each side of 24 months so the 0.7 cm step from length to height is drawn where it is.
 */
export function sdLines(curves: ChildCurves, variant: ChartVariant, lastMonth: number, stepMonths = 0.5): SdLine[] {
  const columns = chartColumns(curves, variant);
  if (!columns) return [];
  const days = new Set<number>();
  for (let m = 0; m <= lastMonth + 1e-9; m += stepMonths) days.add(Math.round(m * DAYS_PER_MONTH));
  if (variant === 'length' && lastMonth >= 24) days.add(LENGTH_SCALE_LAST_DAY).add(LENGTH_SCALE_LAST_DAY + 1);
  const ordered = [...days].sort((a, b) => a - b);
  const lines: SdLine[] = [];
  for (let sd = -3; sd <= 3; sd++) {
    const points: [number, number][] = [];
    for (const day of ordered) {
      const lms = lmsOn(columns, day);
      // Within -3..+3 the restricted value is the plain LMS value, so the head's lines (L = 1) are WHO's too.
      if (lms) points.push([day / DAYS_PER_MONTH, restrictedLmsValue(sd, lms)]);
    }
    lines.push({ sd, points });
  }
  return lines;
}

export interface ChartPoint {
  date: string;
  ageMonths: number;
  /** Weight in kg, length/height in cm on the chart's scale (0.7 cm rule applied), or head circumference in cm. */
  value: number;
  z?: ZScore;
  /** The KMS judgement of the month this point is (weight chart only). */
  kms?: KmsMonth;
  /** Joined to the previous point: weighed in the calendar month just before. */
  joined: boolean;
}

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/**
 * The child's points for one chart, 0 to 60 months: one per calendar month (its last measurement), joined to the
 * previous point only when that was the month before, as on the paper KMS.
 */
export function chartPoints(
  curves: ChildCurves,
  birthDate: string,
  measurements: readonly ChildMeasurement[],
  variant: ChartVariant,
  kbm: KbmTable = KBM_KMS_2010,
): ChartPoint[] {
  const byMonth = new Map<number, ChildMeasurement>();
  for (const m of [...measurements].sort((a, b) => a.date.localeCompare(b.date))) {
    const has = valueOf(m, variant) !== undefined;
    const days = ageInDays(birthDate, m.date);
    if (has && days >= 0 && days / DAYS_PER_MONTH < KMS_LAST_MONTH) byMonth.set(monthIndex(m.date), m);
  }
  const chosen = [...byMonth.entries()].sort(([a], [b]) => a - b);

  const zOf = (m: ChildMeasurement): { value: number; z?: ZScore } => {
    const age = ageFromDays(ageInDays(birthDate, m.date));
    const columns = chartColumns(curves, variant);
    const lms = columns && lmsOn(columns, age.days);
    if (variant === 'head') {
      const cm = m.headCircumferenceCm as number;
      // The plain LMS z, as the head-circumference rule judges it (L is 1 in WHO's hcfa table); never flagged.
      const z = lms ? toZScore(lmsZ(cm, lms), () => false) : undefined;
      return z ? { value: cm, z } : { value: cm };
    }
    if (variant === 'weight') {
      const weight = m.weightKg as number;
      const z = lms && !m.oedema ? weightForAgeScore(weight, lms) : undefined;
      return z ? { value: weight, z } : { value: weight };
    }
    const position = isStandingUnderNineMonths(m.position, age.months) ? undefined : m.position;
    const value = adjustLengthHeight(m.lengthHeightCm as number, age.days, position);
    const z = lms ? lengthForAgeScore(value, lms) : undefined;
    return z ? { value, z } : { value };
  };

  const judged =
    variant === 'weight'
      ? judgeKmsHistory(
          birthDate,
          chosen.map(([, m]) => {
            const { z } = zOf(m);
            return {
              date: m.date,
              weightKg: m.weightKg as number,
              ...(z ? { weightForAgeZ: z.z } : {}),
              ...(m.oedema ? { oedema: true } : {}),
            };
          }),
          kbm,
        )
      : [];

  return chosen.map(([index, m], i) => {
    const { value, z } = zOf(m);
    const point: ChartPoint = {
      date: m.date,
      ageMonths: ageInDays(birthDate, m.date) / DAYS_PER_MONTH,
      value,
      joined: i > 0 && chosen[i - 1]?.[0] === index - 1,
    };
    if (z) point.z = z;
    const kms = judged[i];
    if (kms) point.kms = kms;
    return point;
  });
}

function valueOf(m: ChildMeasurement, variant: ChartVariant): number | undefined {
  return variant === 'weight' ? m.weightKg : variant === 'length' ? m.lengthHeightCm : m.headCircumferenceCm;
}
