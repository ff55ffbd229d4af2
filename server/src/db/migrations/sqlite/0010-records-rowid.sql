-- Issue 14: the records table as an ordinary rowid table, its key (table_name, id) a unique index. As a WITHOUT
-- ROWID table every record (about 1 KB of JSON) lived inside the primary key's B-tree, which SQLite advises only
-- for rows far smaller than a page: inserting 5,000 records into a table of 35,000 took 8 times as long as into
-- this shape (docs/benchmarks.md, issue 14). Same columns, same keys, same indexes, same rows.
CREATE TABLE records_by_rowid (
  table_name TEXT NOT NULL,
  id TEXT NOT NULL,
  posyandu_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL,
  field_hlc TEXT NOT NULL,
  UNIQUE (table_name, id)
);

INSERT INTO records_by_rowid (table_name, id, posyandu_id, seq, hlc, deleted, data, field_hlc)
  SELECT table_name, id, posyandu_id, seq, hlc, deleted, data, field_hlc FROM records ORDER BY posyandu_id, seq;

DROP TABLE records;
ALTER TABLE records_by_rowid RENAME TO records;

CREATE INDEX records_posyandu_seq ON records (posyandu_id, seq);
CREATE INDEX records_posyandu_table ON records (posyandu_id, table_name, deleted);
