import { Dexie } from 'dexie';
import type { ChangeResult } from '../../protocol/sync.ts';
import { TABLES, type TableName } from '../../protocol/tables.ts';
import { newRecordId } from '../platform/ids.ts';
import type { OutboxEntry } from './db.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { fromPersonRow, toPersonRow } from './search-terms.ts';
import { IssueCollector } from './validate.ts';
import { changeBytes, META_IN_FLIGHT, type StorageContext } from './write-context.ts';

export interface OutboxBatch {
  batchId: string;
  entries: OutboxEntry[];
}

export interface RejectedChange {
  seq: number;
  table: TableName;
  recordId: string;
  op: 'upsert' | 'delete';
  record: Record<string, unknown>;
  fields?: string[];
  error: NonNullable<ChangeResult['error']>;
  createdAt: string;
  attempts: number;
}

const pendingRange = (db: StorageContext['db']) =>
  db.outbox.where('[state+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]);

/** The batch sent and not yet answered. One small row, so that sending 500 changes rewrites none of them. */
interface InFlight {
  batchId: string;
  seqs: number[];
  attempts: number;
}

async function readInFlight(context: StorageContext): Promise<InFlight | null> {
  return ((await context.db.meta.get(META_IN_FLIGHT))?.value as InFlight | undefined) ?? null;
}

/**
 * The next batch to push. A batch sent before and not answered is returned again, whole and under the same id,
 * so that a response lost after the server committed comes back as "duplicate". Otherwise the oldest pending
 * entries form a new batch of at most `maxCount` entries and `maxBytes` bytes (at least one entry). Entries
 * stamped by a phone clock far ahead of the server's are re-stamped now, before they ever leave the phone.
 */
export async function takeBatch(
  context: StorageContext,
  maxCount: number,
  maxBytes: number,
): Promise<OutboxBatch | null> {
  const { db } = context;
  const tables = [db.outbox, db.meta, ...Object.keys(TABLES).map((t) => db.recordTable(t as TableName))];
  return db.transaction('rw', tables, async () => {
    const inFlight = await readInFlight(context);
    if (inFlight) {
      const entries = (await db.outbox.bulkGet(inFlight.seqs)).filter(
        (entry): entry is OutboxEntry => entry?.state === 'pending',
      );
      if (entries.length > 0) {
        await db.meta.put({ key: META_IN_FLIGHT, value: { ...inFlight, attempts: inFlight.attempts + 1 } });
        return { batchId: inFlight.batchId, entries };
      }
    }

    const oldest = await pendingRange(db).limit(Math.max(1, maxCount)).toArray();
    if (oldest.length === 0) {
      if (inFlight) await db.meta.delete(META_IN_FLIGHT);
      return null;
    }
    const contiguous = takeContiguous(oldest, maxBytes);

    const clock = await context.loadClock();
    const restamped: OutboxEntry[] = [];
    for (const entry of contiguous) {
      const stamp = entry.record.hlc;
      if (typeof stamp === 'string' && clock.isFarAhead(stamp)) {
        await restamp(context, entry, stamp, clock.now());
        restamped.push(entry);
      }
    }
    if (restamped.length > 0) {
      await db.outbox.bulkPut(restamped);
      await context.saveClock(clock);
    }
    const batch: InFlight = { batchId: newRecordId(), seqs: contiguous.map(seqOf), attempts: 1 };
    await db.meta.put({ key: META_IN_FLIGHT, value: batch });
    return { batchId: batch.batchId, entries: contiguous };
  });
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

/**
 * Applies the server's per-change answers: applied and duplicate entries leave the queue; rejected ones stay,
 * visible, with the reason. Entries of the batch the server did not answer go back to the queue.
 */
export async function acknowledge(
  context: StorageContext,
  results: readonly ChangeResult[],
  batchId?: string,
): Promise<{ done: number; rejected: number }> {
  const { db } = context;
  return db.transaction('rw', [db.outbox, db.meta], async () => {
    // One read for the batch, one bulk delete, one bulk write for the rejected few.
    const inFlight = await readInFlight(context);
    const ours = batchId !== undefined && inFlight?.batchId === batchId ? inFlight : null;
    const entries = ours
      ? (await db.outbox.bulkGet(ours.seqs)).filter((entry): entry is OutboxEntry => entry !== undefined)
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
      if (result.status === 'rejected') {
        const error = result.error ?? { code: 'internal' as const, message: 'rejected without a reason' };
        rejectedEntries.push({ ...entry, state: 'rejected', error, attempts: ours?.attempts ?? entry.attempts + 1 });
      } else {
        finished.push(seqOf(entry));
      }
    }
    await deleteEntries(context, finished);
    await db.outbox.bulkPut(rejectedEntries);
    // Entries of the batch the server did not answer simply stay pending, to be batched again.
    if (ours) await db.meta.delete(META_IN_FLIGHT);
    return { done: finished.length, rejected: rejectedEntries.length };
  });
}

/**
 * Deletes acknowledged entries. A batch is nearly always one run of consecutive seqs, and IndexedDB deletes a key
 * range in one operation where it would delete 500 keys one by one; rows inside the range that must stay (a
 * rejected entry from earlier, say) are read first and put back in the same transaction.
 */
async function deleteEntries(context: StorageContext, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  const { db } = context;
  const sorted = [...seqs].sort((a, b) => a - b);
  const [first, last] = [sorted[0] as number, sorted[sorted.length - 1] as number];
  const range = db.outbox.where(':id').between(first, last, true, true);
  const doomed = new Set(sorted);
  const keep = (await range.toArray()).filter((entry) => !doomed.has(seqOf(entry)));
  if (keep.length > sorted.length) {
    await db.outbox.bulkDelete(sorted);
    return;
  }
  await range.delete();
  await db.outbox.bulkPut(keep);
}

/** Rejects a change locally when the server cannot even receive it (a single change over the size limit). */
export async function rejectLocally(
  context: StorageContext,
  seq: number,
  error: NonNullable<ChangeResult['error']>,
): Promise<void> {
  await context.db.outbox.update(seq, { state: 'rejected', error });
}

export async function countPending(context: StorageContext): Promise<number> {
  return pendingRange(context.db).count();
}

export async function countRejected(context: StorageContext): Promise<number> {
  return context.db.outbox.where('[state+seq]').between(['rejected', Dexie.minKey], ['rejected', Dexie.maxKey]).count();
}

/** The "Perlu diperiksa" list: every rejected change with its record and the server's reason, oldest first. */
export async function listRejected(context: StorageContext): Promise<RejectedChange[]> {
  const entries = await context.db.outbox
    .where('[state+seq]')
    .between(['rejected', Dexie.minKey], ['rejected', Dexie.maxKey])
    .toArray();
  return entries.map((entry) => ({
    seq: seqOf(entry),
    table: entry.table,
    recordId: entry.recordId,
    op: entry.op,
    record: entry.record,
    ...(entry.fields ? { fields: entry.fields } : {}),
    error: entry.error ?? { code: 'internal', message: '' },
    createdAt: entry.createdAt,
    attempts: entry.attempts,
  }));
}

/**
 * Puts a rejected change back in the queue, optionally corrected (`correction` holds the fields the kader
 * fixed). It always travels under a new changeId: the server may remember the old one as seen, and answering
 * "duplicate" to it would silently drop the fix. A corrected record is re-validated, re-stamped, and written
 * to the local record in the same transaction. Returns the new entry's seq.
 */
export async function resendRejected(
  context: StorageContext,
  seq: number,
  correction?: Record<string, unknown>,
): Promise<number> {
  const { db } = context;
  const entry = await db.outbox.get(seq);
  if (!entry || entry.state !== 'rejected') throw new NotFoundError('outbox', String(seq));
  const table = db.recordTable(entry.table);
  return db.transaction('rw', [...new Set([db.outbox, db.meta, db.households, table])], async () => {
    const current = await db.outbox.get(seq);
    if (!current || current.state !== 'rejected') throw new NotFoundError('outbox', String(seq));
    let record = current.record;
    let fields = current.fields;
    if (correction) {
      const scope = await context.beginWrite();
      const row = await table.get(current.recordId);
      const issues = new IssueCollector();
      const candidate = {
        ...current.record,
        ...correction,
        id: current.recordId,
        posyanduId: scope.enrollment.posyanduId,
        recordedBy: { kaderId: scope.enrollment.kaderId, deviceId: scope.enrollment.deviceId },
        recordedAt: scope.recordedAt,
        hlc: scope.clock.after(maxStamp(row?.hlc, current.record.hlc)),
      };
      const parsed = issues.parse(TABLES[current.table].schema, candidate) as Record<string, unknown> | null;
      issues.throwIfAny();
      if (!parsed) throw new ValidationError([]);
      record = parsed;
      if (fields) fields = [...new Set([...fields, ...Object.keys(correction)])];
      await writeCorrectedRow(context, current, row, record, fields);
      await scope.finish();
    }
    await db.outbox.delete(seq);
    const changeId = newRecordId();
    const replacement: OutboxEntry = {
      changeId,
      table: current.table,
      recordId: current.recordId,
      op: current.op,
      record,
      ...(fields ? { fields } : {}),
      createdAt: new Date().toISOString(),
      attempts: 0,
      state: 'pending',
      bytes: 0,
    };
    replacement.bytes = changeBytes(wireChange(replacement));
    return db.outbox.add(replacement);
  });
}

async function writeCorrectedRow(
  context: StorageContext,
  entry: OutboxEntry,
  row: Record<string, unknown> | undefined,
  record: Record<string, unknown>,
  fields: string[] | undefined,
): Promise<void> {
  const table = context.db.recordTable(entry.table);
  let next: Record<string, unknown> = record;
  if (row && fields) {
    next = { ...row, hlc: record.hlc };
    for (const field of fields) next[field] = record[field];
  }
  if (entry.table === 'persons') {
    const person = fromPersonRow(next as never);
    const household = await context.db.households.get(String(person.householdId));
    next = toPersonRow(person, household?.familyCardNumber) as unknown as Record<string, unknown>;
  }
  await table.put(next);
}

/** The change as the push body carries it. */
export function wireChange(entry: OutboxEntry): {
  changeId: string;
  table: string;
  op: 'upsert' | 'delete';
  record: Record<string, unknown>;
  fields?: string[];
} {
  return {
    changeId: entry.changeId,
    table: entry.table,
    op: entry.op,
    record: entry.record,
    ...(entry.fields ? { fields: entry.fields } : {}),
  };
}

function seqOf(entry: OutboxEntry): number {
  return entry.seq as number;
}

function maxStamp(a: unknown, b: unknown): string | undefined {
  const stamps = [a, b].filter((s): s is string => typeof s === 'string');
  return stamps.sort().at(-1);
}
