import type { RecordOf } from '../../protocol/tables.ts';
import {
  selectPurgeable,
  type PurgeTarget,
  type RetentionEvent,
  type RetentionEventTable,
} from '../domain/retention/purge-rule.ts';
import type { PosyanduDb } from './db.ts';

const EVENT_TABLES: readonly RetentionEventTable[] = [
  'measurements',
  'immunizations',
  'services',
  'pregnancies',
  'visits',
  'screenings',
  'referrals',
];

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

/**
 * Drops the synced records the kader no longer needs, by the pure rule of src/domain/retention/purge-rule.ts.
 * One read-write transaction over the records and the outbox: a record saved meanwhile either lands before
 * (then its outbox entry protects it) or after (then it is not read here), so an unsynced record is never
 * dropped. The outbox and its counts are not touched.
 */
export async function purgeSyncedRecords(db: PosyanduDb, today: string): Promise<PurgeSummary> {
  const tables = [db.persons, db.outbox, ...EVENT_TABLES.map((t) => db.recordTable(t))];
  return db.transaction('rw', tables, async () => {
    const unsynced = new Set((await db.outbox.orderBy('recordId').uniqueKeys()).map(String));
    const persons = (await db.persons.toArray()).map((p: RecordOf<'persons'>) => ({
      id: p.id,
      birthDate: p.birthDate,
      status: p.status,
      ...(p.statusDate ? { statusDate: p.statusDate } : {}),
      ...(p.motherId ? { motherId: p.motherId } : {}),
    }));
    const events: RetentionEvent[] = [];
    for (const table of EVENT_TABLES) {
      for (const row of await db.recordTable(table).toArray()) events.push(asEvent(table, row));
    }
    const targets = selectPurgeable({ today, persons, events, unsynced });
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
