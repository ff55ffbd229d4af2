import type { OutboxEntry } from './db.ts';

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
