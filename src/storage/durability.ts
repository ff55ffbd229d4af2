import { Dexie, type DBCore, type Middleware, type Table } from 'dexie';

/**
 * Relaxed durability for the sync queue's own bookkeeping: taking a batch, applying the server's answer, writing
 * a pulled page with its cursor. Such a commit resolves once IndexedDB has it, without waiting for the disk, and
 * every other transaction stays 'strict' (db.ts), so a kader's save is on disk before the screen says so.
 *
 * Why losing one of these commits to a power cut loses nothing: each is a repeatable step of a protocol whose
 * other side remembers it. A take that did not reach the disk is taken again and sent under a new batch id, and
 * the server answers "duplicate" for every change it already applied (changeIds, not batch ids, make it
 * idempotent). An answer that did not reach the disk leaves its entries queued: sent again, answered "duplicate".
 * A pulled page lost with its cursor is pulled again. And what a crash keeps is a prefix of the commits, never a
 * later commit without an earlier one: Chromium's IndexedDB writes a database's commits to one log in order
 * (LevelDB's; SQLite's write-ahead log in its newer backend), and a strict commit's flush carries the relaxed ones
 * before it. So a save made after a lost answer is lost with it or kept with it; and were it kept alone, the
 * answer's entries would still only be sent again, and a lost page pulled again under the save's pending edit.
 *
 * Only the transaction a relaxedTransaction() call opens is relaxed, never one it nests or starts: the mark is a
 * one-use token in Dexie's zone, taken by the first read-write transaction created under it.
 */

interface RelaxedMark {
  taken: boolean;
}

interface Zone {
  relaxedDurability?: RelaxedMark;
}

/** Dexie's zones (PSD): public on Dexie.Promise, though its typings leave them out. */
const zones = Dexie.Promise as unknown as {
  readonly PSD: Zone;
  newPSD<T>(fn: () => T, props: Zone): T;
};

export function relaxedTransaction<T>(db: Dexie, tables: Table[], scope: () => Promise<T>): Promise<T> {
  // An async scope: Dexie keeps its zone across native awaits only for one.
  return zones.newPSD(() => db.transaction('rw', tables, async () => await scope()), {
    relaxedDurability: { taken: false },
  });
}

/** The DBCore layer that gives the transaction a relaxedTransaction() opens its durability (registered in db.ts). */
export function durabilityMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'RelaxedDurability',
    // Any level works: the layers above pass the options down as they get them.
    level: 1,
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) => {
        const mark = zones.PSD.relaxedDurability;
        if (mode !== 'readwrite' || !mark || mark.taken) return down.transaction(stores, mode, options);
        mark.taken = true;
        return down.transaction(stores, mode, { ...options, durability: 'relaxed' });
      },
    }),
  };
}
