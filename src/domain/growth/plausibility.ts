import { DAYS_PER_MONTH, ageInDays } from './age.ts';
import { type ChildMeasurement, lengthHeightForAgeZ, measurementZScores, weightForAgeZ } from './child-measurement.ts';
import type { GrowthZScores } from './growth-zscores.ts';
import type { GrowthTables, Sex } from './who-tables.ts';
import { HEIGHT_SCALE_FROM_DAY, isStandingUnderNineMonths } from './zscores-under-five.ts';

/**
 * When a new value asks the kader to measure again. No regulation sets these; they are the project's own
 * choices (docs/growth.md), kept as data so a puskesmas can tune them without code.
 */
export interface PlausibilityThresholds {
  version: string;
  source: string;
  /** Only measurements at most this many days before the new one are compared with it. */
  lookbackDays: number;
  /** A loss of more than this fraction of the previous weight. */
  weightMaxLossFraction: number;
  /** Weight-for-age z moved by more than this since the previous weighing. */
  weightMaxZChange: number;
  /** Length/height shrank by more than this (both put on the standing-height scale first). */
  lengthMaxDecreaseCm: number;
  /** Length/height-for-age z moved by more than this since the previous measurement. */
  lengthMaxZChange: number;
}

export const PLAUSIBILITY_THRESHOLDS: PlausibilityThresholds = {
  version: 'posyandu-ilp-plausibility-1',
  source: 'Posyandu ILP project rule (docs/growth.md); WHO flags from WHO anthro/anthroplus',
  lookbackDays: 183,
  weightMaxLossFraction: 0.1,
  weightMaxZChange: 1.5,
  lengthMaxDecreaseCm: 1.0,
  lengthMaxZChange: 1.5,
};

export const PLAUSIBILITY_REASON_KEYS = [
  'who_flag_weight_for_age',
  'who_flag_length_for_age',
  'who_flag_weight_for_length',
  'who_flag_bmi_for_age',
  'standing_under_nine_months',
  'weight_loss',
  'weight_far_from_previous',
  'length_decrease',
  'length_far_from_previous',
] as const;

export type PlausibilityReasonKey = (typeof PLAUSIBILITY_REASON_KEYS)[number];

export interface PlausibilityReason {
  key: PlausibilityReasonKey;
  /** The new value and the one it was compared with (kg, cm or z), for the message. */
  current?: number;
  previous?: number;
  previousDate?: string;
}

export type PlausibilityResult = { verdict: 'ok' } | { verdict: 're_measure'; reasons: PlausibilityReason[] };

export interface PlausibilityCheck {
  sex: Sex;
  birthDate: string;
  current: ChildMeasurement;
  /** The child's earlier measurements, any order; later or same-day ones are ignored. */
  previous: readonly ChildMeasurement[];
  /** Without tables only the raw-value rules run. */
  growth?: GrowthTables;
  thresholds?: PlausibilityThresholds;
}

function whoFlagReasons(scores: GrowthZScores): PlausibilityReason[] {
  const { underFive: u, schoolAge: s } = scores;
  const checks: [PlausibilityReasonKey, { z: number; flagged: boolean } | undefined][] = [
    ['who_flag_weight_for_age', u.wfa ?? s.wfa],
    ['who_flag_length_for_age', u.lhfa ?? s.hfa],
    ['who_flag_weight_for_length', u.wflh],
    ['who_flag_bmi_for_age', u.bfa ?? s.bfa],
  ];
  return checks.filter(([, score]) => score?.flagged).map(([key, score]) => ({ key, current: score?.z }));
}

/** Length on the standing-height scale: a lying length is 0.7 cm longer than the same child standing. */
function standingScaleCm(birthDate: string, m: ChildMeasurement & { lengthHeightCm: number }): number {
  const lying = m.position ? m.position === 'lying' : ageInDays(birthDate, m.date) < HEIGHT_SCALE_FROM_DAY;
  return lying ? m.lengthHeightCm - 0.7 : m.lengthHeightCm;
}

function latestBefore<K extends 'weightKg' | 'lengthHeightCm'>(
  check: PlausibilityCheck,
  key: K,
  lookbackDays: number,
): (ChildMeasurement & Record<K, number>) | undefined {
  const candidates = check.previous.filter((m): m is ChildMeasurement & Record<K, number> => {
    const gap = ageInDays(m.date, check.current.date);
    return m[key] !== undefined && gap > 0 && gap <= lookbackDays;
  });
  return candidates.sort((a, b) => b.date.localeCompare(a.date))[0];
}

/** Whether a new measurement should be taken again before it is saved (the kader may still keep it). */
export function checkPlausibility(check: PlausibilityCheck): PlausibilityResult {
  const t = check.thresholds ?? PLAUSIBILITY_THRESHOLDS;
  const { current, sex, birthDate, growth } = check;
  const reasons: PlausibilityReason[] = [];
  const scores = growth ? measurementZScores(sex, birthDate, current, growth) : undefined;
  if (scores) reasons.push(...whoFlagReasons(scores));
  // WHO anthro ignores the position of a standing height under 9 months; the kader should measure lying.
  const months = ageInDays(birthDate, current.date) / DAYS_PER_MONTH;
  if (current.lengthHeightCm !== undefined && isStandingUnderNineMonths(current.position, months)) {
    reasons.push({ key: 'standing_under_nine_months', current: current.lengthHeightCm });
  }

  const previousWeight = current.weightKg === undefined ? undefined : latestBefore(check, 'weightKg', t.lookbackDays);
  if (current.weightKg !== undefined && previousWeight) {
    const base = { current: current.weightKg, previous: previousWeight.weightKg, previousDate: previousWeight.date };
    if (current.weightKg < previousWeight.weightKg * (1 - t.weightMaxLossFraction)) {
      reasons.push({ key: 'weight_loss', ...base });
    }
    const zNow = scores && weightForAgeZ(scores);
    const zBefore = growth && weightForAgeZ(measurementZScores(sex, birthDate, previousWeight, growth));
    if (zNow !== undefined && zBefore !== undefined && Math.abs(zNow - zBefore) > t.weightMaxZChange) {
      reasons.push({
        key: 'weight_far_from_previous',
        current: zNow,
        previous: zBefore,
        previousDate: base.previousDate,
      });
    }
  }

  const previousLength =
    current.lengthHeightCm === undefined ? undefined : latestBefore(check, 'lengthHeightCm', t.lookbackDays);
  if (current.lengthHeightCm !== undefined && previousLength) {
    const now = standingScaleCm(birthDate, { ...current, lengthHeightCm: current.lengthHeightCm });
    const before = standingScaleCm(birthDate, previousLength);
    if (before - now > t.lengthMaxDecreaseCm) {
      reasons.push({
        key: 'length_decrease',
        current: current.lengthHeightCm,
        previous: previousLength.lengthHeightCm,
        previousDate: previousLength.date,
      });
    }
    const zNow = scores && lengthHeightForAgeZ(scores);
    const zBefore = growth && lengthHeightForAgeZ(measurementZScores(sex, birthDate, previousLength, growth));
    if (zNow !== undefined && zBefore !== undefined && Math.abs(zNow - zBefore) > t.lengthMaxZChange) {
      reasons.push({
        key: 'length_far_from_previous',
        current: zNow,
        previous: zBefore,
        previousDate: previousLength.date,
      });
    }
  }
  return reasons.length === 0 ? { verdict: 'ok' } : { verdict: 're_measure', reasons };
}
