-- A staff account may be scoped to whole desa (every posyandu with that Kemendagri village code, including those
-- created later), and each phone's own report of its health, sent with its pushes (the last report wins).
CREATE TABLE staff_desas (
  staff_id TEXT NOT NULL REFERENCES staff (id),
  village_code TEXT NOT NULL,
  PRIMARY KEY (staff_id, village_code)
);

CREATE INDEX posyandus_village_code ON posyandus (village_code);

CREATE TABLE device_health (
  device_id TEXT PRIMARY KEY REFERENCES devices (id),
  reported_at TIMESTAMPTZ NOT NULL,
  app_version TEXT,
  pending_changes INTEGER,
  rejected_changes INTEGER,
  storage_used_bytes BIGINT,
  storage_quota_bytes BIGINT
);
