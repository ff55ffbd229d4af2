-- Puskesmas, posyandu and enrolled devices; the merged records, every version received, and idempotency logs.
CREATE TABLE puskesmas (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE posyandus (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  puskesmas_id TEXT REFERENCES puskesmas (id),
  last_seq BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  posyandu_id TEXT NOT NULL REFERENCES posyandus (id),
  kader_id TEXT NOT NULL,
  kader_name TEXT NOT NULL,
  token_sha256 TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE records (
  table_name TEXT NOT NULL,
  id TEXT NOT NULL,
  posyandu_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  hlc TEXT NOT NULL,
  deleted BOOLEAN NOT NULL DEFAULT FALSE,
  data JSONB NOT NULL,
  field_hlc JSONB NOT NULL,
  PRIMARY KEY (table_name, id)
);

CREATE INDEX records_posyandu_seq ON records (posyandu_id, seq);

CREATE TABLE record_versions (
  version_id BIGSERIAL PRIMARY KEY,
  table_name TEXT NOT NULL,
  record_id TEXT NOT NULL,
  posyandu_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  change_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  op TEXT NOT NULL,
  hlc TEXT NOT NULL,
  data JSONB NOT NULL,
  fields JSONB,
  received_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX record_versions_record ON record_versions (table_name, record_id);

CREATE TABLE applied_changes (
  device_id TEXT NOT NULL,
  change_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  table_name TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (device_id, change_id)
);

CREATE TABLE sync_batches (
  device_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  response TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (device_id, batch_id)
);
