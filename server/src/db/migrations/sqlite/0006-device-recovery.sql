-- Recovery of a forgotten PIN: the phone's recovery code R, encrypted to the puskesmas recovery key (never R in
-- clear). One row per device; a new upload (after a recovery, R rotated) replaces the old one.
CREATE TABLE device_recovery (
  device_id TEXT PRIMARY KEY REFERENCES devices (id),
  key_id TEXT NOT NULL,
  recovery_id TEXT NOT NULL,
  ciphertext TEXT NOT NULL,
  received_at TEXT NOT NULL,
  -- When staff last had R printed (admin recover-device); the audit_log row says the same with its actor.
  revealed_at TEXT
);
