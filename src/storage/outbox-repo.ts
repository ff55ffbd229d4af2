import { Dexie } from 'dexie';
import type { ChangeResult } from '../../protocol/sync.ts';
import { TABLES, type TableName } from '../../protocol/tables.ts';
import { newRecordId } from '../platform/ids.ts';
import type { OutboxEntry } from './db.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { fromPersonRow, toPersonRow } from './search-terms.ts';
import { IssueCollector } from './validate.ts';
import { changeBytes, type StorageContext } from './write-context.ts';

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
    const inFlight = await db.outbox.where('batchId').above('').toArray();
    const resend = inFlight.filter((entry) => entry.state === 'pending').sort((a, b) => seqOf(a) - seqOf(b));
    if (resend.length > 0) {
      const batchId = resend[0]?.batchId as string;
      return { batchId, entries: resend.filter((entry) => entry.batchId === batchId) };
    }

    const oldest = await pendingRange(db).limit(Math.max(1, maxCount)).toArray();
    if (oldest.length === 0) return null;
    const contiguous = takeContiguous(oldest, maxBytes);

    const clock = await context.loadClock();
    const batchId = newRecordId();
    for (const entry of contiguous) {
      entry.batchId = batchId;
      const stamp = entry.record.hlc;
      if (typeof stamp === 'string' && clock.isFarAhead(stamp)) await restamp(context, entry, stamp, clock.now());
      await db.outbox.put(entry);
    }
    await context.saveClock(clock);
    return { batchId, entries: contiguous };
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
  await context.db.outbox
    .where('batchId')
    .equals(batchId)
    .modify((entry) => {
      delete entry.batchId;
    });
}

/** Counts one more send attempt for a batch's entries (shown to the kader for stuck entries). */
export async function markAttempt(context: StorageContext, batchId: string): Promise<void> {
  await context.db.outbox
    .where('batchId')
    .equals(batchId)
    .modify((entry) => {
      entry.attempts += 1;
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
  return db.transaction('rw', [db.outbox], async () => {
    let done = 0;
    let rejected = 0;
    for (const result of results) {
      const entry = await db.outbox.where('changeId').equals(result.changeId).first();
      if (!entry || entry.state !== 'pending') continue;
      if (result.status === 'rejected') {
        const error = result.error ?? { code: 'internal' as const, message: 'rejected without a reason' };
        await db.outbox.update(seqOf(entry), { state: 'rejected', error, batchId: undefined });
        rejected += 1;
      } else {
        await db.outbox.delete(seqOf(entry));
        done += 1;
      }
    }
    if (batchId !== undefined) await releaseBatch(context, batchId);
    return { done, rejected };
  });
}

/** Rejects a change locally when the server cannot even receive it (a single change over the size limit). */
export async function rejectLocally(
  context: StorageContext,
  seq: number,
  error: NonNullable<ChangeResult['error']>,
): Promise<void> {
  await context.db.outbox.update(seq, { state: 'rejected', error, batchId: undefined });
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
