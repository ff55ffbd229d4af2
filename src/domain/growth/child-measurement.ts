import { ageFromDays, ageInDays } from './age.ts';
import type { AnthroInput, Position } from './anthro-input.ts';
import { type GrowthZScores, growthZScores } from './growth-zscores.ts';
import type { GrowthTables, Sex } from './who-tables.ts';

/** A child's measurement as the app records it (protocol's Measurement carries these fields). */
export interface ChildMeasurement {
  date: string;
  weightKg?: number;
  lengthHeightCm?: number;
  /** Drawn on the head-circumference chart only; the z-scores here do not use it. */
  headCircumferenceCm?: number;
  position?: Position;
  oedema?: boolean;
}

function anthroInputFor(sex: Sex, birthDate: string, measurement: ChildMeasurement): AnthroInput {
  const input: AnthroInput = { sex, age: ageFromDays(ageInDays(birthDate, measurement.date)) };
  if (measurement.weightKg !== undefined) input.weightKg = measurement.weightKg;
  if (measurement.lengthHeightCm !== undefined) input.lengthHeightCm = measurement.lengthHeightCm;
  if (measurement.position !== undefined) input.position = measurement.position;
  if (measurement.oedema !== undefined) input.oedema = measurement.oedema;
  return input;
}

/** z-scores of a recorded measurement, the age taken from the birth and visit dates. */
export function measurementZScores(
  sex: Sex,
  birthDate: string,
  measurement: ChildMeasurement,
  growth: GrowthTables,
): GrowthZScores {
  return growthZScores(anthroInputFor(sex, birthDate, measurement), growth);
}

/** Weight-for-age from whichever reference applies at this age (WHO 2006 under 60 months, WHO 2007 after). */
export function weightForAgeZ(scores: GrowthZScores): number | undefined {
  return scores.underFive.wfa?.z ?? scores.schoolAge.wfa?.z;
}

/** Length/height-for-age from whichever reference applies at this age. */
export function lengthHeightForAgeZ(scores: GrowthZScores): number | undefined {
  return scores.underFive.lhfa?.z ?? scores.schoolAge.hfa?.z;
}
