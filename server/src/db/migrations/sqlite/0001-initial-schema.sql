-- Puskesmas, posyandu and enrolled devices; the merged records, every version received, and idempotency logs.
CREATE TABLE puskesmas (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE posyandus (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  puskesmas_id TEXT REFERENCES puskesmas (id),
  last_seq INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  posyandu_id TEXT NOT NULL REFERENCES posyandus (id),
  kader_id TEXT NOT NULL,
  kader_name TEXT NOT NULL,
  token_sha256 TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE records (
  table_name TEXT NOT NULL,
  id TEXT NOT NULL,
  posyandu_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL,
  field_hlc TEXT NOT NULL,
  PRIMARY KEY (table_name, id)
) WITHOUT ROWID;

CREATE INDEX records_posyandu_seq ON records (posyandu_id, seq);

CREATE TABLE record_versions (
  version_id INTEGER PRIMARY KEY,
  table_name TEXT NOT NULL,
  record_id TEXT NOT NULL,
  posyandu_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  change_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  op TEXT NOT NULL,
  hlc TEXT NOT NULL,
  data TEXT NOT NULL,
  fields TEXT,
  received_at TEXT NOT NULL
);

CREATE INDEX record_versions_record ON record_versions (table_name, record_id);

CREATE TABLE applied_changes (
  device_id TEXT NOT NULL,
  change_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  table_name TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (device_id, change_id)
) WITHOUT ROWID;

CREATE TABLE sync_batches (
  device_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  response TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (device_id, batch_id)
) WITHOUT ROWID;
