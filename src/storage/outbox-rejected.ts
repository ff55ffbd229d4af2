import { Dexie } from 'dexie';
import type { ChangeResult } from '../../protocol/sync.ts';
import type { TableName } from '../../protocol/tables.ts';
import { loadWireSchemas } from '../../protocol/wire-schemas.ts';
import { newRecordId } from '../platform/ids.ts';
import type { OutboxEntry } from './db.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { fromPersonRow, toPersonRow } from './search-terms.ts';
import { IssueCollector } from './validate.ts';
import { adjustSyncCounts } from './outbox-counts.ts';
import { asEntries, asEntry, serialiseChange, wireChange } from './outbox-wire.ts';
import type { StorageContext } from './write-context.ts';

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

/** Rejects a change locally when the server cannot even receive it (a single change over the size limit). */
export async function rejectLocally(
  context: StorageContext,
  seq: number,
  error: NonNullable<ChangeResult['error']>,
): Promise<void> {
  const { db } = context;
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    const row = await db.outbox.get(seq);
    if (row?.state !== 'pending') return;
    await adjustSyncCounts(db, -1, 1);
    await db.outbox.put({ ...asEntry(row), state: 'rejected', error });
  });
}

/** The "Perlu diperiksa" list: every rejected change with its record and the server's reason, oldest first. */
export async function listRejected(context: StorageContext): Promise<RejectedChange[]> {
  const entries = await context.db.outbox
    .where('[state+seq]')
    .between(['rejected', Dexie.minKey], ['rejected', Dexie.maxKey])
    .toArray();
  return asEntries(entries).map((entry) => ({
    ...changeFields(entry),
    seq: seqOf(entry),
    table: entry.table,
    recordId: entry.recordId,
    op: entry.op,
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
  const { TABLES } = await loadWireSchemas();
  return db.transaction('rw', [...new Set([db.outbox, db.meta, db.households, table])], async () => {
    const stored = await db.outbox.get(seq);
    if (!stored || stored.state !== 'rejected') throw new NotFoundError('outbox', String(seq));
    const current = asEntry(stored);
    let { record, fields } = changeFields(current);
    if (correction) {
      const scope = await context.beginWrite();
      const row = await table.get(current.recordId);
      const issues = new IssueCollector();
      const candidate = {
        ...record,
        ...correction,
        id: current.recordId,
        posyanduId: scope.enrollment.posyanduId,
        recordedBy: { kaderId: scope.enrollment.kaderId, deviceId: scope.enrollment.deviceId },
        recordedAt: scope.recordedAt,
        hlc: scope.clock.after(maxStamp(row?.hlc, record.hlc)),
      };
      const parsed = issues.parse(TABLES[current.table].schema, candidate) as Record<string, unknown> | null;
      issues.throwIfAny();
      if (!parsed) throw new ValidationError([]);
      record = parsed;
      if (fields) fields = [...new Set([...fields, ...Object.keys(correction)])];
      await writeCorrectedRow(context, current, row, record, fields);
      await scope.finish();
    }
    await adjustSyncCounts(db, 1, -1);
    await db.outbox.delete(seq);
    const changeId = newRecordId();
    const { wire, bytes } = serialiseChange({ changeId, table: current.table, op: current.op, record, fields });
    const replacement: OutboxEntry = {
      changeId,
      table: current.table,
      recordId: current.recordId,
      op: current.op,
      wire,
      ...(typeof record.hlc === 'string' ? { hlc: record.hlc } : {}),
      createdAt: new Date().toISOString(),
      attempts: 0,
      state: 'pending',
      bytes,
    };
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

function seqOf(entry: OutboxEntry): number {
  return entry.seq as number;
}

/** The record and edited fields of an entry, parsed from its wire text. */
function changeFields(entry: OutboxEntry): { record: Record<string, unknown>; fields?: string[] } {
  const { record, fields } = wireChange(entry);
  return fields ? { record, fields } : { record };
}

function maxStamp(a: unknown, b: unknown): string | undefined {
  const stamps = [a, b].filter((s): s is string => typeof s === 'string');
  return stamps.sort().at(-1);
}
