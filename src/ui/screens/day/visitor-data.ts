import type {
  Immunization,
  Measurement,
  Person,
  Pregnancy,
  Referral,
  Screening,
  Service,
  Visit,
} from '../../../../protocol/index.ts';
import { assessPerson, type AssessOptions } from '../../../domain/assessment/assess-person.ts';
import type { Assessment, PersonRecords } from '../../../domain/assessment/assessment-types.ts';
import { addDays } from '../../../domain/dates/calendar.ts';
import type { TimelineEntry } from '../../../storage/index.ts';

/** A person's history split by kind, in the shapes the domain rules take. */
export interface PersonHistory {
  measurements: Measurement[];
  immunizations: Immunization[];
  services: Service[];
  pregnancies: Pregnancy[];
  visits: Visit[];
  screenings: Screening[];
  referrals?: Referral[];
}

export function emptyHistory(): PersonHistory {
  return {
    measurements: [],
    immunizations: [],
    services: [],
    pregnancies: [],
    visits: [],
    screenings: [],
    referrals: [],
  };
}

export function splitHistory(events: readonly TimelineEntry[]): PersonHistory {
  const history = emptyHistory();
  for (const { table, record } of events) {
    if (table === 'measurements') history.measurements.push(record as Measurement);
    else if (table === 'immunizations') history.immunizations.push(record as Immunization);
    else if (table === 'services') history.services.push(record as Service);
    else if (table === 'pregnancies') history.pregnancies.push(record as Pregnancy);
    else if (table === 'visits') history.visits.push(record as Visit);
    else if (table === 'screenings') history.screenings.push(record as Screening);
    else if (table === 'referrals') history.referrals?.push(record as Referral);
  }
  return history;
}

/** The pregnancy still going on `today`: the newest record not superseded, not ended, not long past its due date. */
export function currentPregnancy(pregnancies: readonly Pregnancy[], today: string): Pregnancy | undefined {
  const superseded = new Set(pregnancies.map((p) => p.supersedes).filter(Boolean));
  return pregnancies
    .filter((p) => !superseded.has(p.id) && p.outcome === 'ongoing' && p.estimatedDueDate >= addDays(today, -28))
    .sort((a, b) => b.estimatedDueDate.localeCompare(a.estimatedDueDate))[0];
}

export function toPersonRecords(
  person: Person,
  history: PersonHistory,
  extra: Pick<PersonRecords, 'deliveries' | 'packageMissing'> = {},
): PersonRecords {
  return {
    person: { id: person.id, birthDate: person.birthDate, sex: person.sex, status: person.status },
    measurements: history.measurements,
    immunizations: history.immunizations,
    pregnancies: history.pregnancies,
    visits: history.visits,
    referrals: history.referrals ?? [],
    screenings: history.screenings,
    services: history.services,
    ...extra,
  };
}

/** The one assessment of a person the screens show: judgements, today's package, referrals and home visits. */
export function assess(
  person: Person,
  history: PersonHistory,
  today: string,
  options: AssessOptions & Pick<PersonRecords, 'deliveries' | 'packageMissing'> = {},
): Assessment {
  const { deliveries, packageMissing, ...rest } = options;
  const extra = { ...(deliveries ? { deliveries } : {}), ...(packageMissing ? { packageMissing } : {}) };
  return assessPerson(toPersonRecords(person, history, extra), today, rest);
}
