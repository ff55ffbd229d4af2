import { isEventTableName } from '../../../protocol/tables.ts';
import type { VersionRow } from './store.ts';

/**
 * How SQLite keeps record_versions.data (migration 0012). An event is immutable (a resend with other content is
 * rejected, with the same content it is a duplicate), so the version that created it says exactly what its record
 * row says: writing the same ~480 bytes of JSON twice was a fifth of the bytes every event cost (issue 14). Such a
 * version keeps NULL, and every reader takes the record's data in its place. Versions written before 0012, and any
 * version whose content differs from its record in the least (a phone claiming another kader, a stamp brought back
 * to the server's clock), keep their own copy: readers handle both.
 */
export const VERSION_COLUMNS = `v.version_id, v.table_name, v.record_id, v.posyandu_id, v.device_id, v.change_id,
  v.batch_id, v.op, v.hlc, COALESCE(v.data, r.data) AS data, v.fields, v.received_at`;

/** record_versions as v joined to its record as r, for VERSION_COLUMNS; the join uses records' unique key. */
export const VERSIONS_JOINED = `record_versions v LEFT JOIN records r ON r.table_name = v.table_name AND r.id = v.record_id`;

/**
 * True when the version of an event may be stored without its data: the record saved in the same batch holds
 * the same content. A shallow comparison (the record is built by spreading what the phone sent, so equal fields
 * are the same values) with a JSON comparison for the nested ones; any doubt keeps the copy.
 */
export function dataFromRecord(version: VersionRow, record: { data: Record<string, unknown> } | undefined): boolean {
  if (!record || version.op !== 'upsert' || !isEventTableName(version.table)) return false;
  const sent = version.data;
  const kept = record.data;
  const keys = Object.keys(sent);
  if (keys.length !== Object.keys(kept).length) return false;
  for (const key of keys) {
    const a = sent[key];
    const b = kept[key];
    if (a === b) continue;
    if (a === undefined || b === undefined || typeof a !== 'object' || typeof b !== 'object') return false;
    if (JSON.stringify(a) !== JSON.stringify(b)) return false;
  }
  return true;
}
