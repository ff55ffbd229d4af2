import type { Person } from '../../protocol/person.ts';
import type { RecordOf } from '../../protocol/tables.ts';
import type { EventTableName } from './input-types.ts';
import { fromPersonRow } from './search-terms.ts';
import type { StorageContext } from './write-context.ts';

/**
 * Posyandu-wide reads for the register, the day's lists and the home-visit list. A posyandu holds about a thousand
 * people and a few thousand events a year, so whole-table reads from IndexedDB stay in the tens of milliseconds.
 */
export async function listPeople(context: StorageContext): Promise<Person[]> {
  const rows = await context.db.persons.toArray();
  return rows.filter((row) => row.deletedAt === undefined).map(fromPersonRow);
}

export async function listEvents<T extends EventTableName>(context: StorageContext, table: T): Promise<RecordOf<T>[]> {
  return (await context.db.recordTable(table).toArray()) as RecordOf<T>[];
}

/** Every event of one table on one date (a posyandu day), via the `date` index. */
export async function listEventsOn<T extends Exclude<EventTableName, 'pregnancies'>>(
  context: StorageContext,
  table: T,
  date: string,
): Promise<RecordOf<T>[]> {
  return (await context.db.recordTable(table).where('date').equals(date).toArray()) as RecordOf<T>[];
}

/** Every event of one table dated `from` to `to` (both included), via the `date` index: only those are decrypted. */
export async function listEventsBetween<T extends Exclude<EventTableName, 'pregnancies'>>(
  context: StorageContext,
  table: T,
  from: string,
  to: string,
): Promise<RecordOf<T>[]> {
  const rows = await context.db.recordTable(table).where('date').between(from, to, true, true).toArray();
  return rows as RecordOf<T>[];
}

/**
 * Every event of one table belonging to these people, via the `personId` index: the day screen reads the whole
 * history of today's visitors only, instead of decrypting the posyandu's. The index gives the keys without
 * opening any row, one key read a person in one read-only transaction (they run side by side; an `anyOf` walks a
 * cursor, one round trip a record, which cost the day screen tens of ms); then one read opens just those rows:
 * each read of sealed rows in an explicit transaction keeps it alive with dummy requests while WebCrypto runs
 * (crypto-middleware.ts), so one read a person would cost a hundred.
 */
export async function listEventsOfPeople<T extends EventTableName>(
  context: StorageContext,
  table: T,
  personIds: readonly string[],
): Promise<RecordOf<T>[]> {
  if (personIds.length === 0) return [];
  const store = context.db.recordTable(table);
  const keys = await context.db.transaction('r', [store], () =>
    Promise.all([...new Set(personIds)].map((id) => store.where('personId').equals(id).primaryKeys())),
  );
  const rows = await store.bulkGet(keys.flat());
  return rows.filter((row) => row !== undefined) as RecordOf<T>[];
}

/** These people (today's visitors), in the order asked, those not found or deleted left out: one read. */
export async function listPeopleById(context: StorageContext, ids: readonly string[]): Promise<Person[]> {
  const rows = await context.db.persons.bulkGet([...ids]);
  return rows.filter((row) => row !== undefined && row.deletedAt === undefined).map((row) => fromPersonRow(row!));
}
