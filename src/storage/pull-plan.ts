import type { PulledChange } from '../../protocol/sync.ts';
import { TABLE_KINDS, isTableName, type TableName } from '../../protocol/table-kinds.ts';
import { wireSchemas } from '../../protocol/wire-schemas.ts';
import type { Person } from '../../protocol/person.ts';
import type { PersonRow } from './db.ts';
import { fromPersonRow, toPersonRow } from './search-terms.ts';
import { wireChange } from './outbox-wire.ts';
import type { StorageContext } from './write-context.ts';

/**
 * What one pulled page does to the phone's tables, worked out from what the phone holds (pull-apply.ts writes
 * it). Kept apart from the writing so that an encrypted phone can plan, seal the rows outside any transaction,
 * and only then open the write transaction (no WebCrypto inside it).
 */
export interface TableWrites {
  table: TableName;
  /** Rows to add (events absent on the phone) and to put (merged mutable rows, persons with their index fields). */
  add: Record<string, unknown>[];
  put: Record<string, unknown>[];
  delete: string[];
  /** Households only: members already on the phone re-indexed under a new family card number (persons rows). */
  members?: Record<string, unknown>[];
}

/** Fields of a record that a pending (not yet pushed) local edit protects; 'all' for an unsent new record. */
type Protected = Set<string> | 'all';

interface Incoming {
  change: PulledChange;
  record: Record<string, unknown>;
  /** What a mutable record becomes on a phone holding none of it (freshRows), kept so the plan reuses the row. */
  fresh?: { merged: Record<string, unknown>; row: Record<string, unknown>; card?: string };
}

/** Households first: a page may carry a household and its members, and members index its family card number. */
const APPLY_ORDER: readonly TableName[] = ['households', 'persons'];

/** A pulled page checked against the table schemas (pure: no database), grouped by table. */
export interface ParsedPage {
  applied: number;
  skipped: number;
  /** Remote stamps of the page, for the clock. */
  stamps: string[];
  byTable: Map<TableName, Incoming[]>;
}

export function parsePage(changes: readonly PulledChange[]): ParsedPage {
  const { TABLES } = wireSchemas();
  const page: ParsedPage = { applied: 0, skipped: 0, stamps: [], byTable: new Map() };
  for (const change of changes) {
    const parsed = isTableName(change.table) ? TABLES[change.table].schema.safeParse(change.record) : null;
    if (!parsed?.success) {
      page.skipped += 1;
      continue;
    }
    const table = change.table as TableName;
    const group = page.byTable.get(table) ?? [];
    group.push({ change, record: parsed.data });
    page.byTable.set(table, group);
    page.stamps.push(change.hlc);
    page.applied += 1;
  }
  return page;
}

/**
 * Plans a parsed page's writes. Reads only: run it inside a transaction over the tables it reads.
 * `familyCards` (household id -> family card number) may come filled with cards known to be the phone's now
 * (pull-apply.ts keeps them from page to page); the plan reads only the households it lacks, and adds to it
 * those it read and those the page sets.
 */
export async function planPage(
  context: StorageContext,
  page: ParsedPage,
  familyCards: Map<string, string | undefined> = new Map(),
): Promise<TableWrites[]> {
  const { byTable } = page;
  const writes: TableWrites[] = [];
  if (page.applied === 0) return writes;
  const guards = await protectedFields(context, [...byTable.values()].flat());
  const order = [...APPLY_ORDER, ...[...byTable.keys()].filter((t) => !APPLY_ORDER.includes(t))];
  for (const table of order) {
    const incoming = byTable.get(table);
    if (!incoming) continue;
    writes.push(
      TABLE_KINDS[table] === 'event'
        ? await planEvents(context, table, incoming, guards)
        : await planMutables(context, table, incoming, guards, familyCards),
    );
  }
  return writes;
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
    const { fields } = 'wire' in entry ? wireChange(entry) : entry;
    if (current === 'all' || !fields) guards.set(entry.recordId, 'all');
    else guards.set(entry.recordId, new Set([...(current ?? []), ...fields]));
  }
  return guards;
}

async function planEvents(
  context: StorageContext,
  table: TableName,
  incoming: readonly Incoming[],
  guards: Map<string, Protected>,
): Promise<TableWrites> {
  const writes: TableWrites = { table, add: [], put: [], delete: [] };
  const ids = incoming.map((item) => String(item.record.id));
  const existing = await heldIds(context, table, ids);
  const added = new Set<string>();
  for (const { change, record } of incoming) {
    const id = String(record.id);
    if (change.op === 'delete') {
      if (!guards.has(id)) writes.delete.push(id);
    } else if (!existing.has(id) && !added.has(id)) {
      added.add(id);
      writes.add.push(record);
    }
  }
  return writes;
}

async function planMutables(
  context: StorageContext,
  table: TableName,
  incoming: readonly Incoming[],
  guards: Map<string, Protected>,
  familyCards: Map<string, string | undefined>,
): Promise<TableWrites> {
  const { db } = context;
  const writes: TableWrites = { table, add: [], put: [], delete: [] };
  const ids = [...new Set(incoming.map((item) => String(item.record.id)))];
  const locals = new Map<string, Record<string, unknown>>();
  const held = [...(await heldIds(context, table, ids))];
  for (const row of await db.recordTable(table).bulkGet(held)) if (row) locals.set(String(row.id), row);
  const next = new Map<string, Record<string, unknown>>();
  /** Merged rows that are their record's fresh guess (the very object), with it. */
  const guessed = new Map<Record<string, unknown>, NonNullable<Incoming['fresh']>>();
  for (const { change, record, fresh } of incoming) {
    const id = String(record.id);
    const local = next.get(id) ?? locals.get(id);
    const guard = guards.get(id);
    // Nothing held and nothing protected: the merge is the guess made ahead, the same object (sealed ahead).
    const merged = !local && !guard && fresh ? fresh.merged : mergedRow(change, record, local, guard);
    if (merged === fresh?.merged) guessed.set(merged, fresh);
    if (!local || !sameRecord(local, merged)) next.set(id, merged);
  }
  if (next.size === 0) return writes;

  if (table === 'persons') {
    const merged = [...next.values()];
    const persons = merged.map((row) => fromPersonRow(row as never) as Person);
    const unknown = [...new Set(persons.map((p) => p.householdId))].filter((id) => !familyCards.has(id));
    const read = unknown.length > 0 ? await db.households.bulkGet(unknown) : [];
    for (const [i, household] of read.entries()) familyCards.set(unknown[i]!, household?.familyCardNumber);
    writes.put = persons.map((p, i) => {
      const card = familyCards.get(p.householdId);
      const guess = guessed.get(merged[i]!);
      // The guess was indexed under the card it assumed: taken only if that is the card now.
      if (guess && guess.card === card) return guess.row;
      return toPersonRow(p, card) as unknown as Record<string, unknown>;
    });
    return writes;
  }
  writes.put = [...next.values()];
  if (table !== 'households') return writes;
  // Members index their household's family card number: a household new to the phone, or whose card changed,
  // re-indexes the members the phone already has (one index query for the page, usually finding none).
  const recarded: string[] = [];
  for (const row of next.values()) {
    const id = String(row.id);
    familyCards.set(id, row.familyCardNumber as string | undefined);
    if (locals.get(id)?.familyCardNumber !== row.familyCardNumber) recarded.push(id);
  }
  if (recarded.length === 0) return writes;
  const members = await db.persons.where('householdId').anyOf(recarded).toArray();
  if (members.length === 0) return writes;
  return {
    ...writes,
    // Planned after the households and before the page's own persons, which are written last and so win.
    members: members.map(
      (m) => toPersonRow(fromPersonRow(m), familyCards.get(m.householdId)) as unknown as Record<string, unknown>,
    ),
  };
}

/** A row a page would write, by table. */
export interface FreshRow {
  table: TableName;
  row: Record<string, unknown>;
}

/**
 * The rows a page writes if the phone holds none of its records and no edit of them is waiting: what a new
 * phone's pull writes, known before reading anything, so that they can be sealed while the page before is still
 * being written (pull-apply.ts). Only a guess: the page's incoming records keep it, and the plan takes a guessed
 * row (the same object, so sealed ahead) only where it would make exactly that row: nothing held, nothing
 * protected, the member's family card number unchanged. Members are indexed under the family card numbers in `cards` (those of households pulled before);
 * a person whose household it does not hold is left out, as are deletions (they stamp the time of the write).
 */
export function freshRows(page: ParsedPage, cards: ReadonlyMap<string, string | undefined>): FreshRow[] {
  const rows: FreshRow[] = [];
  const pageCards = new Map(cards);
  for (const { record } of page.byTable.get('households') ?? []) {
    pageCards.set(String(record.id), record.familyCardNumber as string | undefined);
  }
  for (const [table, incoming] of page.byTable) {
    const seen = new Set<string>();
    for (const item of incoming) {
      const { change, record } = item;
      const id = String(record.id);
      if (change.op === 'delete' || seen.has(id)) continue;
      seen.add(id);
      if (TABLE_KINDS[table] === 'event') {
        // An absent event is added as parsed: the plan's row is this very object.
        rows.push({ table, row: record });
        continue;
      }
      const merged = mergedRow(change, record, undefined, undefined);
      if (table !== 'persons') {
        item.fresh = { merged, row: merged };
        rows.push({ table, row: merged });
        continue;
      }
      const person = fromPersonRow(merged as never) as Person;
      if (!pageCards.has(person.householdId)) continue;
      const card = pageCards.get(person.householdId);
      const row = toPersonRow(person, card) as unknown as Record<string, unknown>;
      item.fresh = { merged, row, ...(card === undefined ? {} : { card }) };
      rows.push({ table, row });
    }
  }
  return rows;
}

/** Above this many keys in a page's id range, the range scan gives way to one read per id. */
const KEY_SCAN_LIMIT = 20_000;

/**
 * Which of `ids` the phone holds, in one request: the table's keys between the page's lowest and highest id
 * (UUID v7 ids sort by creation time, so a page's range holds few others). A bulk read of every id costs one
 * request per id, and on a new phone's first pull nearly none exist; keys alone are never decrypted either.
 */
async function heldIds(context: StorageContext, table: TableName, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  let low = ids[0]!;
  let high = low;
  for (const id of ids) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  const records = context.db.recordTable(table);
  const keys = await records.where(':id').between(low, high, true, true).limit(KEY_SCAN_LIMIT).primaryKeys();
  if (keys.length < KEY_SCAN_LIMIT) {
    const wanted = new Set(ids);
    return new Set(keys.map(String).filter((key) => wanted.has(key)));
  }
  const rows = await records.bulkGet([...ids]);
  return new Set(rows.filter(Boolean).map((row) => String(row?.id)));
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
    inner && typeof inner === 'object' && !Array.isArray(inner) && !(inner instanceof Uint8Array)
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
