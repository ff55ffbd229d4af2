import type { Person, Visit } from '../../../../protocol/index.ts';
import { completedMonths } from '../../../domain/dates/calendar.ts';
import {
  EVENT_TABLES,
  listEventsOfPeople,
  listEventsOn,
  listPeopleById,
  readDayRoster,
  type RosterImmunization,
} from '../../../storage/index.ts';
import { emptyHistory, type PersonHistory } from './visitor-data.ts';

/**
 * What the posyandu-day screen reads, and no more: the day roster (the young children with their immunisations
 * and this month's weighing, one sealed row kept up to date by storage: src/storage/day-roster.ts), today's
 * visits, and the whole history of today's visitors only. Reading and decrypting the posyandu's every person and
 * immunisation was most of the screen's time; the other screens keep the whole snapshot (posyandu-snapshot.ts).
 */
export interface DayData {
  /** The roster's children and today's visitors, by person id (the order of a read of the persons table). */
  people: Person[];
  byId: Map<string, Person>;
  /** Today's posyandu visits, in the order they were registered. */
  todayVisits: Visit[];
  /** The whole history of each of today's visitors. */
  histories: Map<string, PersonHistory>;
  /** The young children's immunisations (the due list takes the active under-fives'). */
  immunizations: Map<string, readonly RosterImmunization[]>;
  /** Active under-fives with a weight recorded this month. */
  weighedThisMonth: Set<string>;
}

export function isUnderFive(person: Person, today: string): boolean {
  return person.status === 'active' && completedMonths(person.birthDate, today) < 60;
}

export function visitorIdsOf(todayVisits: readonly Visit[], today: string): string[] {
  return [...new Set(todayVisits.filter((v) => v.date === today && v.kind === 'posyandu').map((v) => v.personId))];
}

const byId = (a: Person, b: Person) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function loadDayData(today: string): Promise<DayData> {
  const [roster, todayVisits] = await Promise.all([readDayRoster(today), listEventsOn('visits', today)]);
  const visitorIds = visitorIdsOf(todayVisits, today);
  // Each table of the visitors' histories is one read: the personId index gives the keys, then one bulk read.
  const [visitors, ...tables] = await Promise.all([
    listPeopleById(visitorIds),
    ...EVENT_TABLES.map((table) => listEventsOfPeople(table, visitorIds)),
  ]);
  const histories = new Map<string, PersonHistory>(visitorIds.map((id) => [id, emptyHistory()]));
  EVENT_TABLES.forEach((table, i) => {
    for (const record of tables[i] ?? [])
      (histories.get(record.personId)?.[table] as unknown[] | undefined)?.push(record);
  });
  const people = new Map<string, Person>(roster.map((child) => [child.person.id, child.person]));
  for (const visitor of visitors) people.set(visitor.id, visitor);
  return {
    people: [...people.values()].sort(byId),
    byId: people,
    todayVisits,
    histories,
    immunizations: new Map(roster.map((child) => [child.person.id, child.immunizations])),
    weighedThisMonth: new Set(roster.filter((child) => child.weighedThisMonth).map((child) => child.person.id)),
  };
}
