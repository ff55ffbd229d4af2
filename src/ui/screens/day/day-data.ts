import type { Immunization, Person, Visit } from '../../../../protocol/index.ts';
import { completedMonths } from '../../../domain/dates/calendar.ts';
import { listEvents, listEventsBetween, listEventsOfPeople, listPeople } from '../../../storage/index.ts';
import { emptyHistory, type PersonHistory } from './visitor-data.ts';

/**
 * What the posyandu-day screen reads, and no more: every person (names, birth dates, who is an under-five), today's
 * visits, the whole history of today's visitors only, the immunisations of the under-fives and this month's
 * measurements. Reading and decrypting the whole posyandu (every event of three years) was most of the screen's
 * time; the other screens keep the whole snapshot (posyandu-snapshot.ts).
 */
export interface DayData {
  people: Person[];
  byId: Map<string, Person>;
  /** Today's posyandu visits, in the order they were registered. */
  todayVisits: Visit[];
  /** The whole history of each of today's visitors. */
  histories: Map<string, PersonHistory>;
  /** Every person's immunisations (the due list takes the active under-fives'). */
  immunizations: Map<string, Immunization[]>;
  /** Active under-fives with a weight recorded this month. */
  weighedThisMonth: Set<string>;
}

export function isUnderFive(person: Person, today: string): boolean {
  return person.status === 'active' && completedMonths(person.birthDate, today) < 60;
}

export function visitorIdsOf(todayVisits: readonly Visit[], today: string): string[] {
  return [...new Set(todayVisits.filter((v) => v.date === today && v.kind === 'posyandu').map((v) => v.personId))];
}

/**
 * Each read through the encryption layer costs far more than decrypting one row, so the small tables (services,
 * pregnancies, visits, screenings, referrals: a tenth of the records) and the immunisations (nearly all of them
 * the under-fives') are read whole; the measurements, the biggest table, only this month's and the visitors'.
 */
const WHOLE_TABLES = ['immunizations', 'services', 'pregnancies', 'visits', 'screenings', 'referrals'] as const;

export async function loadDayData(today: string): Promise<DayData> {
  const month = today.slice(0, 7);
  const [people, monthMeasurements, ...whole] = await Promise.all([
    listPeople(),
    listEventsBetween('measurements', `${month}-01`, `${month}-31`),
    ...WHOLE_TABLES.map((table) => listEvents(table)),
  ]);
  const tables = new Map<(typeof WHOLE_TABLES)[number], readonly { personId: string }[]>(
    WHOLE_TABLES.map((table, i) => [table, whole[i] ?? []]),
  );
  const todayVisits = ((tables.get('visits') ?? []) as Visit[]).filter((v) => v.date === today);
  const visitorIds = visitorIdsOf(todayVisits, today);
  const visitorSet = new Set(visitorIds);
  const visitorMeasurements = await listEventsOfPeople('measurements', visitorIds);

  const histories = new Map<string, PersonHistory>(visitorIds.map((id) => [id, emptyHistory()]));
  const immunizations = new Map<string, Immunization[]>();
  for (const [table, records] of tables) {
    for (const record of records) {
      if (table === 'immunizations') {
        const list = immunizations.get(record.personId);
        if (list) list.push(record as Immunization);
        else immunizations.set(record.personId, [record as Immunization]);
      }
      if (visitorSet.has(record.personId)) (histories.get(record.personId)?.[table] as unknown[]).push(record);
    }
  }
  for (const record of visitorMeasurements) histories.get(record.personId)?.measurements.push(record);
  const weighedThisMonth = new Set(monthMeasurements.filter((m) => m.weightKg !== undefined).map((m) => m.personId));
  return {
    people,
    byId: new Map(people.map((p) => [p.id, p])),
    todayVisits,
    histories,
    immunizations,
    weighedThisMonth,
  };
}
