import type { ChangeResult } from '../../protocol/sync.ts';
import { TABLES, type TableName } from '../../protocol/tables.ts';
import { newRecordId } from '../platform/ids.ts';
import type { OutboxEntry } from './db.ts';
import { bumpOutboxVersion, readSyncCounts, saveSyncCounts } from './outbox-counts.ts';
import { pendingRange, raisePendingFloor, readPendingFloor, seqOf, seqRange } from './outbox-ranges.ts';
import { stillOldest, type ReadAhead } from './outbox-read-ahead.ts';
import { wireChange } from './outbox-wire.ts';
import { changeBytes, META_IN_FLIGHT, type ServerTimeReading, type StorageContext } from './write-context.ts';

export interface OutboxBatch {
  batchId: string;
  entries: OutboxEntry[];
}

/**
 * The batch sent and not yet answered. One small row, so that sending 500 changes rewrites none of them; the
 * changeIds let the answer be matched without reading the 500 entries back. Rows written by an older app
 * version have no `changeIds` and take the slower path.
 */
interface InFlight {
  batchId: string;
  seqs: number[];
  changeIds?: string[];
  attempts: number;
}

async function readInFlight(context: StorageContext): Promise<InFlight | null> {
  return ((await context.db.meta.get(META_IN_FLIGHT))?.value as InFlight | undefined) ?? null;
}

async function readEntries(context: StorageContext, seqs: readonly number[]): Promise<OutboxEntry[]> {
  if (seqs.length === 0) return [];
  const wanted = new Set(seqs);
  return (await seqRange(context.db, seqs).toArray()).filter((entry) => wanted.has(seqOf(entry)));
}

/**
 * The next batch to push. A batch sent before and not answered is returned again, whole and under the same id,
 * so that a response lost after the server committed comes back as "duplicate". Otherwise the oldest pending
 * entries form a new batch of at most `maxCount` entries and `maxBytes` bytes (at least one entry). Entries
 * stamped by a phone clock far ahead of the server's are re-stamped now, before they ever leave the phone.
 * A handful of IndexedDB requests whatever the batch size (re-stamping aside, which only a wrong clock needs).
 */
export async function takeBatch(
  context: StorageContext,
  maxCount: number,
  maxBytes: number,
  /** What readAhead() returned while the previous batch was on the wire: used if still the oldest pending. */
  ahead?: ReadAhead,
): Promise<OutboxBatch | null> {
  const { db } = context;
  const tables = [db.outbox, db.meta, ...Object.keys(TABLES).map((t) => db.recordTable(t as TableName))];
  return db.transaction('rw', tables, async () => {
    const inFlight = await readInFlight(context);
    if (inFlight) {
      const entries = (await readEntries(context, inFlight.seqs)).filter((entry) => entry.state === 'pending');
      if (entries.length > 0) {
        await db.meta.put({ key: META_IN_FLIGHT, value: { ...inFlight, attempts: inFlight.attempts + 1 } });
        return { batchId: inFlight.batchId, entries };
      }
    }

    const count = Math.max(1, maxCount);
    const oldest =
      ahead && (await stillOldest(context, ahead, count))
        ? ahead.entries.slice(0, count)
        : await oldestPending(context, count);
    if (oldest.length === 0) {
      if (inFlight) await db.meta.delete(META_IN_FLIGHT);
      // The queue is provably empty here: a counter that drifted (an old app version in another tab) heals.
      const counts = await readSyncCounts(db);
      if (counts.pending !== 0) await saveSyncCounts(db, { ...counts, pending: 0 });
      return null;
    }
    const contiguous = takeContiguous(oldest, maxBytes);
    await restampFarAhead(context, contiguous);
    const batch: InFlight = {
      batchId: newRecordId(),
      seqs: contiguous.map(seqOf),
      changeIds: contiguous.map((entry) => entry.changeId),
      attempts: 1,
    };
    await db.meta.put({ key: META_IN_FLIGHT, value: batch });
    return { batchId: batch.batchId, entries: contiguous };
  });
}

/**
 * The oldest `count` pending entries, read in seq order from the table itself: an index read fetches each row
 * by its key (500 lookups), a key range is one sequential scan. The index only finds where the pending entries
 * begin; rejected rows lying between are skipped, reading on when they leave the batch short.
 */
async function oldestPending(context: StorageContext, count: number): Promise<OutboxEntry[]> {
  const { db } = context;
  const first = (
    await pendingRange(db, await readPendingFloor(db))
      .limit(1)
      .primaryKeys()
  )[0];
  if (first === undefined) return [];
  const out: OutboxEntry[] = [];
  let from = first;
  for (;;) {
    const rows = await db.outbox.where(':id').aboveOrEqual(from).limit(count).toArray();
    for (const row of rows) if (row.state === 'pending' && out.length < count) out.push(row);
    const last = rows.at(-1);
    if (out.length >= count || rows.length < count || last === undefined) return out;
    from = seqOf(last) + 1;
  }
}

function takeContiguous(entries: OutboxEntry[], maxBytes: number): OutboxEntry[] {
  const out: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (out.length > 0 && bytes + entry.bytes > maxBytes) break;
    out.push(entry);
    bytes += entry.bytes;
  }
  return out;
}

async function restampFarAhead(context: StorageContext, entries: OutboxEntry[]): Promise<void> {
  const clock = await context.loadClock();
  const restamped: OutboxEntry[] = [];
  for (const entry of entries) {
    const stamp = entry.record.hlc;
    if (typeof stamp === 'string' && clock.isFarAhead(stamp)) {
      await restamp(context, entry, stamp, clock.now());
      restamped.push(entry);
    }
  }
  if (restamped.length > 0) {
    await bumpOutboxVersion(context.db);
    await context.db.outbox.bulkPut(restamped);
    await context.saveClock(clock);
  }
}

async function restamp(context: StorageContext, entry: OutboxEntry, oldHlc: string, newHlc: string): Promise<void> {
  entry.record = { ...entry.record, hlc: newHlc };
  entry.bytes = changeBytes(wireChange(entry));
  const table = context.db.recordTable(entry.table);
  const row = await table.get(entry.recordId);
  if (row && row.hlc === oldHlc) await table.put({ ...row, hlc: newHlc });
}

/** A batch the server refused whole (413): its entries go back to the queue to be re-batched smaller. */
export async function releaseBatch(context: StorageContext, batchId: string): Promise<void> {
  const { db } = context;
  await db.transaction('rw', [db.meta], async () => {
    if ((await readInFlight(context))?.batchId === batchId) await db.meta.delete(META_IN_FLIGHT);
  });
}

export interface Acknowledged {
  done: number;
  rejected: number;
  /** Pending entries left in the queue after this answer (from the kept counter, not a count). */
  pending: number;
}

/**
 * Applies the server's per-change answers: applied and duplicate entries leave the queue; rejected ones stay,
 * visible, with the reason. Entries of the batch the server did not answer stay pending, to be batched again.
 */
export async function acknowledge(
  context: StorageContext,
  results: readonly ChangeResult[],
  batchId?: string,
  serverTime?: ServerTimeReading,
): Promise<Acknowledged> {
  const { db } = context;
  return db.transaction('rw', [db.outbox, db.meta], async () => {
    if (serverTime) await context.saveClock(await context.observeServerTime(serverTime));
    const counts = await readSyncCounts(db);
    const inFlight = await readInFlight(context);
    const ours = batchId !== undefined && inFlight?.batchId === batchId ? inFlight : null;
    const outcome =
      ours?.changeIds && ours.changeIds.length === ours.seqs.length
        ? ((await acknowledgeByKeys(context, ours, results)) ?? (await acknowledgeByEntries(context, ours, results)))
        : await acknowledgeByEntries(context, ours, results);
    if (ours) await db.meta.delete(META_IN_FLIGHT);
    if (ours && outcome.unanswered === 0) await raisePendingFloor(db, Math.max(...ours.seqs));
    const pending = counts.pending - outcome.done - outcome.rejected;
    const rejected = counts.rejected + outcome.rejected;
    if (outcome.done + outcome.rejected > 0) await saveSyncCounts(db, { pending, rejected });
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
  const keys = (await seqRange(db, batch.seqs).primaryKeys()) as number[];
  const sorted = [...batch.seqs].sort((a, b) => a - b);
  if (keys.length !== sorted.length || keys.some((key, i) => key !== sorted[i])) return null;

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
  await seqRange(db, batch.seqs).delete();
  if (kept.length > 0) await db.outbox.bulkPut(kept);
  const rejected = kept.filter((entry) => entry.state === 'rejected').length;
  return { done: batch.seqs.length - staying.length, rejected, unanswered: staying.length - rejected };
}

/** The general case: the answered entries are read (by the batch's seqs, or by changeId for an old batch). */
async function acknowledgeByEntries(
  context: StorageContext,
  ours: InFlight | null,
  results: readonly ChangeResult[],
): Promise<Outcome> {
  const { db } = context;
  // Matched by changeId alone, the answer may touch any entry: a batch read ahead must not be trusted after it.
  if (!ours) await bumpOutboxVersion(db);
  const entries = ours
    ? await readEntries(context, ours.seqs)
    : await db.outbox
        .where('changeId')
        .anyOf(results.map((result) => result.changeId))
        .toArray();
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
  await range.delete();
  await db.outbox.bulkPut(keep);
}
