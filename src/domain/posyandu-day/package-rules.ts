import type { LifeStage } from './life-stage.ts';

/**
 * What a posyandu day's package holds per life stage: the measurements of step 2 and the screenings due by age.
 * Data, so a puskesmas can add or drop an item without code.
 */

/** Measurement fields of protocol Measurement; blood pressure means both systolic and diastolic. */
export type MeasurementItem =
  'weightKg' | 'lengthHeightCm' | 'headCircumferenceCm' | 'muacCm' | 'waistCm' | 'bloodPressure' | 'bloodGlucoseMgDl';

export interface MeasurementRule {
  readonly item: MeasurementItem;
  readonly stages: readonly LifeStage[];
  /** Optional age limits within the stage, completed months inclusive. */
  readonly fromMonths?: number;
  readonly toMonths?: number;
}

export interface ScreeningRule {
  /** Screening.instrument, or a Measurement field for point-of-care tests such as blood glucose. */
  readonly code: string;
  readonly recordedAs: 'screening' | 'measurement';
  readonly fromYears: number;
  /** Inclusive; null: no upper bound. */
  readonly toYears: number | null;
  readonly sex?: 'male' | 'female';
  /** Not before this age in completed months (the development checklist starts at 1 month). */
  readonly fromMonths?: number;
  /** Only for visitors with this risk flag (e.g. PUMA for smokers). */
  readonly requires?: 'smoker';
  /** Due again this many months after the last one; 0: at every visit (a second time the same day is not asked). */
  readonly intervalMonths: number;
  readonly source: string;
}

export interface PackageRules {
  readonly version: string;
  readonly source: string;
  readonly measurements: readonly MeasurementRule[];
  readonly screenings: readonly ScreeningRule[];
  readonly unconfirmed: readonly string[];
}

const CHILD: LifeStage[] = ['baby_toddler'];
const GROWN: LifeStage[] = ['adult', 'elderly'];

export const POSYANDU_PACKAGE_RULES: PackageRules = {
  version: 'ilp-2024/r2',
  source:
    'Posyandu ILP five steps (Panduan Pengelolaan Posyandu Bidang Kesehatan 2023, Bab III; ilp-kader-reference ' +
    '§1.2), issue 5 item 2 (measurements per group), screenings by age per reference §2 and CKG 2025 (§2.10).',
  measurements: [
    { item: 'weightKg', stages: [...CHILD, 'preschool', 'school_adolescent', 'pregnant', 'postpartum', ...GROWN] },
    { item: 'lengthHeightCm', stages: [...CHILD, 'preschool', 'school_adolescent', ...GROWN] },
    { item: 'headCircumferenceCm', stages: CHILD, toMonths: 23 },
    { item: 'muacCm', stages: CHILD, fromMonths: 6 },
    { item: 'muacCm', stages: ['pregnant'] },
    // SKILAS malnutrition domain measures LiLA in older people.
    { item: 'muacCm', stages: ['elderly'] },
    { item: 'bloodPressure', stages: ['pregnant', 'postpartum', ...GROWN] },
    // PTM screening starts at 15 (Posbindu, SKI 2023 central obesity >= 15 y).
    { item: 'bloodPressure', stages: ['school_adolescent'], fromMonths: 180 },
    { item: 'waistCm', stages: GROWN },
    { item: 'waistCm', stages: ['school_adolescent'], fromMonths: 180 },
  ],
  screenings: [
    {
      code: 'blood_glucose',
      recordedAs: 'measurement',
      fromYears: 18,
      toYears: null,
      intervalMonths: 12,
      source: 'CKG adults/lansia (§2.2, §2.10)',
    },
    {
      code: 'tb_symptoms',
      recordedAs: 'screening',
      fromYears: 15,
      toYears: null,
      intervalMonths: 0,
      source: 'Kemenkes TB symptom form, adult version (§2.4); Juknis ILP: screened at every visit and every ANC',
    },
    {
      code: 'tb_symptoms_child',
      recordedAs: 'screening',
      fromYears: 0,
      toYears: 14,
      intervalMonths: 0,
      source:
        'Kemenkes TB symptom form, child version (§2.4); CKG balita TB (§2.10); Juknis ILP: every child who comes',
    },
    {
      code: 'srq20',
      recordedAs: 'screening',
      fromYears: 18,
      toYears: null,
      intervalMonths: 12,
      source: 'SRQ-20 (§2.6), CKG adult mental health',
    },
    {
      code: 'puma',
      recordedAs: 'screening',
      fromYears: 40,
      toYears: null,
      intervalMonths: 12,
      // The ASIK variant (PUMA_ASIK) asks smokers only: a puskesmas using it adds requires: 'smoker' here.
      source: 'PUMA, everyone aged >= 40 (Juknis ILP; PUMA_ILP in screening/questionnaires.ts)',
    },
    {
      code: 'development_kia',
      recordedAs: 'screening',
      fromYears: 0,
      fromMonths: 1,
      toYears: 5,
      intervalMonths: 3,
      source: 'Buku KIA development checklist (development/buku-kia-milestones.ts); CKG balita KPSP (§2.10)',
    },
    {
      code: 'skilas',
      recordedAs: 'screening',
      fromYears: 60,
      toYears: null,
      intervalMonths: 12,
      source: 'SKILAS, >= 60 at least once a year (§2.7)',
    },
    {
      code: 'adl_barthel',
      recordedAs: 'screening',
      fromYears: 60,
      toYears: null,
      intervalMonths: 12,
      source: 'CKG lansia: Barthel ADL (§2.7, §2.10)',
    },
  ],
  unconfirmed: [
    'measurement per stage for school age and postpartum',
    'head circumference only to 23 months',
    'screening intervals (yearly, as CKG) except TB symptoms (every visit)',
    'blood pressure and waist from 15 years with the adult cut-offs',
    'development checklist every 3 months from 1 month (before the first band nothing is asked)',
  ],
};
