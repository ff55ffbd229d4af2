import { EVENT_TABLE_NAMES } from '../../protocol/table-kinds.ts';
import type { RecordOf } from '../../protocol/tables.ts';
import {
  selectPurgeable,
  type PurgeTarget,
  type RetentionEvent,
  type RetentionEventTable,
} from '../domain/retention/purge-rule.ts';
import type { PosyanduDb } from './db.ts';

const EVENT_TABLES: readonly RetentionEventTable[] = EVENT_TABLE_NAMES;

export interface PurgeSummary {
  /** Records dropped from the phone, by table. */
  byTable: Partial<Record<PurgeTarget['table'], number>>;
  total: number;
}

function asEvent(table: RetentionEventTable, row: Record<string, unknown>): RetentionEvent {
  const text = (key: string) => (typeof row[key] === 'string' ? row[key] : undefined);
  return {
    table,
    id: String(row.id),
    personId: String(row.personId),
    date: text('date'),
    supersedes: text('supersedes'),
    kind: text('kind'),
    outcome: text('outcome'),
    outcomeDate: text('outcomeDate'),
  };
}

/** The meta row holding the day (YYYY-MM-DD, the phone's calendar) of the last purge that finished. */
export const META_LAST_PURGE_DAY = 'lastPurgeDay';

/**
 * The purge at most once a day per phone: the day is kept in meta, so a restart (every app start makes a new sync
 * engine) does not read and decrypt the whole phone again. Returns null when today's purge already ran. The day is
 * written only after a purge finished, so a failed one is tried again at the next sync.
 */
export async function purgeSyncedOnceADay(db: PosyanduDb, today: string): Promise<PurgeSummary | null> {
  const last = await db.meta.get(META_LAST_PURGE_DAY);
  if (last?.value === today) return null;
  const summary = await purgeSyncedRecords(db, today);
  await db.meta.put({ key: META_LAST_PURGE_DAY, value: today });
  return summary;
}

interface Snapshot {
  persons: Map<string, PurgePerson>;
  events: Map<string, RetentionEvent>;
}

type PurgePerson = Parameters<typeof selectPurgeable>[0]['persons'][number];

function asPerson(p: RecordOf<'persons'>): PurgePerson {
  return {
    id: p.id,
    birthDate: p.birthDate,
    status: p.status,
    ...(p.statusDate ? { statusDate: p.statusDate } : {}),
    ...(p.motherId ? { motherId: p.motherId } : {}),
  };
}

async function unsyncedIds(db: PosyanduDb): Promise<Set<string>> {
  // recordId is a clear index on the sealed outbox: its keys come without decrypting a single entry.
  return new Set((await db.outbox.orderBy('recordId').uniqueKeys()).map(String));
}

/**
 * Drops the synced records the kader no longer needs, by the pure rule of src/domain/retention/purge-rule.ts.
 *
 * Two passes, so that the screens never wait behind the purge (it reads and decrypts every record of the phone):
 * 1. Outside any explicit transaction: the outbox's record ids first, then every person and event, one read-only
 *    read a table. Other reads run alongside; a write meanwhile is not blocked.
 * 2. One short read-write transaction: the outbox again. A record saved since step 1 began has an entry that was
 *    not there before; those few records are read afresh and the rule runs again with them, so an unsynced record
 *    (or a person with one) is never dropped. Then the deletes. The outbox and its counts are not touched.
 * Records change only by the kader's writes (which queue an outbox entry) and by pulls; the sync engine runs the
 * purge after its sync, never beside a pull.
 * `betweenPasses` lets a test save a record between the two passes.
 */
export async function purgeSyncedRecords(
  db: PosyanduDb,
  today: string,
  betweenPasses?: () => Promise<void>,
): Promise<PurgeSummary> {
  const unsyncedBefore = await unsyncedIds(db);
  const snapshot: Snapshot = { persons: new Map(), events: new Map() };
  for (const p of await db.persons.toArray()) snapshot.persons.set(p.id, asPerson(p));
  for (const table of EVENT_TABLES) {
    for (const row of await db.recordTable(table).toArray()) snapshot.events.set(String(row.id), asEvent(table, row));
  }
  const select = (unsynced: ReadonlySet<string>) =>
    selectPurgeable({
      today,
      persons: [...snapshot.persons.values()],
      events: [...snapshot.events.values()],
      unsynced,
    });
  let targets = select(unsyncedBefore);
  await betweenPasses?.();
  if (targets.length === 0) return { byTable: {}, total: 0 };

  const tables = [db.persons, db.outbox, ...EVENT_TABLES.map((t) => db.recordTable(t))];
  return db.transaction('rw', tables, async () => {
    const unsyncedNow = await unsyncedIds(db);
    const fresh = [...unsyncedNow].filter((id) => !unsyncedBefore.has(id));
    if (fresh.length > 0) {
      await refresh(db, snapshot, fresh);
      targets = select(unsyncedNow);
    }
    const byTable: PurgeSummary['byTable'] = {};
    const idsByTable = new Map<PurgeTarget['table'], string[]>();
    for (const t of targets) {
      const ids = idsByTable.get(t.table) ?? [];
      ids.push(t.id);
      idsByTable.set(t.table, ids);
    }
    for (const [table, ids] of idsByTable) {
      await db.recordTable(table).bulkDelete(ids);
      byTable[table] = ids.length;
    }
    return { byTable, total: targets.length };
  });
}

/** Replaces the snapshot's copy of records saved since the first pass (gone if deleted meanwhile). */
async function refresh(db: PosyanduDb, snapshot: Snapshot, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    snapshot.persons.delete(id);
    snapshot.events.delete(id);
  }
  for (const p of await db.persons.bulkGet([...ids])) if (p) snapshot.persons.set(p.id, asPerson(p));
  for (const table of EVENT_TABLES) {
    for (const row of await db.recordTable(table).bulkGet([...ids])) {
      if (row) snapshot.events.set(String(row.id), asEvent(table, row));
    }
  }
}
