import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import { nextToken, withMeta } from './meta-stamp.ts';
import { TABLE_NAMES } from '../../protocol/table-kinds.ts';

/**
 * A value in `meta` that changes with every write to a record table or the outbox, whoever makes it (a kader's
 * save, another tab, the purge, a pull), in the SAME transaction as the write. A reader that planned from rows it
 * read earlier (a pulled page, planned and sealed outside its write transaction: pull-apply.ts) reads it again
 * inside the write transaction: unchanged means none of the rows it planned from can have changed, so the plan
 * need not be made twice.
 */
export const META_WRITE_GENERATION = 'writeGeneration';

const WATCHED: ReadonlySet<string> = new Set([...TABLE_NAMES, 'outbox']);

export function writeGenerationMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'WriteGeneration',
    // Below Dexie's observability (0), so no live query re-runs for the token; above the vault (-10), which lets
    // it through as a clear meta row.
    level: -5,
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) => down.transaction(withMeta(stores, mode, WATCHED), mode, options),
      table: (name) => {
        const table = down.table(name);
        return WATCHED.has(name) ? stampingTable(table, down.table('meta')) : table;
      },
    }),
  };
}

function stampingTable(table: DBCoreTable, meta: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate: async (req) => {
      const token = nextToken();
      const stamped = meta.mutate({
        type: 'put',
        trans: req.trans,
        keys: [META_WRITE_GENERATION],
        values: [{ key: META_WRITE_GENERATION, value: token }],
      });
      const [, result] = await Promise.all([stamped, table.mutate(req)]);
      return result;
    },
  };
}

/** The generation now, in the caller's transaction (which must hold `meta`). */
export async function readWriteGeneration(db: {
  meta: { get(key: string): Promise<{ value: unknown } | undefined> };
}): Promise<unknown> {
  return (await db.meta.get(META_WRITE_GENERATION))?.value ?? null;
}
