-- Revocable and rotated device tokens, and one-time enrollment codes exchanged for a token bound to one phone.
ALTER TABLE devices ADD COLUMN revoked_at TIMESTAMPTZ;

CREATE TABLE enrollment_codes (
  code_sha256 TEXT PRIMARY KEY,
  posyandu_id TEXT NOT NULL REFERENCES posyandus (id),
  kader_id TEXT NOT NULL,
  kader_name TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at TIMESTAMPTZ,
  device_id TEXT
);

-- A rotated token waits here until the phone first uses it; until then the old one keeps working, so a lost
-- answer to the rotation never locks the phone out.
ALTER TABLE devices ADD COLUMN next_token_sha256 TEXT;
CREATE UNIQUE INDEX devices_next_token ON devices (next_token_sha256);

-- A device made by exchanging a one-time code is one phone; one made for an offline code may be several phones
-- sharing the code, so the server cannot leave "its own" writes out of its pulls (they may be another phone's).
ALTER TABLE devices ADD COLUMN single_phone BOOLEAN NOT NULL DEFAULT FALSE;
