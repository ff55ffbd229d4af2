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
