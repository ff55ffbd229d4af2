import type { LegacyOutboxRow, OutboxEntry, StoredOutboxRow } from './db.ts';

/** The change as the push body carries it. */
export interface WireChange {
  changeId: string;
  table: string;
  op: 'upsert' | 'delete';
  record: Record<string, unknown>;
  fields?: string[];
}

const encoder = new TextEncoder();

/** The wire text of a change and its UTF-8 size: the one serialisation a queued change gets. */
export function serialiseChange(change: WireChange): { wire: string; bytes: number } {
  const wire = JSON.stringify({
    changeId: change.changeId,
    table: change.table,
    op: change.op,
    record: change.record,
    ...(change.fields ? { fields: change.fields } : {}),
  });
  return { wire, bytes: encoder.encode(wire).length };
}

/** The change an entry carries, parsed: for the few readers that need the record itself (rejected, re-stamp). */
export function wireChange(entry: OutboxEntry): WireChange {
  return JSON.parse(entry.wire) as WireChange;
}

function isLegacy(row: StoredOutboxRow): row is LegacyOutboxRow {
  return typeof (row as Partial<OutboxEntry>).wire !== 'string';
}

/**
 * An outbox row as the code reads it: a version-2 row as it is, a row queued by version 1 (the change as an
 * object) given its wire text, byte size unchanged. Only read: such a row is rewritten only when it changes
 * anyway (rejected, re-stamped), so the upgrade never has to open sealed rows.
 */
export function asEntry(row: StoredOutboxRow): OutboxEntry {
  if (!isLegacy(row)) return row;
  const { record, fields, ...rest } = row;
  const { wire } = serialiseChange({ changeId: row.changeId, table: row.table, op: row.op, record, fields });
  const hlc = typeof record.hlc === 'string' ? record.hlc : undefined;
  return { ...rest, wire, ...(hlc === undefined ? {} : { hlc }) };
}

export function asEntries(rows: readonly StoredOutboxRow[]): OutboxEntry[] {
  return rows.map(asEntry);
}

/**
 * The push body with the batch's changes spliced in as stored: `rest` is everything else of the body (an object
 * with at least one field). Equal, once parsed, to JSON.stringify of the whole body.
 */
export function pushBodyText(rest: Record<string, unknown>, entries: readonly OutboxEntry[]): string {
  const head = JSON.stringify(rest);
  const changes = `"changes":[${entries.map((entry) => entry.wire).join(',')}]`;
  return head === '{}' ? `{${changes}}` : `{${changes},${head.slice(1)}`;
}
