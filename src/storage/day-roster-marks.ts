import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { nextToken, withMeta } from './meta-stamp.ts';

/**
 * The day roster (day-roster.ts) is derived from persons, immunisations and measurements. So that it can never be
 * shown stale, every write to those tables, whoever makes it (a kader's save, a pulled page, the purge, the first
 * PIN sealing the phone), leaves in the SAME transaction a mark in `meta` naming the person it touched: one key a
 * person, `dayRoster.dirty.<personId>`, whose value changes with every write. The roster's reader re-derives the
 * marked people from the source tables and clears a mark only if its value did not change meanwhile.
 *
 * A write touching very many people at once (a whole pull, the first PIN) or a range delete leaves one
 * "everything" mark instead: the roster is then rebuilt whole. Once a transaction holds that mark (put by this
 * layer or by a caller that knows it will touch many people: a pulled page, pull-apply.ts), its later writes
 * mark nobody: the transaction commits whole, so the one mark covers them, and a page of a first pull does not
 * pay hundreds of meta puts for marks the rebuild ignores.
 */
export const ROSTER_SOURCES: ReadonlySet<string> = new Set(['persons', 'immunizations', 'measurements']);
export const ROSTER_MARK_PREFIX = 'dayRoster.dirty.';
export const ROSTER_MARK_ALL = `${ROSTER_MARK_PREFIX}*`;
/**
 * Above this many people in one write, one "rebuild everything" mark instead of a mark each: re-deriving a few
 * hundred people costs less than a rebuild of a big posyandu, a whole pull does not.
 */
const MAX_MARKS_PER_WRITE = 500;
/** A delete of up to this many rows opens them for their people (the daily purge's); more marks everything. */
const MAX_DELETES_OPENED = 2_000;

/** Transactions that put the "everything" mark: their further writes need no mark of their own. */
const markedWhole = new WeakSet<DBCoreTransaction>();

export function rosterMarksMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'DayRosterMarks',
    // Above Dexie's Observability and Cache layers (0), so a live query that read the marks re-runs when a write
    // marks a person (the day screen's does), and far above the vault (-10): it sees plain rows, and its marks
    // pass through the vault like any meta row (unsealed).
    level: 0.5,
    create: (down) => ({
      ...down,
      // Every read-write transaction over a source table also holds `meta`, where the marks go.
      transaction: (stores, mode, options) => down.transaction(withMeta(stores, mode, ROSTER_SOURCES), mode, options),
      table: (name) => {
        const table = down.table(name);
        if (name === 'meta') return noticingWholeMark(table);
        return ROSTER_SOURCES.has(name) ? markingTable(table, down.table('meta'), name) : table;
      },
    }),
  };
}

function markingTable(table: DBCoreTable, meta: DBCoreTable, name: string): DBCoreTable {
  const personOf = (row: unknown): string | null => {
    const value = (row as Record<string, unknown> | null)?.[name === 'persons' ? 'id' : 'personId'];
    return typeof value === 'string' ? value : null;
  };
  const mark = (trans: DBCoreTransaction, people: readonly (string | null)[] | null) => {
    if (markedWhole.has(trans)) return Promise.resolve();
    const ids = people && !people.includes(null) ? [...new Set(people as string[])] : null;
    const keys =
      ids && ids.length <= MAX_MARKS_PER_WRITE ? ids.map((id) => ROSTER_MARK_PREFIX + id) : [ROSTER_MARK_ALL];
    if (keys.length === 0) return Promise.resolve();
    if (keys[0] === ROSTER_MARK_ALL) markedWhole.add(trans);
    const token = nextToken();
    const values = keys.map((key) => ({ key, value: token }));
    return meta.mutate({ type: 'put', trans, keys, values }).then(() => undefined);
  };
  const peopleOfDeleted = async (req: Extract<DBCoreMutateRequest, { type: 'delete' }>) => {
    // Very many rows at once: one mark for everything, without opening them.
    if (req.keys.length > MAX_DELETES_OPENED) return null;
    // The rows being deleted name their person in a clear field; read before the delete, same transaction.
    const rows = await table.getMany({ trans: req.trans, keys: req.keys });
    return rows.filter((row) => row !== undefined).map(personOf);
  };
  return {
    ...table,
    mutate: async (req) => {
      if (req.type === 'add' || req.type === 'put') {
        const marked = mark(req.trans, req.values.map(personOf));
        const [, result] = await Promise.all([marked, table.mutate(req)]);
        return result;
      }
      const people = markedWhole.has(req.trans) ? [] : req.type === 'delete' ? await peopleOfDeleted(req) : null;
      const [, result] = await Promise.all([mark(req.trans, people), table.mutate(req)]);
      return result;
    },
  };
}

/** The meta table, remembering a transaction that puts the "everything" mark itself (markRosterWhole). */
function noticingWholeMark(meta: DBCoreTable): DBCoreTable {
  return {
    ...meta,
    mutate: (req) => {
      if (req.type === 'put' && req.values.some((row) => (row as { key?: unknown }).key === ROSTER_MARK_ALL)) {
        markedWhole.add(req.trans);
      }
      return meta.mutate(req);
    },
  };
}

/**
 * Marks the whole roster in the caller's read-write transaction (which must hold `meta`), before writes that
 * touch many of its people: they then leave no mark each.
 */
export function markRosterWhole(db: { meta: { put(row: { key: string; value: unknown }): Promise<unknown> } }) {
  return db.meta.put({ key: ROSTER_MARK_ALL, value: nextToken() });
}
