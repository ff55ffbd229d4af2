import { dataOfLeanText } from './sqlite-record-json.ts';
import { toVersionRow, type VersionDbRow, type VersionRow } from './store.ts';

/**
 * How SQLite reads record_versions.data (migration 0012): an event's version that repeats its record keeps NULL
 * (event-version-copy.ts) and reads the record's data in its place; versions written before 0012 keep their own
 * copy: readers handle both. The record's text may leave out the values its columns hold (sqlite-record-json.ts),
 * and so may a version's own text: the columns come along to put them back. Read rows through
 * `toSqliteVersionRow`.
 */
export const VERSION_COLUMNS = `v.version_id, v.table_name, v.record_id, v.posyandu_id, v.device_id, v.change_id,
  v.batch_id, v.op, v.hlc, v.data, r.data AS record_data, r.posyandu_id AS record_posyandu_id, r.hlc AS record_hlc,
  v.fields, v.received_at`;

/** record_versions as v joined to its record as r, for VERSION_COLUMNS; the join uses records' unique key. */
export const VERSIONS_JOINED = `record_versions v LEFT JOIN records r ON r.table_name = v.table_name AND r.id = v.record_id`;

/** A row of VERSION_COLUMNS. */
export interface SqliteVersionDbRow extends VersionDbRow {
  data: string | null;
  record_data: string | null;
  record_posyandu_id: string | null;
  record_hlc: string | null;
}

export function toSqliteVersionRow(row: SqliteVersionDbRow): VersionRow {
  const version = toVersionRow({ ...row, data: null });
  if (row.data !== null) {
    version.data = dataOfLeanText(row.data, { id: row.record_id, posyanduId: row.posyandu_id, hlc: row.hlc });
  } else if (row.record_data !== null) {
    version.data = dataOfLeanText(row.record_data, {
      id: row.record_id,
      posyanduId: row.record_posyandu_id ?? row.posyandu_id,
      hlc: row.record_hlc ?? row.hlc,
    });
  }
  return version;
}
