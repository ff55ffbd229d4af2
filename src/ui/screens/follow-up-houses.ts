import type { Household } from '../../../protocol/index.ts';
import type { FollowUpTask } from '../../domain/posyandu-day/follow-up-tasks.ts';

/** One person's reasons for a visit: open first, then those closed (struck through, with the visit date). */
export interface PersonTasks {
  personId: string;
  open: FollowUpTask[];
  closed: FollowUpTask[];
  urgent: boolean;
}

/** A house to walk to, with everyone in it who needs a visit. */
export interface HouseVisit {
  householdId: string;
  headName: string;
  street: string;
  dusun: string;
  rt: string;
  rw: string;
  people: PersonTasks[];
  urgent: boolean;
  /** Open tasks of the whole house; 0 once every one in it was visited. */
  open: number;
}

export interface HouseFilter {
  /** '' for every dusun. */
  dusun: string;
  urgentOnly: boolean;
}

export function personTasks(tasks: readonly FollowUpTask[]): PersonTasks[] {
  const byPerson = new Map<string, FollowUpTask[]>();
  for (const task of tasks) byPerson.set(task.personId, [...(byPerson.get(task.personId) ?? []), task]);
  return [...byPerson.entries()].map(([personId, list]) => ({
    personId,
    open: list.filter((task) => !task.closed),
    closed: list.filter((task) => task.closed),
    urgent: list.some((task) => !task.closed && task.priority === 'urgent'),
  }));
}

const numberOf = (text: string) => (/^\d+$/.test(text) ? Number(text) : Number.MAX_SAFE_INTEGER);
const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });

/**
 * The people to visit gathered by house, in walking order: a kader walks a dusun RW by RW and RT by RT, then along
 * the street (house numbers in number order), so the list reads as her route. Urgent houses are marked, not moved:
 * moving them would send her back and forth. Houses already visited go last. Someone whose household is unknown on
 * this phone gets a house of their own at the end, so nobody drops off the list.
 */
export function housesToVisit(
  rows: readonly PersonTasks[],
  householdOf: (personId: string) => string | undefined,
  households: readonly Household[],
): HouseVisit[] {
  const byId = new Map(households.map((household) => [household.id, household]));
  const houses = new Map<string, HouseVisit>();
  for (const row of rows) {
    const householdId = householdOf(row.personId) ?? `person:${row.personId}`;
    let house = houses.get(householdId);
    if (!house) {
      const household = byId.get(householdId);
      house = {
        householdId,
        headName: household?.headName ?? '',
        street: household?.address.street ?? '',
        dusun: household?.address.dusun ?? '',
        rt: household?.address.rt ?? '',
        rw: household?.address.rw ?? '',
        people: [],
        urgent: false,
        open: 0,
      };
      houses.set(householdId, house);
    }
    house.people.push(row);
    house.urgent ||= row.urgent;
    house.open += row.open.length;
  }
  for (const house of houses.values()) {
    house.people.sort(
      (a, b) => Number(a.open.length === 0) - Number(b.open.length === 0) || Number(b.urgent) - Number(a.urgent),
    );
  }
  return [...houses.values()].sort(
    (a, b) =>
      Number(a.open === 0) - Number(b.open === 0) ||
      Number(a.dusun === '') - Number(b.dusun === '') ||
      collator.compare(a.dusun, b.dusun) ||
      numberOf(a.rw) - numberOf(b.rw) ||
      numberOf(a.rt) - numberOf(b.rt) ||
      collator.compare(a.street, b.street) ||
      collator.compare(a.headName, b.headName),
  );
}

export function filterHouses(houses: readonly HouseVisit[], filter: HouseFilter): HouseVisit[] {
  const dusun = filter.dusun.trim().toLowerCase();
  return houses.filter(
    (house) => (dusun === '' || house.dusun.trim().toLowerCase() === dusun) && (!filter.urgentOnly || house.urgent),
  );
}

/** The dusun of the houses on the list, to filter by, in name order. */
export function dusunOnList(houses: readonly HouseVisit[]): string[] {
  const seen = new Map<string, string>();
  for (const house of houses) {
    const key = house.dusun.trim().toLowerCase();
    if (key !== '' && !seen.has(key)) seen.set(key, house.dusun.trim());
  }
  return [...seen.values()].sort((a, b) => collator.compare(a, b));
}
