import type { Table } from 'dexie';
import type { Immunization, Person } from '../../protocol/index.ts';
import { completedMonths } from '../domain/dates/calendar.ts';
import { ROSTER_MARK_ALL, ROSTER_MARK_PREFIX } from './day-roster-marks.ts';
import type { PersonRow } from './db.ts';
import { fromPersonRow } from './search-terms.ts';
import type { StorageContext } from './write-context.ts';

/** What the due list reads of an immunisation (posyanduDueList's given record). */
export type RosterImmunization = Pick<Immunization, 'id' | 'vaccine' | 'date'> &
  Partial<Pick<Immunization, 'supersedes'>>;

export interface RosterChild {
  person: Person;
  immunizations: RosterImmunization[];
  /** A weight is recorded in the roster's month. */
  weighedThisMonth: boolean;
}

/**
 * The day screen's list of the posyandu's young children, derived from persons, immunisations and this month's
 * measurements and kept as one sealed meta row, so the screen opens one row instead of decrypting the whole
 * posyandu (docs/architecture.md, "The day roster"). Everyone under five on the day it was built, whatever their
 * status (children only grow older, so it holds every under-five of any later day in the same month); the
 * caller keeps the active under-fives of its own day. Ordered by person id, as a read of the persons table is.
 */
interface StoredRoster {
  /** The rules below; a roster of another version is rebuilt. */
  version: number;
  /** Each write-back adds one: a write-back computed from an older roster than the stored one is dropped. */
  generation: number;
  builtOn: string;
  children: RosterChild[];
}

export const ROSTER_KEY = 'dayRoster';
/** Bump when what a roster holds or how it is derived changes: older rosters are then rebuilt. */
export const ROSTER_VERSION = 1;
const UNDER_FIVE_MONTHS = 60;
/** Up to this many people, their measurements are found through the personId index rather than the month's. */
const FEW_PEOPLE = 64;

/** Who belongs on a roster built on `builtOn`. */
function belongs(person: Person, builtOn: string): boolean {
  return completedMonths(person.birthDate, builtOn) < UNDER_FIVE_MONTHS;
}

const monthOf = (date: string) => date.slice(0, 7);

/**
 * The roster for `today`, up to date with every write: the marks the writes left (day-roster-marks.ts) are
 * re-derived from the source tables first. A roster of an earlier month is rolled to this one; a missing roster,
 * one of another version or of a later day, or a mark for everything, is rebuilt whole; the result is written
 * back with the marks it covers cleared, after.
 */
export async function readDayRoster(context: StorageContext, today: string): Promise<RosterChild[]> {
  const { db } = context;
  const [stored, marks] = await Promise.all([
    db.meta.get(ROSTER_KEY).then((row) => row?.value as StoredRoster | undefined),
    db.meta.where('key').startsWith(ROSTER_MARK_PREFIX).toArray(),
  ]);
  const usable =
    stored !== undefined &&
    stored.version === ROSTER_VERSION &&
    stored.builtOn <= today &&
    !marks.some((mark) => mark.key === ROSTER_MARK_ALL);
  const sameMonth = usable && monthOf(stored.builtOn) === monthOf(today);
  if (sameMonth && marks.length === 0) return stored.children;

  // A posyandu day comes once a month, so its first open is nearly always in a month the roster was not built
  // for: rather than a rebuild, the roster moves to the new month (rolled), then the marked people are patched.
  const builtOn = sameMonth ? stored.builtOn : today;
  const base = !usable ? null : sameMonth ? stored.children : await rollToMonth(context, stored.children, today);
  const children = base
    ? await patch(
        context,
        base,
        builtOn,
        marks.map((mark) => mark.key.slice(ROSTER_MARK_PREFIX.length)),
      )
    : await build(context, builtOn);
  const from = stored?.generation ?? 0;
  const roster: StoredRoster = { version: ROSTER_VERSION, generation: from + 1, builtOn, children };
  // Written after the read returned, from a task of its own: the day screen reads inside a live query, where a
  // read-write transaction is refused (Dexie's liveQuery), and the screen need not wait for the write. The write
  // starts inside the timer's callback: a continuation of a promise made here would run in the live query's zone.
  const write = new Promise<void>((resolve, reject) => {
    setTimeout(() => writeBack(context, from, roster, marks).then(resolve, reject), 0);
  });
  writesInFlight.set(
    db,
    write.catch(() => undefined),
  );
  return children;
}

const writesInFlight = new WeakMap<object, Promise<void>>();

/** Resolves once the last roster write-back of this database ended (tests read the stored rows after it). */
export function dayRosterSettled(context: StorageContext): Promise<void> {
  return writesInFlight.get(context.db) ?? Promise.resolve();
}

/**
 * Stores `roster` unless another write-back stored a newer one since it was read, and clears the marks it covers.
 * A mark whose value changed since it was read stands for a write this roster may have missed: it stays, so the
 * next read re-derives that person. Every person whose rows differ from their roster entry thus keeps a mark.
 */
async function writeBack(
  context: StorageContext,
  from: number,
  roster: StoredRoster,
  marks: readonly { key: string; value: unknown }[],
): Promise<void> {
  const { db } = context;
  await db.transaction('rw', [db.meta], async () => {
    const current = (await db.meta.get(ROSTER_KEY))?.value as StoredRoster | undefined;
    if ((current?.generation ?? 0) !== from) return;
    const now = await db.meta.bulkGet(marks.map((mark) => mark.key));
    const covered = marks.filter((mark, i) => now[i]?.value === mark.value).map((mark) => mark.key);
    await db.meta.put({ key: ROSTER_KEY, value: roster });
    await db.meta.bulkDelete(covered);
  });
}

/** Every under-five's row from the source tables. */
async function build(context: StorageContext, builtOn: string): Promise<RosterChild[]> {
  const { db } = context;
  const rows = await db.persons.toArray();
  const people = rows.filter((row) => row.deletedAt === undefined).map(fromPersonRow);
  const young = people.filter((person) => belongs(person, builtOn));
  return childrenOf(context, young, builtOn);
}

/**
 * The roster of an earlier month moved to `today`'s: children only grow older, so the under-fives of `today` are
 * among its children (anyone new was written, hence marked and patched after); only this month's weighing is read
 * again, from the month's measurements alone.
 */
async function rollToMonth(
  context: StorageContext,
  children: readonly RosterChild[],
  today: string,
): Promise<RosterChild[]> {
  const month = monthOf(today);
  const { measurements } = context.db;
  const keys = await measurements.where('date').between(`${month}-01`, `${month}-31`, true, true).primaryKeys();
  const rows = await measurements.bulkGet(keys);
  const weighed = new Set(rows.filter((m) => m?.weightKg !== undefined).map((m) => m?.personId));
  return children
    .filter((child) => belongs(child.person, today))
    .map((child) => ({ ...child, weighedThisMonth: weighed.has(child.person.id) }));
}

/** The roster with the marked people re-derived from the source tables. */
async function patch(
  context: StorageContext,
  children: readonly RosterChild[],
  builtOn: string,
  marked: readonly string[],
): Promise<RosterChild[]> {
  const rows = (await context.db.persons.bulkGet([...marked])) as (PersonRow | undefined)[];
  const fresh = rows
    .filter((row): row is PersonRow => row !== undefined && row.deletedAt === undefined)
    .map(fromPersonRow)
    .filter((person) => belongs(person, builtOn));
  const markedSet = new Set(marked);
  const kept = children.filter((child) => !markedSet.has(child.person.id));
  const merged = [...kept, ...(await childrenOf(context, fresh, builtOn))];
  return merged.sort((a, b) => (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0));
}

/**
 * The immunisations and this month's weighing of `people`. Only keys are read through the indexes (no row is
 * opened for them); then one read opens just the rows needed: theirs, and of the measurements only this month's.
 */
async function childrenOf(context: StorageContext, people: readonly Person[], builtOn: string): Promise<RosterChild[]> {
  if (people.length === 0) return [];
  const { db } = context;
  const ids = people.map((person) => person.id);
  const month = monthOf(builtOn);
  const few = people.length <= FEW_PEOPLE;
  const [immunizationKeys, theirMeasurements, monthMeasurements] = await Promise.all([
    keysOf(db.immunizations, ids),
    few ? keysOf(db.measurements, ids) : Promise.resolve(null),
    db.measurements.where('date').between(`${month}-01`, `${month}-31`, true, true).primaryKeys(),
  ]);
  // A few people (a patch): their measurements of this month only; many (a build): the month's, all of them.
  const inMonth = new Set(monthMeasurements);
  const measurementKeys = theirMeasurements ? theirMeasurements.filter((key) => inMonth.has(key)) : monthMeasurements;
  const [immunizations, measurements] = await Promise.all([
    db.immunizations.bulkGet(immunizationKeys),
    db.measurements.bulkGet(measurementKeys),
  ]);
  const byPerson = new Map<string, RosterImmunization[]>();
  for (const record of immunizations) {
    if (!record) continue;
    const given: RosterImmunization = { id: record.id, vaccine: record.vaccine, date: record.date };
    if (record.supersedes !== undefined) given.supersedes = record.supersedes;
    const list = byPerson.get(record.personId);
    if (list) list.push(given);
    else byPerson.set(record.personId, [given]);
  }
  const weighed = new Set(measurements.filter((m) => m?.weightKg !== undefined).map((m) => m?.personId));
  // (With the month's measurements, people outside `people` are in `weighed` too: only theirs are looked up.)
  return people.map((person) => ({
    person,
    immunizations: byPerson.get(person.id) ?? [],
    weighedThisMonth: weighed.has(person.id),
  }));
}

/**
 * The primary keys of these people's rows, one key read a person in one read-only transaction (they run side by
 * side; an `anyOf` walks a cursor, one round trip a row). No row is opened.
 */
async function keysOf(table: Table<{ personId: string }, string>, ids: readonly string[]): Promise<string[]> {
  const lists = await table.db.transaction('r', [table], () =>
    Promise.all(ids.map((id) => table.where('personId').equals(id).primaryKeys())),
  );
  return lists.flat();
}
