import type {
  Immunization,
  Measurement,
  Person,
  Pregnancy,
  Referral,
  Screening,
  Service,
  Visit,
} from '../../../protocol/index.ts';
import { measurementZScores, weightForAgeZ, type GrowthTables } from '../growth/index.ts';
import type { ReportInput } from './report-input.ts';
import type { SkdnOptions } from './skdn.ts';

/** A posyandu's records as both the phone and the server hold them (protocol types). */
export interface PosyanduRecords {
  readonly persons: readonly Person[];
  readonly measurements: readonly Measurement[];
  readonly services: readonly Service[];
  readonly immunizations: readonly Immunization[];
  readonly visits: readonly Visit[];
  readonly pregnancies: readonly Pregnancy[];
  readonly screenings: readonly Screening[];
  readonly referrals: readonly Referral[];
}

/** A record a later one replaced (`supersedes`) is history, not the month's fact: it is not counted twice. */
export function currentEvents<T extends { id: string; supersedes?: string | undefined }>(records: readonly T[]): T[] {
  const replaced = new Set(records.flatMap((r) => (r.supersedes ? [r.supersedes] : [])));
  return records.filter((r) => !replaced.has(r.id));
}

/**
 * The report's input from the records, one rule for the phone and the server so both print the same figures:
 * deleted persons are left out, corrected events count once (the correction).
 */
export function reportInputFrom(records: PosyanduRecords): ReportInput {
  return {
    persons: records.persons
      .filter((p) => p.deletedAt === undefined)
      .map((p) => ({
        id: p.id,
        sex: p.sex,
        birthDate: p.birthDate,
        status: p.status,
        statusDate: p.statusDate,
        kiaBook: p.kiaBook,
      })),
    measurements: currentEvents(records.measurements),
    services: currentEvents(records.services),
    immunizations: currentEvents(records.immunizations),
    visits: currentEvents(records.visits),
    pregnancies: currentEvents(records.pregnancies),
    screenings: currentEvents(records.screenings),
    referrals: currentEvents(records.referrals),
  };
}

/** BGM needs weight-for-age z-scores from WHO's tables; without them the report says BGM is unknown. */
export function growthReportOptions(growth: GrowthTables | undefined): SkdnOptions {
  if (!growth) return {};
  return {
    weightForAgeZ: (person, weighing) =>
      weightForAgeZ(measurementZScores(person.sex, person.birthDate, weighing, growth)),
  };
}
