import type { AnthroInput } from './anthro-input.ts';
import type { GrowthTables } from './who-tables.ts';
import { type SchoolAgeResult, schoolAgeZScores } from './zscores-school-age.ts';
import { type UnderFiveResult, underFiveZScores } from './zscores-under-five.ts';

/**
 * Both WHO references for one measurement. They never overlap: WHO 2006 (anthro) while the unrounded age is
 * under 60 months, WHO 2007 (anthroplus) from 60 months; days 1827-1856 therefore use WHO 2007
 * (docs/growth.md explains why).
 */
export interface GrowthZScores {
  underFive: UnderFiveResult;
  schoolAge: SchoolAgeResult;
}

export function growthZScores(input: AnthroInput, growth: GrowthTables): GrowthZScores {
  return { underFive: underFiveZScores(input, growth), schoolAge: schoolAgeZScores(input, growth) };
}
