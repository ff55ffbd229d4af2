import type { GrowthZScores } from './growth-zscores.ts';
import {
  type AnthropometryStandard,
  PERMENKES_2_2020,
  type PermenkesIndexKey,
  type StatusCategory,
  type ZBound,
} from './permenkes-2-2020.ts';

function satisfiesMin(z: number, bound: ZBound | undefined): boolean {
  if (!bound) return true;
  return bound.inclusive ? z >= bound.z : z > bound.z;
}

function satisfiesMax(z: number, bound: ZBound | undefined): boolean {
  if (!bound) return true;
  return bound.inclusive ? z <= bound.z : z < bound.z;
}

/**
 * The category a (rounded) z-score falls in, or undefined where the standard's categories leave a gap or overlap:
 * a child is never judged by a table that does not say one thing.
 */
export function categorize(
  index: PermenkesIndexKey,
  z: number,
  standard: AnthropometryStandard = PERMENKES_2_2020,
): StatusCategory | undefined {
  const holding = standard.indices[index].categories.filter((c) => satisfiesMin(z, c.min) && satisfiesMax(z, c.max));
  return holding.length === 1 ? holding[0] : undefined;
}

export interface IndexStatus {
  index: PermenkesIndexKey;
  z: number;
  /** WHO's implausibility flag: the value should be re-measured before the category is trusted. */
  flagged: boolean;
  category: StatusCategory;
}

/**
 * Every Permenkes category that applies to one measurement. Permenkes defines no category for height-for-age
 * or weight-for-age at 5-18 years, so those z-scores stay uncategorised (docs/growth.md).
 */
export function nutritionStatus(
  scores: GrowthZScores,
  ageMonths: number | undefined,
  standard: AnthropometryStandard = PERMENKES_2_2020,
): IndexStatus[] {
  const { underFive: u, schoolAge: s } = scores;
  const candidates: [PermenkesIndexKey, { z: number; flagged: boolean } | undefined][] = [
    ['bbu', u.wfa],
    ['pbu', u.lhfa],
    ['bbpb', u.wflh],
    ['imtu_0_60', u.bfa],
    ['imtu_5_18', s.bfa],
  ];
  const statuses: IndexStatus[] = [];
  for (const [index, score] of candidates) {
    if (!score) continue;
    const { from, to } = standard.indices[index].ageMonths;
    // Weight-for-length/height needs no age; every other index needs one inside its range.
    if (index !== 'bbpb' && (ageMonths === undefined || ageMonths < from || ageMonths > to)) continue;
    const category = categorize(index, score.z, standard);
    if (category) statuses.push({ index, z: score.z, flagged: score.flagged, category });
  }
  return statuses;
}
