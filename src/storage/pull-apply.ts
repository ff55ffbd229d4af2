import type { PulledChange } from '../../protocol/sync.ts';
import { TABLES, isTableName, type TableName } from '../../protocol/tables.ts';
import type { Person } from '../../protocol/person.ts';
import { fromPersonRow, toPersonRow } from './search-terms.ts';
import { META_PULL_CURSOR, type StorageContext } from './write-context.ts';

export interface PullApplySummary {
  applied: number;
  /** Changes of a table this app does not know, or that fail its schema: left for a newer app version. */
  skipped: number;
}

/** Fields of a record that a pending (not yet pushed) local edit protects; 'all' for an unsent new record. */
type Protected = Set<string> | 'all';

/**
 * Applies one page of pulled changes and its cursor in ONE transaction, so a crash never stores a cursor past
 * changes that were not applied. Events are inserted if absent. Mutable records take the server's merged state,
 * except the fields a pending local edit still has to push: those keep the local value until the push is
 * answered and a later pull brings the server's verdict. Tombstones mark the record deleted.
 */
export async function applyPulledChanges(
  context: StorageContext,
  changes: readonly PulledChange[],
  cursor: string,
): Promise<PullApplySummary> {
  const { db } = context;
  const tables = [db.outbox, db.meta, ...Object.keys(TABLES).map((t) => db.recordTable(t as TableName))];
  return db.transaction('rw', tables, async () => {
    const clock = await context.loadClock();
    const summary: PullApplySummary = { applied: 0, skipped: 0 };
    for (const change of changes) {
      if (!isTableName(change.table)) {
        summary.skipped += 1;
        continue;
      }
      const parsed = TABLES[change.table].schema.safeParse(change.record);
      if (!parsed.success) {
        summary.skipped += 1;
        continue;
      }
      const record = parsed.data as Record<string, unknown>;
      const guarded = await protectedFields(context, String(record.id));
      if (TABLES[change.table].kind === 'event') await applyEvent(context, change, record, guarded);
      else await applyMutable(context, change, record, guarded);
      clock.receive(change.hlc);
      summary.applied += 1;
    }
    await db.meta.put({ key: META_PULL_CURSOR, value: cursor });
    await context.saveClock(clock);
    return summary;
  });
}

async function protectedFields(context: StorageContext, recordId: string): Promise<Protected | null> {
  const entries = await context.db.outbox.where('recordId').equals(recordId).toArray();
  const pending = entries.filter((entry) => entry.state === 'pending');
  if (pending.length === 0) return null;
  if (pending.some((entry) => !entry.fields)) return 'all';
  return new Set(pending.flatMap((entry) => entry.fields ?? []));
}

async function applyEvent(
  context: StorageContext,
  change: PulledChange,
  record: Record<string, unknown>,
  guarded: Protected | null,
): Promise<void> {
  const table = context.db.recordTable(change.table as TableName);
  const id = String(record.id);
  if (change.op === 'delete') {
    if (!guarded) await table.delete(id);
    return;
  }
  if (!(await table.get(id))) await table.add(record);
}

async function applyMutable(
  context: StorageContext,
  change: PulledChange,
  pulled: Record<string, unknown>,
  guarded: Protected | null,
): Promise<void> {
  const { db } = context;
  const table = db.recordTable(change.table as TableName);
  const local = await table.get(String(pulled.id));
  const serverStamp = maxStamp(String(pulled.hlc), change.hlc);
  let next: Record<string, unknown> = { ...pulled, hlc: serverStamp };
  if (change.op === 'delete' && next.deletedAt === undefined) next.deletedAt = new Date().toISOString();
  if (local && guarded) {
    next =
      guarded === 'all'
        ? { ...local, ...(change.op === 'delete' ? { deletedAt: next.deletedAt } : {}) }
        : { ...next, ...pick(local, guarded) };
    next.hlc = maxStamp(String(local.hlc), serverStamp);
  }

  if (change.table === 'persons') {
    const person = fromPersonRow(next as never) as Person;
    const household = await db.households.get(person.householdId);
    await db.persons.put(toPersonRow(person, household?.familyCardNumber));
    return;
  }
  await table.put(next);
  if (change.table === 'households' && local?.familyCardNumber !== next.familyCardNumber) {
    const members = await db.persons.where('householdId').equals(String(next.id)).toArray();
    const familyCard = next.familyCardNumber as string | undefined;
    await db.persons.bulkPut(members.map((row) => toPersonRow(fromPersonRow(row), familyCard)));
  }
}

function pick(source: Record<string, unknown>, fields: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (field in source) out[field] = source[field];
  return out;
}

function maxStamp(a: string, b: string): string {
  return a > b ? a : b;
}

export async function getPullCursor(context: StorageContext): Promise<string | null> {
  const row = await context.db.meta.get(META_PULL_CURSOR);
  return typeof row?.value === 'string' ? row.value : null;
}
