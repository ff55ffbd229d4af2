import type { Immunization, Measurement, Screening, Service } from '../../../protocol/index.ts';
import { addMonths, completedMonths, completedYears } from '../dates/calendar.ts';
import {
  type ChildImmunizationStatus,
  childImmunizationStatus,
  posyanduDosesPossible,
} from '../schedules/child-immunization-status.ts';
import { NATIONAL_IMMUNIZATION_SCHEDULE, type ImmunizationSchedule } from '../schedules/immunization-schedule.ts';
import {
  DAY_SERVICE_RULES,
  servicesDue,
  type DayServiceRules,
  type KmsStatus,
} from '../services/services-of-the-day.ts';
import { VITAMIN_A_RULES, type VitaminARules } from '../services/vitamin-a.ts';
import { LIFE_STAGE_RULES, lifeStage, type LifeStage, type LifeStageRules } from './life-stage.ts';
import { POSYANDU_PACKAGE_RULES, type MeasurementItem, type PackageRules } from './package-rules.ts';

export interface DayRules {
  readonly package: PackageRules;
  readonly lifeStage: LifeStageRules;
  readonly immunization: ImmunizationSchedule;
  readonly services: DayServiceRules;
  readonly vitaminA: VitaminARules;
}

export const NATIONAL_DAY_RULES: DayRules = {
  package: POSYANDU_PACKAGE_RULES,
  lifeStage: LIFE_STAGE_RULES,
  immunization: NATIONAL_IMMUNIZATION_SCHEDULE,
  services: DAY_SERVICE_RULES,
  vitaminA: VITAMIN_A_RULES,
};

type MeasurementInput = Pick<Measurement, 'date'> &
  Partial<
    Pick<
      Measurement,
      | 'weightKg'
      | 'lengthHeightCm'
      | 'headCircumferenceCm'
      | 'muacCm'
      | 'waistCm'
      | 'systolicMmHg'
      | 'diastolicMmHg'
      | 'bloodGlucoseMgDl'
      | 'fastingGlucoseMgDl'
    >
  >;

export interface Visitor {
  readonly person: { readonly id: string; readonly birthDate: string; readonly sex: 'male' | 'female' };
  readonly pregnant?: boolean;
  readonly deliveryDate?: string;
  readonly smoker?: boolean;
  readonly kmsStatus?: KmsStatus;
  readonly kek?: boolean;
  readonly hasDiarrhoea?: boolean;
  readonly ironTabletsThisPregnancy?: number;
  /** The person's whole history; today's records are what the kader has entered so far. */
  readonly immunizations: readonly (Pick<Immunization, 'vaccine' | 'date'> &
    Partial<Pick<Immunization, 'id' | 'supersedes'>>)[];
  readonly services: readonly (Pick<Service, 'service' | 'date'> & Partial<Pick<Service, 'quantity'>>)[];
  readonly measurements: readonly MeasurementInput[];
  readonly screenings: readonly Pick<Screening, 'instrument' | 'date'>[];
  /**
   * The child's immunisation status on `today` under the day rules' schedule, when the caller has it already
   * (assessPerson shares it with the home-visit tasks): `prior` from the records dated before today, `now` from
   * all of them. Absent, it is computed here; either way the package is the same.
   */
  readonly immunizationStatus?: {
    readonly prior: ChildImmunizationStatus;
    readonly now: ChildImmunizationStatus;
  };
}

export type PackageItemKind = 'measurement' | 'service' | 'immunization' | 'screening';

export interface PackageItem {
  readonly kind: PackageItemKind;
  readonly code: string;
  readonly detail?: string;
}

export interface DailyPackage {
  readonly personId: string;
  readonly date: string;
  readonly stage: LifeStage;
  readonly expected: readonly PackageItem[];
  readonly done: readonly PackageItem[];
  /** Step 5, validation: what is still missing today; each becomes a follow-up task if the day ends so. */
  readonly missing: readonly PackageItem[];
}

/**
 * Today's package for one visitor. What is expected is judged from the history before today, so giving a dose
 * or a capsule today moves it from missing to done instead of making it vanish.
 */
export function dailyPackage(visitor: Visitor, today: string, rules: DayRules = NATIONAL_DAY_RULES): DailyPackage {
  const { person } = visitor;
  const stage = lifeStage({ ...person, ...pick(visitor) }, today, rules.lifeStage);
  const ageMonths = completedMonths(person.birthDate, today);
  const before = <T extends { date: string }>(list: readonly T[]) => list.filter((r) => r.date < today);
  const onToday = <T extends { date: string }>(list: readonly T[]) => list.filter((r) => r.date === today);

  const items: { item: PackageItem; done: boolean }[] = [];

  const measuredToday = onToday(visitor.measurements);
  const seen = new Set<MeasurementItem>();
  for (const rule of rules.package.measurements) {
    if (!rule.stages.includes(stage) || seen.has(rule.item)) continue;
    if (rule.fromMonths !== undefined && ageMonths < rule.fromMonths) continue;
    if (rule.toMonths !== undefined && ageMonths > rule.toMonths) continue;
    seen.add(rule.item);
    items.push({
      item: { kind: 'measurement', code: rule.item },
      done: measuredToday.some((m) => hasMeasurement(m, rule.item)),
    });
  }

  if (posyanduDosesPossible(rules.immunization, person.birthDate, today)) {
    const known = visitor.immunizationStatus;
    const priorStatus =
      known?.prior ?? childImmunizationStatus(person, before(visitor.immunizations), today, rules.immunization);
    const givenToday = new Set(onToday(visitor.immunizations).map((record) => record.vaccine));
    const nowStatus =
      givenToday.size > 0
        ? (known?.now ?? childImmunizationStatus(person, visitor.immunizations, today, rules.immunization))
        : null;
    for (const dose of priorStatus.doses) {
      if (!dose.givableNow || dose.setting !== 'posyandu') continue;
      const now = nowStatus?.doses.find((d) => d.code === dose.code);
      items.push({ item: { kind: 'immunization', code: dose.code }, done: now?.givenDate === today });
    }
  }

  const subject = { birthDate: person.birthDate, sex: person.sex, ...pick(visitor) };
  const dueServices = servicesDue(subject, before(visitor.services), today, rules.services, rules.vitaminA);
  for (const service of dueServices) {
    items.push({
      item: { kind: 'service', code: service.code, ...(service.detail ? { detail: service.detail } : {}) },
      done: visitor.services.some((s) => s.date === today && s.service === service.code),
    });
  }

  const ageYears = completedYears(person.birthDate, today);
  for (const rule of rules.package.screenings) {
    if (ageYears < rule.fromYears || (rule.toYears !== null && ageYears > rule.toYears)) continue;
    if (rule.sex && rule.sex !== person.sex) continue;
    if (rule.fromMonths !== undefined && completedMonths(person.birthDate, today) < rule.fromMonths) continue;
    if (rule.requires === 'smoker' && !visitor.smoker) continue;
    const dates =
      rule.recordedAs === 'screening'
        ? visitor.screenings.filter((s) => s.instrument === rule.code).map((s) => s.date)
        : visitor.measurements.filter((m) => hasMeasurementField(m, rule.code)).map((m) => m.date);
    const last = dates
      .filter((d) => d < today)
      .sort()
      .at(-1);
    if (last && addMonths(last, rule.intervalMonths) > today) continue;
    items.push({ item: { kind: 'screening', code: rule.code }, done: dates.includes(today) });
  }

  return {
    personId: person.id,
    date: today,
    stage,
    expected: items.map((i) => i.item),
    done: items.filter((i) => i.done).map((i) => i.item),
    missing: items.filter((i) => !i.done).map((i) => i.item),
  };
}

function pick(visitor: Visitor) {
  return {
    ...(visitor.pregnant !== undefined ? { pregnant: visitor.pregnant } : {}),
    ...(visitor.deliveryDate !== undefined ? { deliveryDate: visitor.deliveryDate } : {}),
    ...(visitor.kmsStatus !== undefined ? { kmsStatus: visitor.kmsStatus } : {}),
    ...(visitor.kek !== undefined ? { kek: visitor.kek } : {}),
    ...(visitor.hasDiarrhoea !== undefined ? { hasDiarrhoea: visitor.hasDiarrhoea } : {}),
    ...(visitor.ironTabletsThisPregnancy !== undefined
      ? { ironTabletsThisPregnancy: visitor.ironTabletsThisPregnancy }
      : {}),
  };
}

function hasMeasurement(m: MeasurementInput, item: MeasurementItem): boolean {
  if (item === 'bloodPressure') return m.systolicMmHg !== undefined && m.diastolicMmHg !== undefined;
  return m[item] !== undefined;
}

function hasMeasurementField(m: MeasurementInput, code: string): boolean {
  // A fasting (GDP) or a random (GDS) value both answer the glucose check of the day.
  return code === 'blood_glucose' ? m.bloodGlucoseMgDl !== undefined || m.fastingGlucoseMgDl !== undefined : false;
}
