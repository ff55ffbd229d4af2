import { ageInDays, completedMonths } from './age.ts';
import { type ChildMeasurement, measurementZScores } from './child-measurement.ts';
import { nutritionStatus } from './nutrition-status.ts';
import type { GrowthTables, Sex } from './who-tables.ts';

/** The MUAC (LiLA) cut-off for children 6-59 months, as data. */
export const CHILD_MUAC_RULES = {
  version: 'who-unicef-2009-muac',
  source:
    'WHO/UNICEF joint statement "WHO child growth standards and the identification of severe acute malnutrition ' +
    'in infants and children" (2009): MUAC < 115 mm at 6-59 months is severe acute malnutrition; the Indonesian ' +
    'primary source for the absolute cut-off is unconfirmed (docs/growth.md)',
  severeBelowCm: 11.5,
  fromMonths: 6,
  toMonths: 59,
} as const;

/**
 * Why a child needs the puskesmas: the Permenkes 2/2020 categories of her measurement (gizi buruk / gizi kurang
 * by weight-for-length, stunting by length-for-age, underweight by weight-for-age) and the MUAC cut-off.
 */
export type ChildNutritionFlag = 'gizi_buruk' | 'gizi_kurang' | 'wasting' | 'stunting' | 'underweight' | 'muac_low';

export interface ChildNutritionAssessment {
  ageMonths: number;
  flags: ChildNutritionFlag[];
  /** A z-score WHO flags as implausible: re-measure before trusting the category. */
  implausible: boolean;
}

export interface ChildMeasurementWithMuac extends ChildMeasurement {
  muacCm?: number;
}

/** One measurement of one child judged by the same rules the kader's phone shows. */
export function assessChildNutrition(
  sex: Sex,
  birthDate: string,
  measurement: ChildMeasurementWithMuac,
  growth: GrowthTables,
): ChildNutritionAssessment {
  const ageMonths = completedMonths(ageInDays(birthDate, measurement.date));
  const statuses = nutritionStatus(measurementZScores(sex, birthDate, measurement, growth), ageMonths);
  const keyOf = (index: string) => statuses.find((s) => s.index === index)?.category.key;
  const flags: ChildNutritionFlag[] = [];
  const wasting = keyOf('bbpb');
  if (wasting === 'gizi_buruk' || wasting === 'gizi_kurang') flags.push(wasting, 'wasting');
  const stunting = keyOf('pbu');
  if (stunting === 'sangat_pendek' || stunting === 'pendek') flags.push('stunting');
  const underweight = keyOf('bbu');
  if (underweight === 'bb_sangat_kurang' || underweight === 'bb_kurang') flags.push('underweight');
  const rules = CHILD_MUAC_RULES;
  if (
    measurement.muacCm !== undefined &&
    measurement.muacCm < rules.severeBelowCm &&
    ageMonths >= rules.fromMonths &&
    ageMonths <= rules.toMonths
  ) {
    flags.push('muac_low');
  }
  return { ageMonths, flags, implausible: statuses.some((s) => s.flagged) };
}
