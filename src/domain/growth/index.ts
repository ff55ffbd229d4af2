// The growth domain's public surface: z-scores (WHO anthro / anthroplus), Permenkes 2/2020 categories, the KMS
// judgement, and the entry plausibility check. Everything takes the parsed WHO tables as an argument.
export { DAYS_PER_MONTH, type ChildAge, ageFromDays, ageFromMonths, ageInDays, completedMonths } from './age.ts';
export type { AnthroInput, Position, ZScore } from './anthro-input.ts';
export { type ChildMeasurement, lengthHeightForAgeZ, measurementZScores, weightForAgeZ } from './child-measurement.ts';
export { type GrowthZScores, growthZScores } from './growth-zscores.ts';
export { KBM_ALTERNATIVE_7_TO_10, KBM_KMS_2010, type KbmTable, KbmTableSchema, minimumGainGrams } from './kbm-table.ts';
export {
  type KmsCode,
  type KmsMonth,
  RED_LINE_WEIGHT_FOR_AGE_Z,
  type Referral,
  type Weighing,
  judgeKmsHistory,
} from './kms-judgement.ts';
export {
  type ChartPoint,
  type ChartVariant,
  type ChildCurves,
  chartPoints,
  childCurves,
  sdLines,
} from './kms-chart-data.ts';
export { restrictedLmsValue, restrictedLmsZ, roundZ } from './lms.ts';
export { type IndexStatus, categorize, nutritionStatus } from './nutrition-status.ts';
export {
  type AnthropometryStandard,
  PERMENKES_2_2020,
  type PermenkesIndexKey,
  type StatusCategory,
} from './permenkes-2-2020.ts';
export {
  PLAUSIBILITY_REASON_KEYS,
  PLAUSIBILITY_THRESHOLDS,
  type PlausibilityReason,
  type PlausibilityReasonKey,
  type PlausibilityResult,
  type PlausibilityThresholds,
  checkPlausibility,
} from './plausibility.ts';
export {
  GROWTH_TABLE_KEYS,
  type GrowthTables,
  type Lms,
  type LmsTable,
  type Sex,
  type TablesResult,
  lmsAt,
  parseGrowthTables,
} from './who-tables.ts';
export { type SchoolAgeResult, schoolAgeZScores } from './zscores-school-age.ts';
export { HEIGHT_SCALE_FROM_DAY, type UnderFiveResult, underFiveZScores } from './zscores-under-five.ts';
export {
  CHILD_MUAC_RULES,
  type ChildMeasurementWithMuac,
  type ChildNutritionAssessment,
  type ChildNutritionFlag,
  assessChildNutrition,
} from './child-nutrition-flags.ts';
