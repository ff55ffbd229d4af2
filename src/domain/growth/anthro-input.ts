import type { ChildAge } from './age.ts';
import { roundZ } from './lms.ts';
import type { Sex } from './who-tables.ts';

export type Position = 'lying' | 'standing';

/** One child's measurement as both WHO packages take it. Missing values are undefined, never 0. */
export interface AnthroInput {
  sex: Sex;
  /** Undefined when the age is unknown: only weight-for-length/height can then be computed. */
  age?: ChildAge;
  weightKg?: number;
  lengthHeightCm?: number;
  /** How length/height was measured; undefined when not recorded. */
  position?: Position;
  oedema?: boolean;
  /** A BMI given directly, used only when weight or length/height is missing (as WHO Anthro's batch mode). */
  bmi?: number;
}

/** A rounded z-score and WHO's implausibility flag, which is judged on the rounded value. */
export interface ZScore {
  z: number;
  flagged: boolean;
}

/** Positive finite measures only: anthro sets a measure <= 0 to missing. */
export function usable(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value > 0;
}

/** Rounds z to 2 decimals and judges the flag on the rounded value, as anthro and anthroplus do. */
export function toZScore(z: number, isFlagged: (rounded: number) => boolean): ZScore | undefined {
  if (!Number.isFinite(z)) return undefined;
  const rounded = roundZ(z);
  return { z: rounded, flagged: isFlagged(rounded) };
}
