-- Issue 14: record_versions kept two indexes on a record's versions, (table_name, record_id) from 0001 and
-- (posyandu_id, table_name, record_id) from 0007, and every version received paid for both. The queries by record
-- now name the record's posyandu (found through records_global_id, one posyandu per id), so the index that starts
-- with the distribution key serves them (docs/scaling.md) and the other one goes.
DROP INDEX IF EXISTS record_versions_record;
