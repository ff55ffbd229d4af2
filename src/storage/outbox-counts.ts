import { Dexie } from 'dexie';
import type { MetaRow, PosyanduDb } from './db.ts';

/** The outbox's `{ pending, rejected }` counts (see readSyncCounts). */
export const META_OUTBOX_COUNTS = 'outboxCounts';

export interface SyncCounts {
  pending: number;
  rejected: number;
}

function isCounts(value: unknown): value is SyncCounts {
  const counts = value as Partial<SyncCounts> | null | undefined;
  return typeof counts?.pending === 'number' && typeof counts.rejected === 'number';
}

/** Walks the outbox index: only for a database that has no counter row yet (written by an older app version). */
async function countByIndex(db: PosyanduDb): Promise<SyncCounts> {
  const count = (state: string) =>
    db.outbox.where('[state+seq]').between([state, Dexie.minKey], [state, Dexie.maxKey]).count();
  return { pending: await count('pending'), rejected: await count('rejected') };
}

/**
 * The outbox's pending and rejected counts, kept in one meta row that every outbox write updates in its own
 * transaction, so that the status line and every push batch read one row instead of counting the queue. A
 * caller that changes the outbox must read this BEFORE its first outbox write: without a row, the fallback count
 * would already include the transaction's own writes.
 */
export async function readSyncCounts(db: PosyanduDb): Promise<SyncCounts> {
  return countsOf((await db.meta.get(META_OUTBOX_COUNTS))?.value) ?? countByIndex(db);
}

/** The counts a META_OUTBOX_COUNTS row's value holds; null for none (then readSyncCounts counts by the index). */
export function countsOf(value: unknown): SyncCounts | null {
  return isCounts(value) ? { pending: value.pending, rejected: value.rejected } : null;
}

/** The META_OUTBOX_COUNTS row for these counts, for a caller that writes it with other meta rows. */
export function countsRow(counts: SyncCounts): MetaRow {
  const value: SyncCounts = { pending: Math.max(0, counts.pending), rejected: Math.max(0, counts.rejected) };
  return { key: META_OUTBOX_COUNTS, value };
}

/** Must run in the transaction that changed the outbox, with the counts read before the change plus its deltas. */
export async function saveSyncCounts(db: PosyanduDb, counts: SyncCounts): Promise<void> {
  await db.meta.put(countsRow(counts));
}

/** Adds the deltas of outbox writes the caller is about to make: call it before them, in their transaction. */
export async function adjustSyncCounts(db: PosyanduDb, pending: number, rejected: number): Promise<SyncCounts> {
  const counts = await readSyncCounts(db);
  const next = { pending: counts.pending + pending, rejected: counts.rejected + rejected };
  await saveSyncCounts(db, next);
  return next;
}
