import type { ChangeResult } from '../../protocol/sync.ts';
import type { MetaRow, OutboxEntry } from './db.ts';
import { readEntries, type InFlight } from './outbox-batch.ts';
import { countsOf, countsRow, META_OUTBOX_COUNTS, readSyncCounts } from './outbox-counts.ts';
import {
  deleteSeqRange,
  META_FOLLOWING,
  floorOf,
  META_PENDING_FLOOR,
  pendingRange,
  seqOf,
  seqRange,
} from './outbox-ranges.ts';
import { asEntries } from './outbox-wire.ts';
import { relaxedTransaction } from './durability.ts';
import {
  CLOCK_ROWS,
  META_CLOCK,
  META_IN_FLIGHT,
  observeReading,
  type ServerTimeReading,
  type StorageContext,
} from './write-context.ts';

// The server's answer to a batch, applied in one local commit.

export interface Acknowledged {
  done: number;
  rejected: number;
  /** Pending entries left in the queue after this answer (from the kept counter, not a count). */
  pending: number;
}

/**
 * Applies the server's per-change answers: applied and duplicate entries leave the queue; rejected ones stay,
 * visible, with the reason. Entries of the batch the server did not answer stay pending, to be batched again.
 * The batch taken to follow it (takeFollowing), already on the wire by now, becomes the batch in flight.
 */
export async function acknowledge(
  context: StorageContext,
  results: readonly ChangeResult[],
  batchId?: string,
  serverTime?: ServerTimeReading,
): Promise<Acknowledged> {
  const { db } = context;
  // Relaxed (durability.ts): an answer lost to a power cut leaves its entries queued, sent again, and answered
  // "duplicate".
  return relaxedTransaction(db, [db.outbox, db.meta], async () => {
    // Every meta row the answer reads, in one round trip: during a push the renderer is busy with the next
    // request, and each request awaited in turn waited for it (issue 14: 61 ms an answer, 12 requests deep).
    const [enrollment, clockState, countsStored, inFlightRow, followingRow, floorRow] = await db.meta.bulkGet([
      ...CLOCK_ROWS,
      META_OUTBOX_COUNTS,
      META_IN_FLIGHT,
      META_FOLLOWING,
      META_PENDING_FLOOR,
    ]);
    const counts = countsOf(countsStored?.value) ?? (await readSyncCounts(db));
    const inFlight = (inFlightRow?.value as InFlight | undefined) ?? null;
    const ours = batchId !== undefined && inFlight?.batchId === batchId ? inFlight : null;
    const outcome =
      ours?.changeIds && ours.changeIds.length === ours.seqs.length
        ? ((await acknowledgeByKeys(context, ours, results)) ?? (await acknowledgeByEntries(context, ours, results)))
        : await acknowledgeByEntries(context, ours, results);

    const puts: MetaRow[] = [];
    const deletes: string[] = [];
    if (serverTime) {
      const clock = observeReading(context.clockFrom(enrollment?.value, clockState?.value), serverTime);
      puts.push({ key: META_CLOCK, value: clock.state() });
    }
    // An answer that leaves entries of the batch pending leaves them older than the following batch.
    const behind = ours?.behind === true || outcome.unanswered > 0;
    if (ours) {
      // The batch taken to follow this one, already on the wire by now, is the batch in flight.
      const following = (followingRow?.value as InFlight | undefined) ?? null;
      if (following) {
        puts.push({ key: META_IN_FLIGHT, value: behind ? { ...following, behind } : following });
        deletes.push(META_FOLLOWING);
      } else deletes.push(META_IN_FLIGHT);
      const floor = floorOf(floorRow?.value);
      const last = Math.max(...ours.seqs);
      if (!behind && (floor === null || last > floor)) puts.push({ key: META_PENDING_FLOOR, value: last });
    }
    const pending = counts.pending - outcome.done - outcome.rejected;
    const rejected = counts.rejected + outcome.rejected;
    if (outcome.done + outcome.rejected > 0) puts.push(countsRow({ pending, rejected }));
    await Promise.all([db.meta.bulkPut(puts), db.meta.bulkDelete(deletes)]);
    return { done: outcome.done, rejected: outcome.rejected, pending: Math.max(0, pending) };
  });
}

/** `unanswered`: entries of the batch still pending because the answer did not name them. */
type Outcome = Omit<Acknowledged, 'pending'> & { unanswered: number };

function rejectedCopy(entry: OutboxEntry, result: ChangeResult, attempts: number): OutboxEntry {
  const error = result.error ?? { code: 'internal' as const, message: 'rejected without a reason' };
  return { ...entry, state: 'rejected', error, attempts };
}

/**
 * The usual answer, matched through the in-flight row's changeIds: reads only the keys of the batch's seq range
 * (and the few entries that stay), deletes the range in one request. Returns null when the range holds other
 * rows (a rejected entry from earlier lying between), for acknowledgeByEntries to sort out.
 */
async function acknowledgeByKeys(
  context: StorageContext,
  batch: InFlight,
  results: readonly ChangeResult[],
): Promise<Outcome | null> {
  const { db } = context;
  if (!(await rangeHoldsOnly(db, batch.seqs))) return null;

  const seqByChangeId = new Map(batch.changeIds?.map((changeId, i) => [changeId, batch.seqs[i] as number]));
  const answers = new Map<number, ChangeResult>();
  for (const result of results) {
    const seq = seqByChangeId.get(result.changeId);
    if (seq !== undefined && !answers.has(seq)) answers.set(seq, result);
  }
  const staying = batch.seqs.filter(
    (seq) => answers.get(seq)?.status !== 'applied' && answers.get(seq)?.status !== 'duplicate',
  );
  const kept = (await readEntries(context, staying)).map((entry) => {
    const answer = answers.get(seqOf(entry));
    return answer?.status === 'rejected' ? rejectedCopy(entry, answer, batch.attempts) : entry;
  });
  await deleteSeqRange(db, batch.seqs);
  if (kept.length > 0) await db.outbox.bulkPut(kept);
  const rejected = kept.filter((entry) => entry.state === 'rejected').length;
  return { done: batch.seqs.length - staying.length, rejected, unanswered: staying.length - rejected };
}

/**
 * Whether the batch's seq range holds exactly the batch's entries. A batch taken as one run of seqs (the usual
 * case) needs no request to prove it: when it was taken, every seq of its range was one of its pending entries;
 * seqs are given out only upwards, so no row can have come into the range since; and no row of a pending entry
 * leaves the outbox but through an answer to its batch, which is this one. A batch with gaps (rejected entries
 * lying between when it was taken) is proven by the range's keys.
 */
async function rangeHoldsOnly(db: StorageContext['db'], seqs: readonly number[]): Promise<boolean> {
  const sorted = [...seqs].sort((a, b) => a - b);
  const [low, high] = [sorted[0], sorted.at(-1)];
  if (low === undefined || high === undefined) return false;
  const distinct = sorted.every((seq, i) => i === 0 || seq !== sorted[i - 1]);
  if (distinct && high - low + 1 === sorted.length) return true;
  const keys = (await seqRange(db, seqs).primaryKeys()) as number[];
  return keys.length === sorted.length && keys.every((key, i) => key === sorted[i]);
}

/** The general case: the answered entries are read (by the batch's seqs, or by changeId for an old batch). */
async function acknowledgeByEntries(
  context: StorageContext,
  ours: InFlight | null,
  results: readonly ChangeResult[],
): Promise<Outcome> {
  const { db } = context;
  // Without the batch's row (an answer for a batch no longer in flight: rare), the pending queue is searched;
  // version 2 dropped the changeId index, which cost every entry's put and delete for this path alone.
  const entries = ours ? await readEntries(context, ours.seqs) : asEntries(await pendingRange(db).toArray());
  const byChangeId = new Map(entries.filter((e) => e.state === 'pending').map((e) => [e.changeId, e]));
  const finished: number[] = [];
  const rejectedEntries: OutboxEntry[] = [];
  for (const result of results) {
    const entry = byChangeId.get(result.changeId);
    if (!entry) continue;
    byChangeId.delete(result.changeId);
    if (result.status === 'rejected')
      rejectedEntries.push(rejectedCopy(entry, result, ours?.attempts ?? entry.attempts + 1));
    else finished.push(seqOf(entry));
  }
  await deleteEntries(context, finished);
  await db.outbox.bulkPut(rejectedEntries);
  return { done: finished.length, rejected: rejectedEntries.length, unanswered: byChangeId.size };
}

/**
 * Deletes acknowledged entries. A batch is nearly always one run of consecutive seqs, and IndexedDB deletes a key
 * range in one operation where it would delete 500 keys one by one; rows inside the range that must stay (a
 * rejected entry from earlier, say) are read first and put back in the same transaction.
 */
async function deleteEntries(context: StorageContext, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  const { db } = context;
  const range = seqRange(db, seqs);
  const doomed = new Set(seqs);
  const keep = (await range.toArray()).filter((entry) => !doomed.has(seqOf(entry)));
  if (keep.length > seqs.length) {
    await db.outbox.bulkDelete([...seqs]);
    return;
  }
  await deleteSeqRange(db, seqs);
  await db.outbox.bulkPut(keep);
}
