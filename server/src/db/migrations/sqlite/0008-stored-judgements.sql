-- What the puskesmas side computed, kept so a restarted server answers from it instead of judging 30,000 people
-- and reading three years of records again (docs/puskesmas.md, "Stored judgements"). Both are derived data: any
-- row may be dropped and is computed again; the rules version and the posyandu seq say when a row is out of date.

-- Per posyandu: which day, rules and records (seq) its stored list rows were judged for.
CREATE TABLE list_judgement_states (
  posyandu_id TEXT PRIMARY KEY REFERENCES posyandus (id),
  rules_version TEXT NOT NULL,
  with_tables INTEGER NOT NULL,
  as_of TEXT NOT NULL,
  seq INTEGER NOT NULL,
  judged_at TEXT NOT NULL,
  -- How many rows each list holds (JSON object): the dashboard reads these and no row.
  counts_json TEXT NOT NULL
) WITHOUT ROWID;

-- Per list and resident on it: her rows of that list (JSON array); a resident on no list has no row. Keyed by
-- list first, so one list of a whole puskesmas is one range read.
CREATE TABLE list_judgements (
  posyandu_id TEXT NOT NULL REFERENCES posyandus (id),
  list TEXT NOT NULL,
  person_id TEXT NOT NULL,
  rows_json TEXT NOT NULL,
  PRIMARY KEY (posyandu_id, list, person_id)
) WITHOUT ROWID;

CREATE INDEX list_judgements_person ON list_judgements (posyandu_id, person_id);

-- Per posyandu-month: the monthly report (JSON) computed from the records up to the posyandu's seq.
CREATE TABLE month_reports (
  posyandu_id TEXT NOT NULL REFERENCES posyandus (id),
  month TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  with_tables INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  report_json TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (posyandu_id, month, rules_version, with_tables)
) WITHOUT ROWID;
