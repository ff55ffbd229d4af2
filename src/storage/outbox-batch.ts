import { TABLE_NAMES } from '../../protocol/table-kinds.ts';
import type { HlcClock } from '../platform/hlc-clock.ts';
import { newRecordId } from '../platform/ids.ts';
import type { OutboxEntry } from './db.ts';
import { readSyncCounts, saveSyncCounts } from './outbox-counts.ts';
import {
  dropFollowing,
  META_FOLLOWING,
  floorOf,
  META_PENDING_FLOOR,
  pendingRange,
  seqOf,
  seqRange,
} from './outbox-ranges.ts';
import { asEntries, serialiseChange, wireChange } from './outbox-wire.ts';
import { relaxedTransaction } from './durability.ts';
import { CLOCK_ROWS, META_IN_FLIGHT, type StorageContext } from './write-context.ts';

export interface OutboxBatch {
  batchId: string;
  entries: OutboxEntry[];
}

/**
 * The batch sent and not yet answered. One small row, so that sending 500 changes rewrites none of them; the
 * changeIds let the answer be matched without reading the 500 entries back. Rows written by an older app
 * version have no `changeIds` and take the slower path.
 */
export interface InFlight {
  batchId: string;
  seqs: number[];
  changeIds?: string[];
  attempts: number;
  /**
   * Set on a following batch (outbox-following.ts) once the batch before it was answered only in part: older
   * entries are still pending, so its own answer must not raise the pending floor past them.
   */
  behind?: boolean;
}

export async function readInFlight(context: StorageContext): Promise<InFlight | null> {
  return ((await context.db.meta.get(META_IN_FLIGHT))?.value as InFlight | undefined) ?? null;
}

export async function readEntries(context: StorageContext, seqs: readonly number[]): Promise<OutboxEntry[]> {
  if (seqs.length === 0) return [];
  const wanted = new Set(seqs);
  return asEntries(await seqRange(context.db, seqs).toArray()).filter((entry) => wanted.has(seqOf(entry)));
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
): Promise<OutboxBatch | null> {
  const { db } = context;
  // Over the outbox and meta alone, relaxed (durability.ts): a take is the queue's own bookkeeping. Only a
  // re-stamp (a clock that ran ahead) rewrites a record, a kader's data: then the take starts over, strict, in a
  // transaction that holds the record tables too.
  const taken = await relaxedTransaction(db, [db.outbox, db.meta], () =>
    takeInTransaction(context, maxCount, maxBytes, false),
  );
  if (taken !== NEEDS_RECORD_TABLES) return taken;
  // An async callback: Dexie keeps its zone across native awaits only for one (a plain arrow commits early).
  const retaken = await db.transaction(
    'rw',
    batchTables(context),
    async () => await takeInTransaction(context, maxCount, maxBytes, true),
  );
  return retaken === NEEDS_RECORD_TABLES ? null : retaken;
}

/** A take's answer when its entries need a re-stamp that its transaction cannot write: nothing written. */
export const NEEDS_RECORD_TABLES = Symbol('needs the record tables');

/** What taking a batch writes: the outbox, meta, and the record tables a re-stamp rewrites. */
export function batchTables(context: StorageContext) {
  const { db } = context;
  return [db.outbox, db.meta, ...TABLE_NAMES.map((t) => db.recordTable(t))];
}

/** takeBatch's work, in a transaction over the outbox and meta, or over batchTables() `withRecordTables`. */
async function takeInTransaction(
  context: StorageContext,
  maxCount: number,
  maxBytes: number,
  withRecordTables: boolean,
): Promise<OutboxBatch | null | typeof NEEDS_RECORD_TABLES> {
  const { db } = context;
  // Every meta row a take may read, in one round trip (as takeFollowing's and acknowledge's).
  const [inFlightRow, followingRow, floorRow, enrollment, clockState] = await db.meta.bulkGet([
    META_IN_FLIGHT,
    META_FOLLOWING,
    META_PENDING_FLOOR,
    ...CLOCK_ROWS,
  ]);
  const inFlight = (inFlightRow?.value as InFlight | undefined) ?? null;
  if (inFlight) {
    const entries = (await readEntries(context, inFlight.seqs)).filter((entry) => entry.state === 'pending');
    if (entries.length > 0) {
      await db.meta.put({ key: META_IN_FLIGHT, value: { ...inFlight, attempts: inFlight.attempts + 1 } });
      return { batchId: inFlight.batchId, entries };
    }
  }

  const count = Math.max(1, maxCount);
  const floor = floorOf(floorRow?.value);
  const oldest = await oldestPending(context, count, floor);
  if (oldest.length === 0) {
    if (inFlight) await db.meta.delete(META_IN_FLIGHT);
    // The queue is provably empty here: a counter that drifted (an old app version in another tab) heals.
    const counts = await readSyncCounts(db);
    if (counts.pending !== 0) await saveSyncCounts(db, { ...counts, pending: 0 });
    return null;
  }
  const clock = context.clockFrom(enrollment?.value, clockState?.value);
  const batch = withRecordTables
    ? await writeDownBatch(context, oldest, maxBytes, META_IN_FLIGHT, clock)
    : await writeDownBatch(context, oldest, maxBytes, META_IN_FLIGHT, clock, false);
  if (batch === null) return NEEDS_RECORD_TABLES;
  // A batch taken to follow another in flight (outbox-following.ts) is stale once a new batch goes first.
  if (followingRow) await dropFollowing(db);
  return batch;
}

/**
 * A new batch of the oldest of `pending` that fit in `maxBytes`, re-stamped if a clock ran ahead, written down
 * under a new id in the meta row `key` (the batch in flight, or the one following it) before it is sent.
 * `clock`: the phone's, loaded in this transaction. `restamp: false` is for a transaction over the outbox and
 * meta alone (a relaxed take): when an entry would need a re-stamp, which rewrites its record, nothing is written and null says to take it again over batchTables().
 */
export async function writeDownBatch(
  context: StorageContext,
  pending: readonly OutboxEntry[],
  maxBytes: number,
  key: string,
  clock: HlcClock,
  restamp: false,
): Promise<OutboxBatch | null>;
export async function writeDownBatch(
  context: StorageContext,
  pending: readonly OutboxEntry[],
  maxBytes: number,
  key: string,
  clock: HlcClock,
): Promise<OutboxBatch>;
export async function writeDownBatch(
  context: StorageContext,
  pending: readonly OutboxEntry[],
  maxBytes: number,
  key: string,
  clock: HlcClock,
  restamp = true,
): Promise<OutboxBatch | null> {
  const contiguous = takeContiguous(pending, maxBytes);
  const farAhead = contiguous.filter((entry) => entry.hlc !== undefined && clock.isFarAhead(entry.hlc));
  if (farAhead.length > 0) {
    if (!restamp) return null;
    await restampFarAhead(context, clock, farAhead);
  }
  const batch: InFlight = {
    batchId: newRecordId(),
    seqs: contiguous.map(seqOf),
    changeIds: contiguous.map((entry) => entry.changeId),
    attempts: 1,
  };
  await context.db.meta.put({ key, value: batch });
  return { batchId: batch.batchId, entries: contiguous };
}

/**
 * The oldest `count` pending entries, read in seq order from the table itself: an index read fetches each row
 * by its key (500 lookups), a key range is one sequential scan. The index only finds where the pending entries
 * begin; rejected rows lying between are skipped, reading on when they leave the batch short.
 */
async function oldestPending(context: StorageContext, count: number, floor: number | null): Promise<OutboxEntry[]> {
  const { db } = context;
  const first = (await pendingRange(db, floor).limit(1).primaryKeys())[0];
  if (first === undefined) return [];
  const out: OutboxEntry[] = [];
  let from = first;
  for (;;) {
    const rows = asEntries(await db.outbox.where(':id').aboveOrEqual(from).limit(count).toArray());
    for (const row of rows) if (row.state === 'pending' && out.length < count) out.push(row);
    const last = rows.at(-1);
    if (out.length >= count || rows.length < count || last === undefined) return out;
    from = seqOf(last) + 1;
  }
}

function takeContiguous(entries: readonly OutboxEntry[], maxBytes: number): OutboxEntry[] {
  const out: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (out.length > 0 && bytes + entry.bytes > maxBytes) break;
    out.push(entry);
    bytes += entry.bytes;
  }
  return out;
}

async function restampFarAhead(context: StorageContext, clock: HlcClock, entries: OutboxEntry[]): Promise<void> {
  for (const entry of entries) await restamp(context, entry, entry.hlc as string, clock.now());
  await context.db.outbox.bulkPut(entries);
  await context.saveClock(clock);
}

async function restamp(context: StorageContext, entry: OutboxEntry, oldHlc: string, newHlc: string): Promise<void> {
  const change = wireChange(entry);
  Object.assign(entry, serialiseChange({ ...change, record: { ...change.record, hlc: newHlc } }), { hlc: newHlc });
  const table = context.db.recordTable(entry.table);
  const row = await table.get(entry.recordId);
  if (row && row.hlc === oldHlc) await table.put({ ...row, hlc: newHlc });
}

/** A batch the server refused whole (413): its entries go back to the queue to be re-batched smaller. */
export async function releaseBatch(context: StorageContext, batchId: string): Promise<void> {
  const { db } = context;
  await relaxedTransaction(db, [db.meta], async () => {
    if ((await readInFlight(context))?.batchId !== batchId) return;
    await db.meta.delete(META_IN_FLIGHT);
    await dropFollowing(db);
  });
}
