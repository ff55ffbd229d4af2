/**
 * How SQLite reads record_versions.data (migration 0012): an event's version that repeats its record keeps NULL
 * (event-version-copy.ts) and reads the record's data in its place; versions written before 0012 keep their own
 * copy: readers handle both.
 */
export const VERSION_COLUMNS = `v.version_id, v.table_name, v.record_id, v.posyandu_id, v.device_id, v.change_id,
  v.batch_id, v.op, v.hlc, COALESCE(v.data, r.data) AS data, v.fields, v.received_at`;

/** record_versions as v joined to its record as r, for VERSION_COLUMNS; the join uses records' unique key. */
export const VERSIONS_JOINED = `record_versions v LEFT JOIN records r ON r.table_name = v.table_name AND r.id = v.record_id`;
