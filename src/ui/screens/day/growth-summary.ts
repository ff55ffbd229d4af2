import type { Measurement, Person } from '../../../../protocol/index.ts';
import {
  judgeKmsHistory,
  measurementZScores,
  nutritionStatus,
  weightForAgeZ,
  type GrowthTables,
  type IndexStatus,
  type KmsMonth,
} from '../../../domain/growth/index.ts';
import { ageInDays, completedMonths } from '../../../domain/growth/age.ts';

export interface GrowthSummary {
  /** Permenkes categories of the latest measurement. */
  statuses: IndexStatus[];
  /** The KMS judgement of each weighed month, oldest first. */
  kms: KmsMonth[];
  latest: Measurement | undefined;
}

/** KMS status for the register: 2T and BGM override the month's code, as the posyandu book marks them. */
export { kmsStatus as kmsStatusOf } from '../../../domain/assessment/judge-measurements.ts';

/** A child's growth in the words of Permenkes 2/2020 and the KMS, from every measurement on record. */
export function growthSummary(
  person: Person,
  measurements: readonly Measurement[],
  growth: GrowthTables,
): GrowthSummary {
  const sorted = [...measurements].sort((a, b) => a.date.localeCompare(b.date) || a.hlc.localeCompare(b.hlc));
  const weighings = sorted
    .filter((m): m is Measurement & { weightKg: number } => m.weightKg !== undefined)
    .map((m) => {
      const z = weightForAgeZ(measurementZScores(person.sex, person.birthDate, m, growth));
      return { date: m.date, weightKg: m.weightKg, ...(z !== undefined ? { weightForAgeZ: z } : {}), oedema: m.oedema };
    });
  const latest = sorted.at(-1);
  const statuses = latest
    ? nutritionStatus(
        measurementZScores(person.sex, person.birthDate, latest, growth),
        completedMonths(ageInDays(person.birthDate, latest.date)),
      )
    : [];
  return { statuses, kms: judgeKmsHistory(person.birthDate, weighings), latest };
}
