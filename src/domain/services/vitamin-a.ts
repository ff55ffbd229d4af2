import type { Service } from '../../../protocol/index.ts';
import { addDays, addMonths, completedMonths, monthNumber, monthOf } from '../dates/calendar.ts';

export type CapsuleColour = 'blue' | 'red';

export interface VitaminABand {
  readonly capsule: CapsuleColour;
  /** Service.service code recorded when it is given. */
  readonly serviceCode: string;
  readonly fromMonths: number;
  /** Inclusive, completed months. */
  readonly toMonths: number;
  readonly doseIu: number;
  /** Doses in this band over the child's life; null: one per vitamin A month. */
  readonly maxDoses: number | null;
}

export interface VitaminARules {
  readonly version: string;
  readonly source: string;
  /** Calendar months (1-12) of the vitamin A rounds. */
  readonly months: readonly number[];
  /**
   * Months after a round in which a child who missed it is still sought out and given the round's capsule
   * (sweeping, house to house); a capsule given then counts for that round.
   */
  readonly sweepingMonths: number;
  readonly bands: readonly VitaminABand[];
  readonly postpartum: { readonly serviceCode: string; readonly capsules: number; readonly withinDays: number };
}

export const VITAMIN_A_RULES: VitaminARules = {
  version: 'PMK-21-2015/r2',
  source:
    'Permenkes 21/2015 (vitamin A months February and August; blue 100,000 IU once at 6-11 months, red 200,000 IU ' +
    'twice a year at 12-59 months; ibu nifas 2 red capsules), per ilp-kader-reference §4.3. Sweeping of children ' +
    'who missed the round in the month after it (March, September): issue 9, UNCONFIRMED how long it runs.',
  months: [2, 8],
  sweepingMonths: 1,
  bands: [
    { capsule: 'blue', serviceCode: 'vitamin_a_blue', fromMonths: 6, toMonths: 11, doseIu: 100_000, maxDoses: 1 },
    { capsule: 'red', serviceCode: 'vitamin_a_red', fromMonths: 12, toMonths: 59, doseIu: 200_000, maxDoses: null },
  ],
  postpartum: { serviceCode: 'vitamin_a_red', capsules: 2, withinDays: 42 },
};

type ServiceInput = Pick<Service, 'date' | 'service'> & Partial<Pick<Service, 'quantity'>>;

export interface VitaminAForChild {
  readonly rulesVersion: string;
  readonly ageMonths: number;
  readonly isVitaminAMonth: boolean;
  /** The month after a round, when a child who missed it is sought out at home (sweeping). */
  readonly isSweepingMonth: boolean;
  /** The capsule for the child's age, whatever the month; null outside 6-59 months. */
  readonly capsule: CapsuleColour | null;
  readonly serviceCode: string | null;
  readonly doseIu: number | null;
  /** Give it today: a vitamin A month, an eligible age, not yet given this round (and blue only once). */
  readonly due: boolean;
  readonly givenThisRound: boolean;
}

function capsuleForAge(ageMonths: number, rules: VitaminARules = VITAMIN_A_RULES): VitaminABand | null {
  return rules.bands.find((band) => ageMonths >= band.fromMonths && ageMonths <= band.toMonths) ?? null;
}

export function vitaminAForChild(
  birthDate: string,
  services: readonly ServiceInput[],
  date: string,
  rules: VitaminARules = VITAMIN_A_RULES,
): VitaminAForChild {
  const ageMonths = completedMonths(birthDate, date);
  const band = capsuleForAge(ageMonths, rules);
  const month = monthNumber(date);
  const isVitaminAMonth = rules.months.includes(month);
  // How many months ago the round opened: 0 in the round month, up to sweepingMonths after it.
  const sinceRound = [0, ...Array.from({ length: rules.sweepingMonths }, (_, i) => i + 1)].find((back) =>
    rules.months.includes(((month - 1 - back + 12) % 12) + 1),
  );
  const isSweepingMonth = !isVitaminAMonth && sinceRound !== undefined;
  const roundStart = sinceRound === undefined ? monthOf(date) : monthOf(addMonths(`${monthOf(date)}-01`, -sinceRound));
  const vitaminACodes = rules.bands.map((b) => b.serviceCode);
  const givenThisRound = services.some(
    (service) =>
      vitaminACodes.includes(service.service) &&
      monthOf(service.date) >= roundStart &&
      monthOf(service.date) <= monthOf(date),
  );
  const maxDoses = band?.maxDoses ?? null;
  const bandUsedUp =
    band !== null &&
    maxDoses !== null &&
    services.filter((service) => service.service === band.serviceCode && service.date >= birthDate).length >= maxDoses;
  return {
    rulesVersion: rules.version,
    ageMonths,
    isVitaminAMonth,
    isSweepingMonth,
    capsule: band?.capsule ?? null,
    serviceCode: band?.serviceCode ?? null,
    doseIu: band?.doseIu ?? null,
    due: band !== null && (isVitaminAMonth || isSweepingMonth) && !givenThisRound && !bandUsedUp,
    givenThisRound,
  };
}

export interface VitaminAForMother {
  readonly due: boolean;
  readonly given: number;
  readonly needed: number;
  readonly serviceCode: string;
}

/** Ibu nifas: two red capsules after delivery, within the nifas period. */
export function vitaminAForPostpartum(
  deliveryDate: string,
  services: readonly ServiceInput[],
  date: string,
  rules: VitaminARules = VITAMIN_A_RULES,
): VitaminAForMother {
  const { serviceCode, capsules, withinDays } = rules.postpartum;
  const lastDay = addDays(deliveryDate, withinDays);
  const given = services
    .filter((service) => service.service === serviceCode && service.date >= deliveryDate && service.date <= lastDay)
    .reduce((sum, service) => sum + (service.quantity ?? 1), 0);
  const inWindow = date >= deliveryDate && date <= lastDay;
  return { due: inWindow && given < capsules, given, needed: capsules, serviceCode };
}
