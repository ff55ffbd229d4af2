import { Dexie, type DBCoreKeyRange, type DBCoreTransaction } from 'dexie';
import type { StorageContext } from './write-context.ts';

// Key ranges of the outbox shared by the batch code: which rows a query touches decides what it costs.

/**
 * The pending entries, from just above `floor` (META_PENDING_FLOOR) when known. Starting there matters: every
 * acknowledged entry leaves a deleted index key at the start of this range, and Chromium's IndexedDB (LevelDB)
 * walks past each of them on every scan from the bottom until they are compacted away.
 */
export const pendingRange = (db: StorageContext['db'], floor: number | null = null) =>
  db.outbox
    .where('[state+seq]')
    .between(['pending', floor === null ? Dexie.minKey : floor + 1], ['pending', Dexie.maxKey]);

/**
 * No pending entry has a seq at or below this (null: not known). acknowledge (outbox-acknowledge.ts) raises it,
 * never lowers it, once every entry of a batch left the pending state: the batch was the oldest pending when
 * taken, and seqs only grow, so nothing at or below its last seq can be pending again.
 */
export const META_PENDING_FLOOR = 'outboxPendingFloor';

/** The floor a META_PENDING_FLOOR row's value holds (null: none yet). */
export function floorOf(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** Every outbox row whose seq lies between the batch's first and last: one request instead of one per seq. */
export function seqRange(db: StorageContext['db'], seqs: readonly number[]) {
  const [low, high] = seqBounds(seqs);
  return db.outbox.where(':id').between(low, high, true, true);
}

function seqBounds(seqs: readonly number[]): [number, number] {
  let [low, high] = [Infinity, -Infinity];
  for (const seq of seqs) [low, high] = [Math.min(low, seq), Math.max(high, seq)];
  return [low, high];
}

/**
 * Deletes every outbox row of seqRange(seqs), in the caller's transaction, as one DBCore request. Dexie's own
 * Collection.delete() first counts the range to report how many rows went, a second walk over every row that
 * nothing here reads.
 */
export async function deleteSeqRange(db: StorageContext['db'], seqs: readonly number[]): Promise<void> {
  const trans = Dexie.currentTransaction?.idbtrans as DBCoreTransaction | undefined;
  if (!trans) throw new Error('deleteSeqRange needs a transaction');
  const [lower, upper] = seqBounds(seqs);
  // DBCoreRangeType.Range (a const enum, which isolated modules cannot read from Dexie's typings).
  const range: DBCoreKeyRange = { type: 2 as DBCoreKeyRange['type'], lower, upper, lowerOpen: false, upperOpen: false };
  const { numFailures, failures } = await db.outbox.core.mutate({ trans, type: 'deleteRange', range });
  if (numFailures > 0) throw Object.values(failures)[0] ?? new Error('outbox range not deleted');
}

export function seqOf(entry: { seq?: number }): number {
  return entry.seq as number;
}

/** The batch taken to follow the one in flight (outbox-following.ts): an InFlight row of its own. */
export const META_FOLLOWING = 'outboxFollowing';

/** Forgets the following batch (a 413 re-batches from the oldest; a new first batch makes it stale). */
export async function dropFollowing(db: StorageContext['db']): Promise<void> {
  await db.meta.delete(META_FOLLOWING);
}
