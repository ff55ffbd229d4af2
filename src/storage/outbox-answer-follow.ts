import type { ChangeResult } from '../../protocol/sync.ts';
import { acknowledgeInTransaction, type Acknowledged } from './outbox-acknowledge.ts';
import { batchTables, type OutboxBatch } from './outbox-batch.ts';
import { takeFollowingInTransaction } from './outbox-following.ts';
import type { ServerTimeReading, StorageContext } from './write-context.ts';

// The push pipeline's usual step (sync/push-batch.ts) in ONE local commit: the answer to batch N, while N+1 is on
// the wire, and the taking of N+2 to follow N+1. Two transactions a batch were two commits (each a flush, the
// durability is strict) and read the same meta rows (the batch in flight, the one following, the counts) twice.

export interface TakeNext {
  /** The batch now on the wire, which the answer makes the batch in flight: the one to take after. */
  afterBatchId: string;
  maxCount: number;
  maxBytes: number;
}

/**
 * acknowledge, then takeFollowing after `next.afterBatchId`, in one transaction. Each keeps its own rules: the
 * answer is committed exactly as acknowledge commits it, and the batch taken is the one takeFollowing would take
 * right after that commit (none when an entry older than it was left pending by this answer).
 */
export async function acknowledgeAndTakeFollowing(
  context: StorageContext,
  results: readonly ChangeResult[],
  batchId: string,
  serverTime: ServerTimeReading | undefined,
  next: TakeNext,
): Promise<Acknowledged & { following: OutboxBatch | null }> {
  return context.db.transaction('rw', batchTables(context), async () => {
    const acknowledged = await acknowledgeInTransaction(context, results, batchId, serverTime);
    const following = await takeFollowingInTransaction(context, next.afterBatchId, next.maxCount, next.maxBytes);
    return { ...acknowledged, following };
  });
}
