-- Issue 14, the PostgreSQL write path. A push wrote every accepted change twice over for idempotency (a
-- record_versions row and an applied_changes row, 1:1) and every new event twice over in content (records.data and
-- the same JSON again in record_versions.data).
-- (1) The version row is the idempotency log: one version per (posyandu, device, change), unique, the distribution
--     key first (docs/scaling.md). Every applied_changes row was written in the same statement as its version row,
--     so the versions already hold every change id that table held, and it goes.
CREATE UNIQUE INDEX record_versions_change ON record_versions (posyandu_id, device_id, change_id);
DROP TABLE applied_changes;
-- (2) An event record never changes once stored (another content is refused, the same is a duplicate), so the
--     version of an event that is exactly the stored record keeps no copy: NULL data reads as the record's data
--     (COALESCE(v.data, r.data) joined on the records key). Versions stored before keep their copy.
ALTER TABLE record_versions ALTER COLUMN data DROP NOT NULL;
