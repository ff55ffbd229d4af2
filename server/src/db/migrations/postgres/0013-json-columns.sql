-- Issue 14, the PostgreSQL write path: the record and version contents are stored as json (the text as the server
-- wrote it), not jsonb. No query looks inside them but the staff store's data->>'personId', which json answers too;
-- every reader parses them in Node. Building jsonb from each value (parse, then convert, sort and deduplicate keys)
-- was about a seventh of PostgreSQL's CPU in a push (docs/postgres-storage.md).
ALTER TABLE records ALTER COLUMN data TYPE json USING data::json,
  ALTER COLUMN field_hlc TYPE json USING field_hlc::json;
ALTER TABLE record_versions ALTER COLUMN data TYPE json USING data::json,
  ALTER COLUMN fields TYPE json USING fields::json;
