import { completedMonths, daysBetween } from '../dates/calendar.ts';

/** The ILP life-stage groups a visitor is registered under (reference §1.1-1.2, issue 5 item 2). */
export const LIFE_STAGES = [
  'pregnant',
  'postpartum',
  'baby_toddler',
  'preschool',
  'school_adolescent',
  'adult',
  'elderly',
] as const;

export type LifeStage = (typeof LIFE_STAGES)[number];

export interface AgeBand {
  readonly stage: Exclude<LifeStage, 'pregnant' | 'postpartum'>;
  /** Completed months, inclusive. */
  readonly fromMonths: number;
  /** Completed months, inclusive; null: no upper bound. */
  readonly toMonths: number | null;
}

export interface LifeStageRules {
  readonly version: string;
  readonly source: string;
  readonly ageBands: readonly AgeBand[];
  /** Days after delivery a mother counts as postpartum (nifas). */
  readonly postpartumDays: number;
}

export const LIFE_STAGE_RULES: LifeStageRules = {
  version: 'ilp-2024/r1',
  source:
    'KMK HK.01.07/MENKES/2015/2023 (ILP clusters: bumil/nifas, bayi-balita-apras, usia sekolah & remaja, dewasa, ' +
    'lansia); ages as in CKG 2025 (KMK HK.01.07/MENKES/33/2025): balita 0-59 mo, apras 5-6 y, school 7-17 y, ' +
    'adults 18-59 y, lansia >= 60 y; nifas 42 days (ilp-kader-reference §1.1, §2.10, §5.3).',
  ageBands: [
    { stage: 'baby_toddler', fromMonths: 0, toMonths: 59 },
    { stage: 'preschool', fromMonths: 60, toMonths: 83 },
    { stage: 'school_adolescent', fromMonths: 84, toMonths: 215 },
    { stage: 'adult', fromMonths: 216, toMonths: 719 },
    { stage: 'elderly', fromMonths: 720, toMonths: null },
  ],
  postpartumDays: 42,
};

export interface LifeStageSubject {
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
  /** An ongoing pregnancy on the date. */
  readonly pregnant?: boolean;
  /** Date of the latest delivery, if any. */
  readonly deliveryDate?: string;
}

/** Pregnancy and nifas come before age: a pregnant 17-year-old is served as a pregnant woman. */
export function lifeStage(
  subject: LifeStageSubject,
  date: string,
  rules: LifeStageRules = LIFE_STAGE_RULES,
): LifeStage {
  if (subject.sex === 'female') {
    if (subject.pregnant) return 'pregnant';
    if (subject.deliveryDate && inPostpartum(subject.deliveryDate, date, rules)) return 'postpartum';
  }
  return ageStage(subject.birthDate, date, rules);
}

function ageStage(birthDate: string, date: string, rules: LifeStageRules = LIFE_STAGE_RULES): AgeBand['stage'] {
  const months = Math.max(0, completedMonths(birthDate, date));
  const band = rules.ageBands.find((b) => months >= b.fromMonths && (b.toMonths === null || months <= b.toMonths));
  if (!band) throw new RangeError(`No life-stage band covers ${months} months`);
  return band.stage;
}

function inPostpartum(deliveryDate: string, date: string, rules: LifeStageRules): boolean {
  const days = daysBetween(deliveryDate, date);
  return days >= 0 && days <= rules.postpartumDays;
}
