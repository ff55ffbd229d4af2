-- Issue 14, the PostgreSQL write path: lighter writes for every push. Every record and version received was
-- inserted into seven B-trees, index inserts being about 45 % of PostgreSQL's CPU in a push
-- (docs/postgres-storage.md); two of them serve no query that the key does not serve as well.
-- (1) records_posyandu_table (posyandu_id, table_name, deleted): the staff lists and counts read one table of one
--     posyandu, which the key's own prefix (posyandu_id, table_name) finds; deleted is filtered on the rows.
DROP INDEX IF EXISTS records_posyandu_table;
-- (2) record_versions' key (posyandu_id, version_id) was read by no query (a record's history comes by
--     record_versions_posyandu_record, sorted on version_id there; PostgreSQL has no relay store). The unique
--     change key (posyandu_id, device_id, change_id), the idempotency log since 0012, becomes the key in its place:
--     the distribution key still leads it (docs/scaling.md) and version_id keeps its sequence and order.
ALTER TABLE record_versions DROP CONSTRAINT record_versions_pkey;
ALTER TABLE record_versions ADD CONSTRAINT record_versions_change PRIMARY KEY USING INDEX record_versions_change;
-- (3) A batch's stored answer (sync_batches.response, about 70 kB for 1,000 changes) is compressed on its way to
--     TOAST; pglz was 2 % of PostgreSQL's samples in a push, lz4 0.2 % for the same WAL bytes. Only where this
--     PostgreSQL was built with lz4 (Debian's and the official packages are): elsewhere the column keeps pglz.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE sync_batches ALTER COLUMN response SET COMPRESSION lz4;
  END IF;
END
$$;
