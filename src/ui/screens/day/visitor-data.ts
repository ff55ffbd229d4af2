import type {
  Immunization,
  Measurement,
  Person,
  Pregnancy,
  Screening,
  Service,
  Visit,
} from '../../../../protocol/index.ts';
import { addDays } from '../../../domain/dates/calendar.ts';
import type { Visitor } from '../../../domain/posyandu-day/daily-package.ts';
import type { TimelineEntry } from '../../../storage/index.ts';

/** A person's history split by kind, in the shapes the domain rules take. */
export interface PersonHistory {
  measurements: Measurement[];
  immunizations: Immunization[];
  services: Service[];
  pregnancies: Pregnancy[];
  visits: Visit[];
  screenings: Screening[];
}

export function emptyHistory(): PersonHistory {
  return { measurements: [], immunizations: [], services: [], pregnancies: [], visits: [], screenings: [] };
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

export function toVisitor(
  person: Person,
  history: PersonHistory,
  today: string,
  findings: { hasDiarrhoea?: boolean } = {},
): Visitor {
  return {
    ...findings,
    person: { id: person.id, birthDate: person.birthDate, sex: person.sex },
    pregnant: currentPregnancy(history.pregnancies, today) !== undefined,
    immunizations: history.immunizations,
    services: history.services,
    measurements: history.measurements,
    screenings: history.screenings,
  };
}
