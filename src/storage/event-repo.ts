import { EVENT_TABLE_NAMES } from '../../protocol/table-kinds.ts';
import type { RecordOf } from '../../protocol/tables.ts';
import { loadWireSchemas } from '../../protocol/wire-schemas.ts';
import { NotFoundError } from './errors.ts';
import type { EventInput, EventTableName, TimelineEntry } from './input-types.ts';
import { IssueCollector } from './validate.ts';
import type { StorageContext } from './write-context.ts';

export const EVENT_TABLES = EVENT_TABLE_NAMES;

/**
 * Appends an event (a weighing, a vaccine, a visit...). Events are never edited: a correction is a new event
 * whose `supersedes` names the old one.
 */
export async function recordEvent<T extends EventTableName>(
  context: StorageContext,
  table: T,
  data: EventInput<T>,
): Promise<RecordOf<T>> {
  if (!EVENT_TABLES.includes(table)) throw new Error(`${table} is not an event table`);
  const { db } = context;
  const target = db.recordTable(table);
  const { TABLES } = await loadWireSchemas();
  return db.transaction('rw', [target, db.persons, db.outbox, db.meta], async () => {
    const personId = (data as { personId?: unknown }).personId;
    if (typeof personId !== 'string' || !(await db.persons.get(personId))) {
      throw new NotFoundError('persons', String(personId));
    }
    const scope = await context.beginWrite();
    const issues = new IssueCollector();
    const record = issues.parse(TABLES[table].schema, { ...data, ...scope.newMeta() }) as RecordOf<T> | null;
    issues.throwIfAny();
    if (!record) throw new Error('unreachable: event parsed without issues');

    await target.add(record as Record<string, unknown>);
    await scope.appendOutbox({ table, op: 'upsert', record: record as Record<string, unknown> });
    await scope.finish();
    return record;
  });
}

/** Everything recorded about a person, across event tables, newest first (same day: latest stamp first). */
export async function listEventsForPerson(context: StorageContext, personId: string): Promise<TimelineEntry[]> {
  const { db } = context;
  const perTable = await Promise.all(
    EVENT_TABLES.map(async (table) => {
      const records = await db.recordTable(table).where('personId').equals(personId).toArray();
      return records.map((record) => ({
        table,
        date: eventDate(record),
        record: record as RecordOf<EventTableName>,
      }));
    }),
  );
  return perTable.flat().sort((a, b) => compareDesc(a.date, b.date) || compareDesc(a.record.hlc, b.record.hlc));
}

function eventDate(record: Record<string, unknown>): string {
  const date = record.date ?? record.lastMenstrualPeriod ?? record.estimatedDueDate ?? record.recordedAt;
  return String(date).slice(0, 10);
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
