-- Puskesmas staff: accounts, their sessions, the posyandu a scoped account may see, the audit trail; the desa and
-- Kemendagri codes of a posyandu (so phones need not type them) (the revocation of a device is 0002's).
ALTER TABLE posyandus ADD COLUMN desa TEXT;
ALTER TABLE posyandus ADD COLUMN province_code TEXT;
ALTER TABLE posyandus ADD COLUMN regency_code TEXT;
ALTER TABLE posyandus ADD COLUMN district_code TEXT;
ALTER TABLE posyandus ADD COLUMN village_code TEXT;


CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  puskesmas_id TEXT NOT NULL REFERENCES puskesmas (id),
  name TEXT NOT NULL,
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'read-only')),
  password_hash TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE staff_posyandus (
  staff_id TEXT NOT NULL REFERENCES staff (id),
  posyandu_id TEXT NOT NULL REFERENCES posyandus (id),
  PRIMARY KEY (staff_id, posyandu_id)
);

CREATE TABLE staff_sessions (
  id_sha256 TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff (id),
  csrf_token TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
  staff_id TEXT,
  username TEXT,
  action TEXT NOT NULL,
  target TEXT,
  address TEXT
);

CREATE INDEX sync_batches_device_received ON sync_batches (device_id, received_at);

-- The staff lists read one table of one posyandu at a time.
CREATE INDEX records_posyandu_table ON records (posyandu_id, table_name, deleted);
