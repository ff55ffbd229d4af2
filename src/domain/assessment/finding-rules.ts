import type { FindingAction } from './assessment-types.ts';

/**
 * What each finding asks the kader to do, as versioned data with its source. A rule's categories map to an
 * action (level, referral, home visit); the classifiers themselves stay where they were (growth, screening,
 * schedules). Values marked in `unconfirmed` are listed in docs/schedules.md and may be swapped by a puskesmas.
 */
export interface FindingRule {
  readonly id: string;
  readonly version: string;
  readonly source: string;
  readonly actions: Readonly<Record<string, FindingAction>>;
  readonly unconfirmed?: readonly string[];
}

const NORMAL: FindingAction = { level: 'normal' };
const WATCH: FindingAction = { level: 'attention' };
const WATCH_AT_HOME: FindingAction = { level: 'attention', homeVisit: true };
const toPustu: FindingAction = { level: 'refer', referral: { urgency: 'routine', destination: 'pustu' } };
const toPuskesmas: FindingAction = { level: 'refer', referral: { urgency: 'routine', destination: 'puskesmas' } };
const toPuskesmasAndVisit: FindingAction = { ...toPuskesmas, homeVisit: true };
const urgentPuskesmas: FindingAction = {
  level: 'urgent',
  referral: { urgency: 'urgent', destination: 'puskesmas' },
  homeVisit: true,
};
const urgentHospital: FindingAction = {
  level: 'urgent',
  referral: { urgency: 'urgent', destination: 'hospital' },
  homeVisit: true,
};

export interface ChildMuacRule extends FindingRule {
  readonly fromMonths: number;
  readonly toMonths: number;
  /** Below this (cm) gizi buruk; below `moderateBelowCm` gizi kurang. Compared on the value read to 0.1 cm. */
  readonly severeBelowCm: number;
  readonly moderateBelowCm: number;
}

export const CHILD_MUAC_RULE: ChildMuacRule = {
  id: 'child_muac',
  version: 'who-unicef-muac-2009/r1',
  source:
    'WHO/UNICEF 2009 MUAC cut-offs for children 6-59 months, used by Indonesian apps (ilp-kader-reference §2.8): ' +
    '< 11.5 cm severe acute malnutrition (gizi buruk) refer urgently, 11.5-< 12.5 cm moderate (gizi kurang).',
  fromMonths: 6,
  toMonths: 59,
  severeBelowCm: 11.5,
  moderateBelowCm: 12.5,
  actions: { severe: urgentPuskesmas, moderate: toPuskesmasAndVisit, normal: NORMAL },
  unconfirmed: ['Indonesian primary source for the absolute cut-offs', 'moderate: routine referral to the puskesmas'],
};

/** Bilateral pitting oedema in a child is gizi buruk whatever the weight (WHO, PMK 2/2020 management). */
export const CHILD_OEDEMA_RULE: FindingRule = {
  id: 'child_oedema',
  version: 'who-sam-2013/r1',
  source: 'WHO 2013 severe acute malnutrition: bilateral pitting oedema; KMS: oedema refer to puskesmas.',
  actions: { present: urgentPuskesmas },
};

export const KEK_RULE: FindingRule = {
  id: 'kek',
  version: 'PMK-21-2021/r1',
  source: 'LiLA < 23.5 cm = KEK for pregnant women and WUS: refer and give PMT (ilp-kader-reference §2.8).',
  actions: { kek: toPuskesmasAndVisit, normal: NORMAL },
};

export interface ElderlyMuacRule extends FindingRule {
  readonly fromYears: number;
  readonly lowBelowCm: number;
}

/** SKILAS malnutrition domain: LiLA < 21 cm in an older person is a positive domain, refer for MNA-SF. */
export const ELDERLY_MUAC_RULE: ElderlyMuacRule = {
  id: 'elderly_muac',
  version: 'skilas/r1',
  source: 'SKILAS (ilp-kader-reference §2.7): LiLA < 21 cm = malnutrition risk, refer to the puskesmas (MNA-SF).',
  fromYears: 60,
  lowBelowCm: 21,
  actions: { low: toPuskesmasAndVisit, normal: NORMAL },
};

/** Td status: the kader checks the Buku KIA; a dose due is given by the bidan, so it is a reminder, not a referral. */
export const TD_STATUS_RULE: FindingRule = {
  id: 'td_status',
  version: 'PMK-12-2017-td/r1',
  source: 'Td T1-T5 for WUS and pregnant women (schedules/td-status.ts); given by the bidan at ANC or the pustu.',
  actions: {
    due: WATCH,
    up_to_date: NORMAL,
    complete: NORMAL,
  },
  unconfirmed: ['intervals', 'childhood doses not counted'],
};

export interface PregnancyBloodPressureRule extends FindingRule {
  readonly hypertensionSystolicFrom: number;
  readonly hypertensionDiastolicFrom: number;
  readonly severeSystolicFrom: number;
  readonly severeDiastolicFrom: number;
}

/** Pregnant and nifas women: hypertension in pregnancy and its severe range, the signs of pre-eclampsia. */
export const PREGNANCY_BP_RULE: PregnancyBloodPressureRule = {
  id: 'bp_pregnancy',
  version: 'buku-kia-2023-pogi/r1',
  source:
    'Buku KIA 2023 (tekanan darah >= 140/90 pada ibu hamil: segera ke fasilitas kesehatan); PNPK pre-eklampsia ' +
    '(POGI/Kemenkes 2016): >= 160/110 severe, urgent referral to hospital.',
  hypertensionSystolicFrom: 140,
  hypertensionDiastolicFrom: 90,
  severeSystolicFrom: 160,
  severeDiastolicFrom: 110,
  actions: { severe: urgentHospital, hypertension: { ...toPuskesmasAndVisit }, normal: NORMAL },
  unconfirmed: ['hypertension: routine (not urgent) referral to the puskesmas', 'severe: hospital, not puskesmas'],
};

export const ADULT_BP_RULE: FindingRule = {
  id: 'bp_adult',
  version: 'ilp-esh-2023/r2',
  source: 'Juknis ILP blood-pressure table (screening/adult-cut-offs.ts BLOOD_PRESSURE_TABLE); refer >= 140/90.',
  actions: {
    optimal: NORMAL,
    normal: NORMAL,
    high_normal: WATCH,
    hypertension_1: toPustu,
    hypertension_2: toPuskesmas,
    hypertension_3: urgentPuskesmas,
  },
  unconfirmed: ['destinations by grade', 'from 15 years with the adult table'],
};

export const GLUCOSE_RULE: FindingRule = {
  id: 'glucose',
  version: 'asik-ckg-2025/r1',
  source: 'Random glucose (screening/adult-cut-offs.ts RANDOM_GLUCOSE_TABLE): recheck 140-199, refer >= 200.',
  actions: { normal: NORMAL, recheck: WATCH, suspected_diabetes: toPuskesmas },
  unconfirmed: ['official kader referral threshold'],
};

export const FASTING_GLUCOSE_RULE: FindingRule = {
  id: 'glucose_fasting',
  version: 'perkeni-2021-gdp/r1',
  source:
    'Fasting glucose (screening/adult-cut-offs.ts FASTING_GLUCOSE_TABLE): >= 126 mg/dL diabetes, refer to the ' +
    'puskesmas; 100-125 prediabetes, to the pustu for counselling and a repeat test.',
  actions: { normal: NORMAL, prediabetes: toPustu, diabetes: toPuskesmas },
  unconfirmed: ['prediabetes: routine referral to the pustu'],
};

export const BMI_RULE: FindingRule = {
  id: 'bmi_adult',
  version: 'asik-ckg-asia-pacific/r1',
  source: 'Adult BMI, 18 years and over, the table chosen in screening/adult-cut-offs.ts (default ASIK CKG).',
  actions: {
    underweight: WATCH,
    very_thin: WATCH,
    thin: WATCH,
    normal: NORMAL,
    overweight: WATCH,
    obese_1: WATCH,
    obese_2: WATCH,
    obese: WATCH,
  },
};

export const WAIST_RULE: FindingRule = {
  id: 'waist',
  version: 'kemenkes-ptm-2026/r1',
  source: 'Central obesity > 90 cm men, > 80 cm women, from 15 years (screening/adult-cut-offs.ts WAIST_TABLE).',
  actions: { central_obesity: WATCH, normal: NORMAL },
};

/** Permenkes 2/2020 categories by index; a category not listed is normal. */
export const GROWTH_RULE: FindingRule = {
  id: 'growth',
  version: 'PMK-2-2020-ilp/r1',
  source:
    'Permenkes 2/2020 categories; Juknis ILP and Buku KIA 2023: gizi buruk refer urgently, gizi kurang, stunting ' +
    'and severe underweight refer to the puskesmas with a home visit; overweight counselled.',
  actions: {
    'bbpb:gizi_buruk': urgentPuskesmas,
    'bbpb:gizi_kurang': toPuskesmasAndVisit,
    'bbpb:berisiko_gizi_lebih': WATCH,
    'bbpb:gizi_lebih': toPustu,
    'bbpb:obesitas': toPuskesmas,
    'imtu_0_60:gizi_buruk': urgentPuskesmas,
    'imtu_0_60:gizi_kurang': toPuskesmasAndVisit,
    'imtu_0_60:berisiko_gizi_lebih': WATCH,
    'imtu_0_60:gizi_lebih': toPustu,
    'imtu_0_60:obesitas': toPuskesmas,
    'pbu:sangat_pendek': toPuskesmasAndVisit,
    'pbu:pendek': toPuskesmasAndVisit,
    'bbu:bb_sangat_kurang': toPuskesmasAndVisit,
    'bbu:bb_kurang': WATCH_AT_HOME,
    'bbu:risiko_bb_lebih': WATCH,
    'imtu_5_18:gizi_buruk': toPuskesmasAndVisit,
    'imtu_5_18:gizi_kurang': WATCH_AT_HOME,
    'imtu_5_18:gizi_lebih': WATCH,
    'imtu_5_18:obesitas': toPuskesmas,
  },
  unconfirmed: ['the action of each category (the guide names referral for gizi buruk only)'],
};

/** LK/U: active only where the hcfa table is installed (growth/head-circumference.ts, docs/growth.md). */
export const HEAD_CIRCUMFERENCE_RULE: FindingRule = {
  id: 'head_circumference',
  version: 'who-2006-hcfa-buku-kia/r1',
  source:
    'Buku KIA 2023 head-circumference chart, WHO 2006 hcfa: < -2 SD mikrosefali, > +2 SD makrosefali; refer ' +
    'to the puskesmas for SDIDTK (ilp-kader-reference §3.1).',
  actions: { microcephaly: toPuskesmasAndVisit, macrocephaly: toPuskesmasAndVisit, normal: NORMAL },
  unconfirmed: ['routine (not urgent) referral to the puskesmas'],
};

export const KMS_RULE: FindingRule = {
  id: 'kms',
  version: 'kms-buku-kia-2023/r1',
  source: 'Buku KIA 2023 KMS page: T refer to the health worker; 2T and BGM to the puskesmas (reference §3.2).',
  actions: { N: NORMAL, B: NORMAL, O: WATCH, T: toPustu, '2T': toPuskesmasAndVisit, BGM: toPuskesmasAndVisit },
};

export const SCREENING_RULE: FindingRule = {
  id: 'screening',
  version: 'ilp-screening-2023/r1',
  source:
    'Questionnaire results (screening/questionnaires.ts): SRQ-20 item 17 urgent (Juknis ILP), others refer to the ' +
    'puskesmas for confirmation (TB sputum/TCM, spirometry, geriatric assessment).',
  actions: {
    'srq20:self_harm_thoughts': urgentPuskesmas,
    'srq20:probable_disorder': toPuskesmasAndVisit,
    'tb:presumptive_tb': toPuskesmasAndVisit,
    'tb:contact_evaluate_latent': toPuskesmas,
    'puma:suspected_copd': toPuskesmas,
    'skilas:refer': toPuskesmas,
    'adl_barthel:mild_dependence': toPuskesmas,
    'adl_barthel:moderate_dependence': toPuskesmasAndVisit,
    'adl_barthel:severe_dependence': toPuskesmasAndVisit,
    'adl_barthel:total_dependence': toPuskesmasAndVisit,
    // Buku KIA checklist (development/buku-kia-milestones.ts): one "tidak" -> KPSP/SDIDTK at the puskesmas.
    'development:delay_suspected': toPuskesmasAndVisit,
  },
  unconfirmed: [
    'Barthel: any dependence referred (no kader rule in the reference)',
    'development: routine referral with a home visit',
  ],
};

export const DANGER_SIGN_RULE: FindingRule = {
  id: 'danger_signs',
  version: 'buku-kia-2023/r2',
  source: 'Buku KIA 2023: any danger sign in pregnancy, nifas or a newborn, go to a health facility at once.',
  actions: { pregnancy: urgentPuskesmas, postpartum: urgentPuskesmas, newborn: urgentPuskesmas },
};

export interface AssessmentRules {
  readonly version: string;
  /** Findings older than this raise no referral proposal and no home-visit task: the next posyandu has judged again. */
  readonly actOnFindingsWithinDays: number;
  readonly childMuac: ChildMuacRule;
  readonly childOedema: FindingRule;
  readonly kek: FindingRule;
  /** WUS ages for KEK outside pregnancy (completed years, inclusive). */
  readonly kekFromYears: number;
  readonly kekToYears: number;
  readonly elderlyMuac: ElderlyMuacRule;
  readonly tdStatus: FindingRule;
  readonly pregnancyBp: PregnancyBloodPressureRule;
  readonly adultBp: FindingRule;
  readonly glucose: FindingRule;
  readonly fastingGlucose: FindingRule;
  readonly bmi: FindingRule;
  readonly waist: FindingRule;
  readonly growth: FindingRule;
  readonly kms: FindingRule;
  readonly headCircumference: FindingRule;
  readonly screening: FindingRule;
  readonly dangerSigns: FindingRule;
  /** Adult BP and waist are judged from this age (Posbindu PTM from 15), BMI from `adultBmiFromYears`. */
  readonly ptmFromYears: number;
  readonly adultBmiFromYears: number;
}

export const ILP_ASSESSMENT_RULES: AssessmentRules = {
  version: 'ilp-assessment-2023/r1',
  actOnFindingsWithinDays: 31,
  childMuac: CHILD_MUAC_RULE,
  childOedema: CHILD_OEDEMA_RULE,
  kek: KEK_RULE,
  kekFromYears: 15,
  kekToYears: 49,
  elderlyMuac: ELDERLY_MUAC_RULE,
  tdStatus: TD_STATUS_RULE,
  pregnancyBp: PREGNANCY_BP_RULE,
  adultBp: ADULT_BP_RULE,
  glucose: GLUCOSE_RULE,
  fastingGlucose: FASTING_GLUCOSE_RULE,
  bmi: BMI_RULE,
  waist: WAIST_RULE,
  growth: GROWTH_RULE,
  kms: KMS_RULE,
  headCircumference: HEAD_CIRCUMFERENCE_RULE,
  screening: SCREENING_RULE,
  dangerSigns: DANGER_SIGN_RULE,
  ptmFromYears: 15,
  adultBmiFromYears: 18,
};
