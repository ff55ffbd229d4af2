import type { PulledChange } from '../../protocol/sync.ts';
import { TABLES, isTableName, type TableName } from '../../protocol/tables.ts';
import type { Person } from '../../protocol/person.ts';
import type { PersonRow } from './db.ts';
import { fromPersonRow, toPersonRow } from './search-terms.ts';
import { META_PULL_CURSOR, type ServerTimeReading, type StorageContext } from './write-context.ts';

export interface PullApplySummary {
  applied: number;
  /** Changes of a table this app does not know, or that fail its schema: left for a newer app version. */
  skipped: number;
}

/** Fields of a record that a pending (not yet pushed) local edit protects; 'all' for an unsent new record. */
type Protected = Set<string> | 'all';

interface Incoming {
  change: PulledChange;
  table: TableName;
  record: Record<string, unknown>;
}

/** Households first: a page may carry a household and its members, and members index its family card number. */
const APPLY_ORDER: readonly TableName[] = ['households', 'persons'];

/**
 * Applies one page of pulled changes and its cursor in ONE transaction, so a crash never stores a cursor past
 * changes that were not applied. Events are inserted if absent. Mutable records take the server's merged state,
 * except the fields a pending local edit still has to push: those keep the local value until the push is
 * answered and a later pull brings the server's verdict. Tombstones mark the record deleted.
 *
 * A page is read and written in bulk, and a record that comes back exactly as the phone has it (the echo of its
 * own push, the common case) is not written again: pulling is then a read, not a second copy of every write.
 */
export async function applyPulledChanges(
  context: StorageContext,
  changes: readonly PulledChange[],
  cursor: string,
  serverTime?: ServerTimeReading,
): Promise<PullApplySummary> {
  const { db } = context;
  const tables = [db.outbox, db.meta, ...Object.keys(TABLES).map((t) => db.recordTable(t as TableName))];
  return db.transaction('rw', tables, async () => {
    // The server's time first: the page's remote stamps are judged against corrected time.
    const clock = await context.observeServerTime(serverTime);
    const summary: PullApplySummary = { applied: 0, skipped: 0 };
    const byTable = new Map<TableName, Incoming[]>();
    for (const change of changes) {
      const parsed = isTableName(change.table) ? TABLES[change.table].schema.safeParse(change.record) : null;
      if (!parsed?.success) {
        summary.skipped += 1;
        continue;
      }
      const table = change.table as TableName;
      const group = byTable.get(table) ?? [];
      group.push({ change, table, record: parsed.data });
      byTable.set(table, group);
      clock.receive(change.hlc);
      summary.applied += 1;
    }
    const guards = await protectedFields(context, [...byTable.values()].flat());
    const order = [...APPLY_ORDER, ...[...byTable.keys()].filter((t) => !APPLY_ORDER.includes(t))];
    for (const table of order) {
      const incoming = byTable.get(table);
      if (!incoming) continue;
      if (TABLES[table].kind === 'event') await applyEvents(context, table, incoming, guards);
      else await applyMutables(context, table, incoming, guards);
    }
    await db.meta.put({ key: META_PULL_CURSOR, value: cursor });
    await context.saveClock(clock);
    return summary;
  });
}

/** One index query for the whole page: which of its records still have edits waiting to be pushed. */
async function protectedFields(
  context: StorageContext,
  incoming: readonly Incoming[],
): Promise<Map<string, Protected>> {
  const ids = [...new Set(incoming.map((item) => String(item.record.id)))];
  const entries = await context.db.outbox.where('recordId').anyOf(ids).toArray();
  const guards = new Map<string, Protected>();
  for (const entry of entries) {
    if (entry.state !== 'pending') continue;
    const current = guards.get(entry.recordId);
    if (current === 'all' || !entry.fields) guards.set(entry.recordId, 'all');
    else guards.set(entry.recordId, new Set([...(current ?? []), ...entry.fields]));
  }
  return guards;
}

async function applyEvents(
  context: StorageContext,
  tableName: TableName,
  incoming: readonly Incoming[],
  guards: Map<string, Protected>,
): Promise<void> {
  const table = context.db.recordTable(tableName);
  const ids = incoming.map((item) => String(item.record.id));
  const existing = new Set((await table.bulkGet(ids)).filter(Boolean).map((row) => String(row?.id)));
  const additions = new Map<string, Record<string, unknown>>();
  const deletions: string[] = [];
  for (const { change, record } of incoming) {
    const id = String(record.id);
    if (change.op === 'delete') {
      if (!guards.has(id)) deletions.push(id);
    } else if (!existing.has(id) && !additions.has(id)) {
      additions.set(id, record);
    }
  }
  if (additions.size > 0) await table.bulkAdd([...additions.values()]);
  if (deletions.length > 0) await table.bulkDelete(deletions);
}

async function applyMutables(
  context: StorageContext,
  tableName: TableName,
  incoming: readonly Incoming[],
  guards: Map<string, Protected>,
): Promise<void> {
  const { db } = context;
  const table = db.recordTable(tableName);
  const locals = new Map<string, Record<string, unknown>>();
  for (const row of await table.bulkGet(incoming.map((item) => String(item.record.id)))) {
    if (row) locals.set(String(row.id), row);
  }
  const writes = new Map<string, Record<string, unknown>>();
  for (const { change, record } of incoming) {
    const id = String(record.id);
    const local = writes.get(id) ?? locals.get(id);
    const next = mergedRow(change, record, local, guards.get(id));
    if (!local || !sameRecord(local, next)) writes.set(id, next);
  }
  if (writes.size === 0) return;

  if (tableName === 'persons') {
    const persons = [...writes.values()].map((row) => fromPersonRow(row as never) as Person);
    const households = await db.households.bulkGet([...new Set(persons.map((p) => p.householdId))]);
    const familyCards = new Map(households.filter(Boolean).map((h) => [h?.id, h?.familyCardNumber]));
    await db.persons.bulkPut(persons.map((p) => toPersonRow(p, familyCards.get(p.householdId))));
    return;
  }
  await table.bulkPut([...writes.values()]);
  if (tableName === 'households') {
    for (const next of writes.values()) {
      if (locals.get(String(next.id))?.familyCardNumber === next.familyCardNumber) continue;
      const members = await db.persons.where('householdId').equals(String(next.id)).toArray();
      const familyCard = next.familyCardNumber as string | undefined;
      await db.persons.bulkPut(members.map((row) => toPersonRow(fromPersonRow(row), familyCard)));
    }
  }
}

function mergedRow(
  change: PulledChange,
  pulled: Record<string, unknown>,
  local: Record<string, unknown> | undefined,
  guarded: Protected | undefined,
): Record<string, unknown> {
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
  return next;
}

/** Equal wire content (local index fields aside): writing it again would change nothing. */
function sameRecord(local: Record<string, unknown>, next: Record<string, unknown>): boolean {
  const { _search: _ignored, ...wire } = local as Partial<PersonRow> & Record<string, unknown>;
  const { _search: _alsoIgnored, ...incoming } = next as Partial<PersonRow> & Record<string, unknown>;
  return canonical(wire) === canonical(incoming);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
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
