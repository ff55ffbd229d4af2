/**
 * Adult screening cut-offs as versioned data (ilp-kader-reference §2.1-2.3) and the functions that read them.
 * Two adult BMI tables are in use in Indonesia; both are here and the caller picks one (default: ASIK CKG).
 */

export interface BloodPressureCategory {
  readonly code: string;
  readonly label: string;
  /** The category applies when systolic >= this OR diastolic >= the diastolic bound (highest category wins). */
  readonly systolicFrom: number;
  readonly diastolicFrom: number;
}

export interface BloodPressureTable {
  readonly version: string;
  readonly source: string;
  /** Highest first. */
  readonly categories: readonly BloodPressureCategory[];
  readonly referSystolicFrom: number;
  readonly referDiastolicFrom: number;
  readonly urgentSystolicFrom: number;
  readonly urgentDiastolicFrom: number;
  readonly unconfirmed: readonly string[];
}

export const BLOOD_PRESSURE_TABLE: BloodPressureTable = {
  version: 'ilp-esh-2023/r2',
  source:
    'Juknis ILP (KMK HK.01.07/MENKES/2015/2023) blood-pressure table, ESH/InaSH grading: optimal < 120/80, ' +
    'normal 120-129/80-84, normal-tinggi 130-139/85-89, hipertensi derajat 1-3 (ilp-kader-reference §2.1); ' +
    'refer at >= 140 systolic or >= 90 diastolic (CKG and Posbindu standard).',
  categories: [
    { code: 'hypertension_3', label: 'Hipertensi derajat 3', systolicFrom: 180, diastolicFrom: 110 },
    { code: 'hypertension_2', label: 'Hipertensi derajat 2', systolicFrom: 160, diastolicFrom: 100 },
    { code: 'hypertension_1', label: 'Hipertensi derajat 1', systolicFrom: 140, diastolicFrom: 90 },
    { code: 'high_normal', label: 'Normal-tinggi', systolicFrom: 130, diastolicFrom: 85 },
    { code: 'normal', label: 'Normal', systolicFrom: 120, diastolicFrom: 80 },
    { code: 'optimal', label: 'Optimal', systolicFrom: 0, diastolicFrom: 0 },
  ],
  referSystolicFrom: 140,
  referDiastolicFrom: 90,
  urgentSystolicFrom: 180,
  urgentDiastolicFrom: 110,
  unconfirmed: ['urgentSystolicFrom/urgentDiastolicFrom (urgent referral rule of the ILP kader guide)'],
};

export interface BloodPressureResult {
  readonly category: string;
  readonly label: string;
  readonly isolatedSystolic: boolean;
  readonly refer: boolean;
  readonly urgent: boolean;
  readonly tableVersion: string;
}

export function classifyBloodPressure(
  systolicMmHg: number,
  diastolicMmHg: number,
  table: BloodPressureTable = BLOOD_PRESSURE_TABLE,
): BloodPressureResult {
  const category =
    table.categories.find((c) => systolicMmHg >= c.systolicFrom || diastolicMmHg >= c.diastolicFrom) ??
    table.categories[table.categories.length - 1];
  if (!category) throw new RangeError('Empty blood pressure table');
  return {
    category: category.code,
    label: category.label,
    isolatedSystolic: systolicMmHg >= table.referSystolicFrom && diastolicMmHg < table.referDiastolicFrom,
    refer: systolicMmHg >= table.referSystolicFrom || diastolicMmHg >= table.referDiastolicFrom,
    urgent: systolicMmHg >= table.urgentSystolicFrom || diastolicMmHg >= table.urgentDiastolicFrom,
    tableVersion: table.version,
  };
}

export interface GlucoseTable {
  readonly version: string;
  readonly source: string;
  /** Random (sewaktu) glucose, mg/dL. */
  readonly recheckFrom: number;
  readonly referFrom: number;
  readonly unconfirmed: readonly string[];
}

export const RANDOM_GLUCOSE_TABLE: GlucoseTable = {
  version: 'asik-ckg-2025/r1',
  source:
    'ASIK CKG form: second test when GDS >= 140 mg/dL; >= 200 mg/dL suspected diabetes (PERKENI/WHO), ' +
    'ilp-kader-reference §2.2.',
  recheckFrom: 140,
  referFrom: 200,
  unconfirmed: ['referFrom (official kader referral threshold)'],
};

export type GlucoseResult = 'normal' | 'recheck' | 'suspected_diabetes';

export function classifyRandomGlucose(mgDl: number, table: GlucoseTable = RANDOM_GLUCOSE_TABLE): GlucoseResult {
  if (mgDl >= table.referFrom) return 'suspected_diabetes';
  if (mgDl >= table.recheckFrom) return 'recheck';
  return 'normal';
}

export interface FastingGlucoseTable {
  readonly version: string;
  readonly source: string;
  /** Fasting (puasa) plasma glucose, mg/dL: prediabetes from `prediabetesFrom`, diabetes from `diabetesFrom`. */
  readonly prediabetesFrom: number;
  readonly diabetesFrom: number;
  readonly unconfirmed: readonly string[];
}

export const FASTING_GLUCOSE_TABLE: FastingGlucoseTable = {
  version: 'perkeni-2021-gdp/r1',
  source:
    'PERKENI 2021 / WHO: gula darah puasa (GDP) >= 126 mg/dL diabetes, 100-125 mg/dL prediabetes (GDP ' +
    'terganggu), < 100 normal; the fasting companion of RANDOM_GLUCOSE_TABLE (ilp-kader-reference §2.2).',
  prediabetesFrom: 100,
  diabetesFrom: 126,
  unconfirmed: ['the kader referral for prediabetes (here: routine, to the pustu)'],
};

export type FastingGlucoseResult = 'normal' | 'prediabetes' | 'diabetes';

export function classifyFastingGlucose(
  mgDl: number,
  table: FastingGlucoseTable = FASTING_GLUCOSE_TABLE,
): FastingGlucoseResult {
  if (mgDl >= table.diabetesFrom) return 'diabetes';
  if (mgDl >= table.prediabetesFrom) return 'prediabetes';
  return 'normal';
}

export interface BmiCategory {
  readonly code: string;
  readonly label: string;
  /** Upper bound of the category; null for the last one. */
  readonly upTo: number | null;
  /** Whether a BMI equal to `upTo` still belongs to this category. */
  readonly upToInclusive: boolean;
}

export interface BmiTable {
  readonly version: string;
  readonly source: string;
  readonly categories: readonly BmiCategory[];
}

export const BMI_ASIA_PACIFIC: BmiTable = {
  version: 'asik-ckg-asia-pacific/r1',
  source: 'Asia-Pacific BMI categories used by the ASIK CKG form (ilp-kader-reference §2.3).',
  categories: [
    { code: 'underweight', label: 'Berat badan kurang', upTo: 18.5, upToInclusive: false },
    { code: 'normal', label: 'Normal', upTo: 23, upToInclusive: false },
    { code: 'overweight', label: 'Berat badan lebih (berisiko)', upTo: 25, upToInclusive: false },
    { code: 'obese_1', label: 'Obesitas I', upTo: 30, upToInclusive: false },
    { code: 'obese_2', label: 'Obesitas II', upTo: null, upToInclusive: false },
  ],
};

export const BMI_KEMENKES_PGS: BmiTable = {
  version: 'kemenkes-pgs-2014/r1',
  source: 'Kemenkes Pedoman Gizi Seimbang national table, Posbindu/KMS dewasa (ilp-kader-reference §2.3).',
  categories: [
    { code: 'very_thin', label: 'Sangat kurus', upTo: 17, upToInclusive: false },
    { code: 'thin', label: 'Kurus', upTo: 18.5, upToInclusive: false },
    { code: 'normal', label: 'Normal', upTo: 25, upToInclusive: true },
    { code: 'overweight', label: 'Gemuk', upTo: 27, upToInclusive: true },
    { code: 'obese', label: 'Obesitas', upTo: null, upToInclusive: false },
  ],
};

function bodyMassIndex(weightKg: number, heightCm: number): number {
  if (!(weightKg > 0) || !(heightCm > 0)) throw new RangeError('Weight and height must be positive');
  const metres = heightCm / 100;
  return weightKg / (metres * metres);
}

export interface BmiResult {
  /** Rounded to one decimal, as the form shows it; the category is read from this rounded value. */
  readonly bmi: number;
  readonly category: string;
  readonly label: string;
  readonly tableVersion: string;
}

export function classifyAdultBmi(weightKg: number, heightCm: number, table: BmiTable = BMI_ASIA_PACIFIC): BmiResult {
  // Kaders read the BMI to one decimal; comparing the raw float would put 64 kg / 160 cm (25.0) a step higher.
  const bmi = Math.round(bodyMassIndex(weightKg, heightCm) * 10) / 10;
  const category = table.categories.find((c) => c.upTo === null || bmi < c.upTo || (c.upToInclusive && bmi === c.upTo));
  if (!category) throw new RangeError('BMI table has no open last category');
  return {
    bmi,
    category: category.code,
    label: category.label,
    tableVersion: table.version,
  };
}

export interface WaistTable {
  readonly version: string;
  readonly source: string;
  readonly maleAboveCm: number;
  readonly femaleAboveCm: number;
  /** 'gt': central obesity when waist > cut-off (Kemenkes wording); 'gte' for forms that use >=. */
  readonly comparison: 'gt' | 'gte';
  readonly fromYears: number;
  readonly unconfirmed: readonly string[];
}

export const WAIST_TABLE: WaistTable = {
  version: 'kemenkes-ptm-2026/r1',
  source: 'Kemenkes PTM: central obesity men > 90 cm, women > 80 cm, ages >= 15 (ilp-kader-reference §2.3).',
  maleAboveCm: 90,
  femaleAboveCm: 80,
  comparison: 'gt',
  fromYears: 15,
  unconfirmed: ['comparison (> vs >=) in the ILP form'],
};

export function hasCentralObesity(waistCm: number, sex: 'male' | 'female', table: WaistTable = WAIST_TABLE): boolean {
  const cutOff = sex === 'male' ? table.maleAboveCm : table.femaleAboveCm;
  return table.comparison === 'gt' ? waistCm > cutOff : waistCm >= cutOff;
}
