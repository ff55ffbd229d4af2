-- The pustu relay (docs/scaling.md, "The pustu relay"). On the puskesmas: a relay device may push on behalf of the
-- phones of its posyandu and pull with field stamps. On the relay: how far it has forwarded upstream and pulled.
ALTER TABLE devices ADD COLUMN relay BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE relay_state (
  posyandu_id TEXT PRIMARY KEY,
  forwarded_version BIGINT NOT NULL DEFAULT 0,
  upstream_cursor TEXT NOT NULL DEFAULT ''
);

-- Ready for a distributed PostgreSQL (Citus, docs/scaling.md): the idempotency logs and the version history carry
-- the posyandu, the distribution key, in every unique key. A device never changes posyandu, so the backfill is
-- exact.
ALTER TABLE applied_changes ADD COLUMN posyandu_id TEXT;
UPDATE applied_changes a SET posyandu_id = d.posyandu_id FROM devices d WHERE d.id = a.device_id;
UPDATE applied_changes a SET posyandu_id = v.posyandu_id FROM record_versions v
  WHERE a.posyandu_id IS NULL AND v.device_id = a.device_id AND v.change_id = a.change_id;
ALTER TABLE applied_changes ALTER COLUMN posyandu_id SET NOT NULL;
ALTER TABLE applied_changes DROP CONSTRAINT applied_changes_pkey;
ALTER TABLE applied_changes ADD PRIMARY KEY (posyandu_id, device_id, change_id);

ALTER TABLE sync_batches ADD COLUMN posyandu_id TEXT;
UPDATE sync_batches b SET posyandu_id = d.posyandu_id FROM devices d WHERE d.id = b.device_id;
DELETE FROM sync_batches WHERE posyandu_id IS NULL;
ALTER TABLE sync_batches ALTER COLUMN posyandu_id SET NOT NULL;
ALTER TABLE sync_batches DROP CONSTRAINT sync_batches_pkey;
ALTER TABLE sync_batches ADD PRIMARY KEY (posyandu_id, device_id, batch_id);

ALTER TABLE record_versions DROP CONSTRAINT record_versions_pkey;
ALTER TABLE record_versions ADD PRIMARY KEY (posyandu_id, version_id);
CREATE INDEX record_versions_posyandu_record ON record_versions (posyandu_id, table_name, record_id);

-- The records' key leads with the posyandu too. On one node, records_global_id keeps one posyandu per record id
-- (the second of two posyandu creating one id is refused); a distributed database cannot enforce it and drops it
-- (docs/scaling.md), each posyandu then keeping its own copy, isolated as always.
ALTER TABLE records DROP CONSTRAINT records_pkey;
ALTER TABLE records ADD PRIMARY KEY (posyandu_id, table_name, id);
CREATE UNIQUE INDEX records_global_id ON records (table_name, id);
