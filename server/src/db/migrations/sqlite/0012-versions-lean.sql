-- Issue 14, SQLite ingest (docs/benchmarks.md, h29). Two things every applied change wrote twice:
-- 1. applied_changes was one row per record_versions row (both written for every applied change), only to find a
--    device's repeated change ids. record_versions answers that itself through a unique index on
--    (device_id, change_id) (a relay forwards in the phone's name, so device_id is always the phone's), and the
--    table goes: one B-tree insert and ~165 bytes less per change.
-- 2. record_versions.data may now be NULL: an event's version whose content is its record's keeps no second copy
--    (server/src/db/sqlite-versions.ts); readers take COALESCE(v.data, r.data). Existing versions keep their data
--    (readers handle both), so the migration only copies the table to drop the NOT NULL (SQLite cannot alter it).
-- version_id is copied as it is: the relay's forwarding watermark counts it.
CREATE TABLE record_versions_lean (
  version_id INTEGER PRIMARY KEY,
  table_name TEXT NOT NULL,
  record_id TEXT NOT NULL,
  posyandu_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  change_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  op TEXT NOT NULL,
  hlc TEXT NOT NULL,
  data TEXT,
  fields TEXT,
  received_at TEXT NOT NULL
);

INSERT INTO record_versions_lean (version_id, table_name, record_id, posyandu_id, device_id, change_id, batch_id, op,
    hlc, data, fields, received_at)
  SELECT version_id, table_name, record_id, posyandu_id, device_id, change_id, batch_id, op, hlc, data, fields,
    received_at FROM record_versions ORDER BY version_id;

DROP TABLE record_versions;
ALTER TABLE record_versions_lean RENAME TO record_versions;

CREATE INDEX record_versions_record ON record_versions (table_name, record_id);
CREATE UNIQUE INDEX record_versions_device_change ON record_versions (device_id, change_id);

DROP TABLE applied_changes;
