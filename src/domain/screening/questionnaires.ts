/**
 * Kader questionnaires with their scoring as data (ilp-kader-reference §2.4-2.7). Each scorer returns the score,
 * the result code stored in Screening.result, and whether to refer.
 */

/** Every result code a scorer can store in Screening.result; each has its sentence in the UI catalogues. */
export const SCREENING_RESULTS = [
  'negative',
  'presumptive_tb',
  'contact_evaluate_latent',
  'probable_disorder',
  'suspected_copd',
  'self_harm_thoughts',
  'refer',
  'independent',
  'mild_dependence',
  'moderate_dependence',
  'severe_dependence',
  'total_dependence',
  'on_track',
  'delay_suspected',
] as const;
export type ScreeningResultCode = (typeof SCREENING_RESULTS)[number];

export interface QuestionnaireResult {
  readonly instrument: string;
  readonly score: number;
  readonly result: ScreeningResultCode;
  readonly refer: boolean;
  readonly version: string;
}

export interface PumaRules {
  readonly version: string;
  readonly source: string;
  readonly minAgeYears: number;
  readonly referFromScore: number;
  /** Who is asked: everyone from minAgeYears (ILP guide) or only those who smoke or smoked (ASIK form). */
  readonly askedOf: 'everyone' | 'smokers';
  readonly ageBands: readonly { readonly fromYears: number; readonly points: number }[];
  readonly packYearBands: readonly [
    { readonly above: number; readonly points: number },
    { readonly from: number; readonly points: number },
  ];
}

const PUMA_SCORING = {
  minAgeYears: 40,
  ageBands: [
    { fromYears: 60, points: 2 },
    { fromYears: 50, points: 1 },
    { fromYears: 40, points: 0 },
  ],
  packYearBands: [
    { above: 30, points: 2 },
    { from: 20, points: 1 },
  ],
} as const;

/** Default: the ILP technical guide (KMK HK.01.07/MENKES/2015/2023) refers at >= 6 and asks everyone from 40. */
export const PUMA_ILP: PumaRules = {
  ...PUMA_SCORING,
  version: 'puma-ilp-2023/r1',
  source: 'Juknis ILP (KMK HK.01.07/MENKES/2015/2023): PUMA for everyone aged >= 40, score >= 6 refer (issue 9).',
  referFromScore: 6,
  askedOf: 'everyone',
};

/** The ASIK CKG form's reading: "Suspek PPOK (skor >= 7)", smokers and former smokers (reference §2.5). */
export const PUMA_ASIK: PumaRules = {
  ...PUMA_SCORING,
  version: 'puma-asik/r1',
  source: 'PUMA questionnaire (KUOSIONER-PUMA) and ASIK CKG "Suspek PPOK (skor >= 7)", reference §2.5.',
  referFromScore: 7,
  askedOf: 'smokers',
};

export const PUMA_RULES: PumaRules = PUMA_ILP;

export interface PumaAnswers {
  readonly sex: 'male' | 'female';
  readonly ageYears: number;
  readonly cigarettesPerDay: number;
  readonly yearsSmoked: number;
  readonly breathlessWalking: boolean;
  readonly phlegm: boolean;
  readonly cough: boolean;
  readonly spirometryOffered: boolean;
}

function packYears(cigarettesPerDay: number, yearsSmoked: number): number {
  return (cigarettesPerDay / 20) * yearsSmoked;
}

export function scorePuma(answers: PumaAnswers, rules: PumaRules = PUMA_RULES): QuestionnaireResult {
  if (answers.ageYears < rules.minAgeYears) throw new RangeError('PUMA is for ages 40 and over');
  const age = rules.ageBands.find((band) => answers.ageYears >= band.fromYears)?.points ?? 0;
  const py = packYears(answers.cigarettesPerDay, answers.yearsSmoked);
  const [heavy, moderate] = rules.packYearBands;
  const smoking = py > heavy.above ? heavy.points : py >= moderate.from ? moderate.points : 0;
  const yes = [answers.breathlessWalking, answers.phlegm, answers.cough, answers.spirometryOffered].filter(
    Boolean,
  ).length;
  const score = (answers.sex === 'male' ? 1 : 0) + age + smoking + yes;
  const refer = score >= rules.referFromScore;
  return { instrument: 'puma', score, result: refer ? 'suspected_copd' : 'negative', refer, version: rules.version };
}

export interface Srq20Rules {
  readonly version: string;
  readonly source: string;
  readonly items: number;
  readonly referFromYes: number;
  /** 1-based item numbers that refer on their own, whatever the total. */
  readonly urgentItems: readonly number[];
}

export const SRQ20_RULES: Srq20Rules = {
  version: 'srq20-ilp/r2',
  source:
    'SRQ-20, past 30 days, >= 6 yes = probable mental-emotional disorder (Riskesdas 5/6), reference §2.6; the ILP ' +
    "guide also refers any score when item 17 (thoughts of ending one's life) is yes, urgently.",
  items: 20,
  referFromYes: 6,
  urgentItems: [17],
};

export function scoreSrq20(answers: readonly boolean[], rules: Srq20Rules = SRQ20_RULES): QuestionnaireResult {
  if (answers.length !== rules.items) throw new RangeError(`SRQ-20 needs ${rules.items} answers`);
  const score = answers.filter(Boolean).length;
  const selfHarm = rules.urgentItems.some((item) => answers[item - 1] === true);
  const refer = selfHarm || score >= rules.referFromYes;
  return {
    instrument: 'srq20',
    score,
    result: selfHarm ? 'self_harm_thoughts' : refer ? 'probable_disorder' : 'negative',
    refer,
    version: rules.version,
  };
}

export const TB_SYMPTOM_RULES = {
  version: 'kemenkes-tb-kader/r1',
  source: 'Kemenkes TB symptom screening (adult >= 15 y and child versions), reference §2.4.',
  adultFromYears: 15,
  /** Any one symptom makes the person presumptive TB. */
  positiveFromSymptoms: 1,
} as const;

export interface TbAnswers {
  readonly ageYears: number;
  /** Adult: cough, weight loss/appetite, fever on and off, night sweats. Child: cough >= 2 wk, weight loss or no
   * gain 2 months, fever >= 2 wk, lethargy. Four answers either way. */
  readonly symptoms: readonly [boolean, boolean, boolean, boolean];
  readonly householdContact: boolean;
}

export function scoreTbSymptoms(answers: TbAnswers, rules = TB_SYMPTOM_RULES): QuestionnaireResult {
  const score = answers.symptoms.filter(Boolean).length;
  const presumptive = score >= rules.positiveFromSymptoms;
  const instrument = answers.ageYears >= rules.adultFromYears ? 'tb_symptoms' : 'tb_symptoms_child';
  const result = presumptive ? 'presumptive_tb' : answers.householdContact ? 'contact_evaluate_latent' : 'negative';
  return { instrument, score, result, refer: presumptive || answers.householdContact, version: rules.version };
}

export const BARTHEL_RULES = {
  version: 'barthel-modified-0-20/r1',
  source: 'Modified Barthel ADL, 10 items, total 0-20 (reference §2.7).',
  /** UNCONFIRMED: the reference gives no kader referral rule; any dependence is referred for assessment. */
  referBelow: 20,
  items: 10,
  /** The ten activities in form order with their highest score (modified Barthel, total 20). */
  itemMaxima: [
    ['bowel', 2],
    ['bladder', 2],
    ['grooming', 1],
    ['toilet', 2],
    ['feeding', 2],
    ['transfer', 3],
    ['mobility', 3],
    ['dressing', 2],
    ['stairs', 2],
    ['bathing', 1],
  ],
  bands: [
    { from: 20, result: 'independent' },
    { from: 12, result: 'mild_dependence' },
    { from: 9, result: 'moderate_dependence' },
    { from: 5, result: 'severe_dependence' },
    { from: 0, result: 'total_dependence' },
  ],
} as const;

export function scoreBarthel(itemScores: readonly number[], rules = BARTHEL_RULES): QuestionnaireResult {
  if (itemScores.length !== rules.items) throw new RangeError(`Barthel ADL needs ${rules.items} item scores`);
  if (itemScores.some((s) => !Number.isInteger(s) || s < 0 || s > 3)) throw new RangeError('Item scores are 0-3');
  const score = itemScores.reduce((a, b) => a + b, 0);
  if (score > 20) throw new RangeError('Barthel ADL total is at most 20');
  const band = rules.bands.find((b) => score >= b.from);
  if (!band) throw new RangeError('Barthel bands do not cover the score');
  return {
    instrument: 'adl_barthel',
    score,
    result: band.result,
    refer: score < rules.referBelow,
    version: rules.version,
  };
}

export const SKILAS_DOMAINS = ['cognitive', 'mobility', 'malnutrition', 'vision', 'hearing', 'depression'] as const;
export type SkilasDomain = (typeof SKILAS_DOMAINS)[number];

export const SKILAS_RULES = {
  version: 'skilas/r1',
  source: 'SKILAS (Skrining Kesehatan Lansia Sederhana), >= 60 y yearly; any positive domain -> refer (§2.7).',
  domains: SKILAS_DOMAINS,
} as const;

/**
 * The SKILAS form's own questions, each belonging to a domain (reference §2.7): a domain is positive when any of
 * its items is. Each item is worded so that "ya" is the problem the kader found (e.g. fails the whisper test).
 * LiLA < 21 cm, the form's third malnutrition item, is the elderly_muac measurement rule, judged with it.
 */
export const SKILAS_ITEMS: readonly { readonly code: string; readonly domain: SkilasDomain }[] = [
  { code: 'recall', domain: 'cognitive' },
  { code: 'orientation', domain: 'cognitive' },
  { code: 'chair_stand', domain: 'mobility' },
  { code: 'weight_loss', domain: 'malnutrition' },
  { code: 'appetite', domain: 'malnutrition' },
  { code: 'vision_complaint', domain: 'vision' },
  { code: 'finger_count', domain: 'vision' },
  { code: 'whisper', domain: 'hearing' },
  { code: 'sad', domain: 'depression' },
  { code: 'interest', domain: 'depression' },
];

/** The domains the answered items make positive: item code -> yes. */
export function skilasDomainsFromItems(
  answers: Readonly<Record<string, boolean>>,
): Readonly<Partial<Record<SkilasDomain, boolean>>> {
  const out: Partial<Record<SkilasDomain, boolean>> = {};
  for (const item of SKILAS_ITEMS) if (answers[item.code] === true) out[item.domain] = true;
  return out;
}

export function scoreSkilas(
  positive: Readonly<Partial<Record<SkilasDomain, boolean>>>,
  rules = SKILAS_RULES,
): QuestionnaireResult & { readonly positiveDomains: readonly SkilasDomain[] } {
  const positiveDomains = rules.domains.filter((d) => positive[d] === true);
  const refer = positiveDomains.length > 0;
  return {
    instrument: 'skilas',
    score: positiveDomains.length,
    result: refer ? 'refer' : 'negative',
    refer,
    version: rules.version,
    positiveDomains,
  };
}
