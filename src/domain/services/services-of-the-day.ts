import type { Service } from '../../../protocol/index.ts';
import { completedMonths, completedYears, monthOf } from '../dates/calendar.ts';
import { VITAMIN_A_RULES, vitaminAForChild, vitaminAForPostpartum, type VitaminARules } from './vitamin-a.ts';

/** The non-vaccine services of a posyandu day, as data (what, for whom, how much). */
export interface DayServiceRules {
  readonly version: string;
  readonly source: string;
  readonly iron: {
    readonly serviceCode: string;
    /**
     * Pregnant women: one tablet a day through the pregnancy. The target is the indicator's minimum (TTD >= 90),
     * never a stop: a month's supply is due at every monthly visit while she is pregnant.
     */
    readonly pregnancyTarget: number;
    /** Tablets handed out at one monthly visit. */
    readonly pregnancySupplyPerVisit: number;
    /** Adolescent girls: weekly tablet; the posyandu hands out a month's supply. */
    readonly adolescentGirlFromYears: number;
    readonly adolescentGirlToYears: number;
    readonly adolescentTabletsPerMonth: number;
  };
  readonly supplementaryFood: {
    readonly serviceCode: string;
    /** KMS judgements that call for PMT in an under-five. */
    readonly childStatuses: readonly string[];
    readonly forKek: boolean;
  };
  /**
   * Deworming (obat cacing): children in an age band, once in each of the given calendar months' rounds (the
   * posyandu gives it with vitamin A in February and August).
   */
  readonly deworming: {
    readonly serviceCode: string;
    readonly fromMonths: number;
    readonly toMonths: number;
    readonly months: readonly number[];
  };
  readonly diarrhoea: {
    readonly orsServiceCode: string;
    readonly zincServiceCode: string;
    readonly zincDays: number;
    /** Zinc dose by age: under this many months 10 mg, otherwise 20 mg. */
    readonly zincHalfDoseUnderMonths: number;
    readonly zincUnderFiveOnly: boolean;
  };
  readonly unconfirmed: readonly string[];
}

export const DAY_SERVICE_RULES: DayServiceRules = {
  version: 'ilp-2024/r2',
  source:
    'TTD: ibu hamil 1 tablet/day through pregnancy, at least 90 (not at most); remaja putri 12-18 y 1 tablet/week (52/year) ' +
    '(ilp-kader-reference §4.4). PMT for KEK mothers (§2.8) and under-fives not growing. ORS + zinc 10 days ' +
    '(Kemenkes LINTAS Diare; zinc 10 mg under 6 months, 20 mg from 6 months). Obat cacing twice a year for ' +
    'balita 12-59 months with vitamin A (Permenkes 15/2017 Penanggulangan Cacingan).',
  iron: {
    serviceCode: 'ttd',
    pregnancyTarget: 90,
    pregnancySupplyPerVisit: 30,
    adolescentGirlFromYears: 12,
    adolescentGirlToYears: 18,
    adolescentTabletsPerMonth: 4,
  },
  supplementaryFood: { serviceCode: 'pmt', childStatuses: ['T', '2T', 'BGM'], forKek: true },
  deworming: { serviceCode: 'obat_cacing', fromMonths: 12, toMonths: 59, months: [2, 8] },
  diarrhoea: {
    orsServiceCode: 'oralit',
    zincServiceCode: 'zinc',
    zincDays: 10,
    zincHalfDoseUnderMonths: 6,
    zincUnderFiveOnly: true,
  },
  unconfirmed: [
    'iron.adolescentTabletsPerMonth (monthly hand-out of the weekly tablet)',
    'supplementaryFood.childStatuses (PMT for T as well as 2T/BGM)',
    'diarrhoea (LINTAS Diare zinc dosing is not in the ILP reference)',
    'deworming (Permenkes 15/2017 POPM cacingan twice a year; at the posyandu 12-59 months with vitamin A)',
  ],
};

export const KMS_STATUSES = ['N', 'T', 'O', 'B', '2T', 'BGM'] as const;
export type KmsStatus = (typeof KMS_STATUSES)[number];

export interface ServiceSubject {
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
  readonly pregnant?: boolean;
  /** Delivery date while the mother is in nifas. */
  readonly deliveryDate?: string;
  /** Iron tablets counted so far in the current pregnancy. */
  readonly ironTabletsThisPregnancy?: number;
  readonly kek?: boolean;
  readonly kmsStatus?: KmsStatus;
  readonly hasDiarrhoea?: boolean;
}

export interface ServiceDue {
  readonly code: string;
  readonly reason: string;
  readonly quantity?: number;
  /** Extra detail for the kader, e.g. the capsule colour or zinc dose. */
  readonly detail?: string;
}

type ServiceInput = Pick<Service, 'date' | 'service'> & Partial<Pick<Service, 'quantity'>>;

/** What services a person should receive on `date`, given what was already recorded. */
export function servicesDue(
  subject: ServiceSubject,
  services: readonly ServiceInput[],
  date: string,
  rules: DayServiceRules = DAY_SERVICE_RULES,
  vitaminA: VitaminARules = VITAMIN_A_RULES,
): ServiceDue[] {
  const due: ServiceDue[] = [];
  const ageMonths = completedMonths(subject.birthDate, date);
  const ageYears = completedYears(subject.birthDate, date);

  const childA = vitaminAForChild(subject.birthDate, services, date, vitaminA);
  if (childA.due && childA.serviceCode) {
    due.push({ code: childA.serviceCode, reason: 'vitamin_a_round', quantity: 1, detail: childA.capsule ?? '' });
  }
  if (subject.deliveryDate) {
    const mother = vitaminAForPostpartum(subject.deliveryDate, services, date, vitaminA);
    if (mother.due) {
      due.push({ code: mother.serviceCode, reason: 'vitamin_a_postpartum', quantity: mother.needed - mother.given });
    }
  }

  // The posyandu meets monthly: a supply recorded this month covers the month.
  const givenThisMonth = (code: string) =>
    services.some((service) => service.service === code && monthOf(service.date) === monthOf(date));
  const givenToday = (code: string) => services.some((service) => service.service === code && service.date === date);

  const iron = rules.iron;
  if (subject.pregnant) {
    if (!givenThisMonth(iron.serviceCode)) {
      due.push({ code: iron.serviceCode, reason: 'iron_pregnancy', quantity: iron.pregnancySupplyPerVisit });
    }
  } else if (
    subject.sex === 'female' &&
    ageYears >= iron.adolescentGirlFromYears &&
    ageYears <= iron.adolescentGirlToYears &&
    !givenThisMonth(iron.serviceCode)
  ) {
    due.push({ code: iron.serviceCode, reason: 'iron_adolescent', quantity: iron.adolescentTabletsPerMonth });
  }

  const food = rules.supplementaryFood;
  const childNeedsFood =
    ageMonths < 60 && subject.kmsStatus !== undefined && food.childStatuses.includes(subject.kmsStatus);
  const motherNeedsFood = food.forKek && subject.kek === true;
  if ((childNeedsFood || motherNeedsFood) && !givenThisMonth(food.serviceCode)) {
    due.push({ code: food.serviceCode, reason: childNeedsFood ? 'pmt_growth' : 'pmt_kek' });
  }

  const worm = rules.deworming;
  if (
    ageMonths >= worm.fromMonths &&
    ageMonths <= worm.toMonths &&
    worm.months.includes(Number(date.slice(5, 7))) &&
    !givenThisMonth(worm.serviceCode)
  ) {
    due.push({ code: worm.serviceCode, reason: 'deworming', quantity: 1 });
  }

  const d = rules.diarrhoea;
  if (subject.hasDiarrhoea) {
    if (!givenToday(d.orsServiceCode)) due.push({ code: d.orsServiceCode, reason: 'diarrhoea' });
    if ((!d.zincUnderFiveOnly || ageMonths < 60) && !givenToday(d.zincServiceCode)) {
      const mg = ageMonths < d.zincHalfDoseUnderMonths ? 10 : 20;
      due.push({ code: d.zincServiceCode, reason: 'diarrhoea', quantity: d.zincDays, detail: `${mg} mg` });
    }
  }
  return due;
}
