import {
  batchTables,
  NEEDS_RECORD_TABLES,
  readEntries,
  writeDownBatch,
  type InFlight,
  type OutboxBatch,
} from './outbox-batch.ts';
import { dropFollowing, floorOf, META_FOLLOWING, META_PENDING_FLOOR, pendingRange } from './outbox-ranges.ts';
import { asEntries } from './outbox-wire.ts';
import { relaxedTransaction } from './durability.ts';
import { CLOCK_ROWS, META_IN_FLIGHT, type StorageContext } from './write-context.ts';

// The push pipeline (sync/push-batch.ts): while batch N is on the wire, batch N+1 is taken (written down here,
// under its own id) and serialised, so that it leaves the moment N is answered, and N's answer is committed while
// N+1 is on the wire. Still one request on the wire at a time, oldest first: the server sees the same order.

/**
 * Takes the batch that follows the one in flight (`afterBatchId`): the pending entries after its last seq, at
 * most `maxCount` and `maxBytes`. Null when there is none, or when it would not be the next oldest: the batch in
 * flight is another one, or an entry older than the batch in flight is pending (an answer that left some out),
 * which a plain takeBatch sends first. A following batch taken before and not yet sent is returned again.
 */
export async function takeFollowing(
  context: StorageContext,
  afterBatchId: string,
  maxCount: number,
  maxBytes: number,
): Promise<OutboxBatch | null> {
  const { db } = context;
  // Over the outbox and meta alone, so that the take locks only what it touches, and relaxed as takeBatch's
  // (durability.ts). Only a re-stamp (a clock that ran
  // ahead, before the phone's first answer) rewrites a record; then the take starts over in a transaction that
  // holds the record tables too.
  const taken = await relaxedTransaction(db, [db.outbox, db.meta], () =>
    takeFollowingIn(context, afterBatchId, maxCount, maxBytes, false),
  );
  if (taken !== NEEDS_RECORD_TABLES) return taken;
  const retaken = await db.transaction('rw', batchTables(context), async () =>
    takeFollowingIn(context, afterBatchId, maxCount, maxBytes, true),
  );
  return retaken === NEEDS_RECORD_TABLES ? null : retaken;
}

async function takeFollowingIn(
  context: StorageContext,
  afterBatchId: string,
  maxCount: number,
  maxBytes: number,
  withRecordTables: boolean,
): Promise<OutboxBatch | null | typeof NEEDS_RECORD_TABLES> {
  const { db } = context;
  // The meta rows a take reads, in one round trip (as acknowledge's): a request awaited in turn waits its turn on
  // the renderer, busy with the request on the wire.
  const [inFlightRow, followingRow, floorRow, enrollment, clockState] = await db.meta.bulkGet([
    META_IN_FLIGHT,
    META_FOLLOWING,
    META_PENDING_FLOOR,
    ...CLOCK_ROWS,
  ]);
  const inFlight = (inFlightRow?.value as InFlight | undefined) ?? null;
  if (inFlight?.batchId !== afterBatchId || inFlight.seqs.length === 0) return null;
  const [first, last] = [Math.min(...inFlight.seqs), Math.max(...inFlight.seqs)];
  const following = (followingRow?.value as InFlight | undefined) ?? null;
  if (following && following.seqs.every((seq) => seq > last)) {
    const entries = (await readEntries(context, following.seqs)).filter((entry) => entry.state === 'pending');
    if (entries.length > 0) {
      await db.meta.put({ key: META_FOLLOWING, value: { ...following, attempts: following.attempts + 1 } });
      return { batchId: following.batchId, entries };
    }
  }
  const floor = floorOf(floorRow?.value);
  // Both reads at once: the oldest pending entry only decides whether the rows read are the next batch.
  const [oldestPending, rows] = await Promise.all([
    pendingRange(db, floor).limit(1).primaryKeys(),
    db.outbox.where(':id').above(last).limit(Math.max(1, maxCount)).toArray(),
  ]);
  if (oldestPending[0] !== undefined && oldestPending[0] < first) return null;
  const pending = asEntries(rows.filter((row) => row.state === 'pending'));
  if (pending.length === 0) {
    if (following) await dropFollowing(db);
    return null;
  }
  const clock = context.clockFrom(enrollment?.value, clockState?.value);
  if (withRecordTables) return writeDownBatch(context, pending, maxBytes, META_FOLLOWING, clock);
  return (await writeDownBatch(context, pending, maxBytes, META_FOLLOWING, clock, false)) ?? NEEDS_RECORD_TABLES;
}
