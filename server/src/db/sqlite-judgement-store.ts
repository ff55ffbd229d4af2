import type Database from 'better-sqlite3';
import {
  toStoredRows,
  type JudgementStore,
  type ListJudgementState,
  type ListRowsDbRow,
  type MonthReportRow,
} from './judgement-store.ts';

interface StateDbRow {
  posyandu_id: string;
  rules_version: string;
  with_tables: number;
  as_of: string;
  seq: number;
  judged_at: string;
  counts_json: string;
}

interface ReportDbRow {
  posyandu_id: string;
  month: string;
  rules_version: string;
  with_tables: number;
  seq: number;
  report_json: string;
  computed_at: string;
}

const marks = (ids: readonly string[]) => ids.map(() => '?').join(', ');

/** The 0008 part of the SQLite adapter, through the adapter's one queue like the rest. */
export function sqliteJudgementStore(
  db: Database.Database,
  exclusive: <T>(work: () => T | Promise<T>) => Promise<T>,
): JudgementStore {
  return {
    listListJudgementStates: (posyanduIds) =>
      exclusive(() =>
        posyanduIds.length === 0
          ? []
          : db
              .prepare<string[], StateDbRow>(
                `SELECT * FROM list_judgement_states WHERE posyandu_id IN (${marks(posyanduIds)})`,
              )
              .all(...posyanduIds)
              .map((row): ListJudgementState => ({
                posyanduId: row.posyandu_id,
                rulesVersion: row.rules_version,
                withTables: row.with_tables === 1,
                asOf: row.as_of,
                seq: Number(row.seq),
                judgedAt: row.judged_at,
                countsJson: row.counts_json,
              })),
      ),
    listListRows: (posyanduIds, list) =>
      exclusive(() =>
        posyanduIds.length === 0
          ? []
          : db
              .prepare<string[], ListRowsDbRow>(
                `SELECT * FROM list_judgements WHERE list = ? AND posyandu_id IN (${marks(posyanduIds)})`,
              )
              .all(list, ...posyanduIds)
              .map(toStoredRows),
      ),
    listPersonListRows: (posyanduId, personIds) =>
      exclusive(() =>
        personIds.length === 0
          ? []
          : db
              .prepare<string[], ListRowsDbRow>(
                `SELECT * FROM list_judgements INDEXED BY list_judgements_person
                 WHERE posyandu_id = ? AND person_id IN (${marks(personIds)})`,
              )
              .all(posyanduId, ...personIds)
              .map(toStoredRows),
      ),
    saveListJudgements: (state, people, replaceAll) =>
      exclusive(() => {
        const remove = db.prepare('DELETE FROM list_judgements WHERE posyandu_id = ? AND person_id = ?');
        const insert = db.prepare(
          'INSERT INTO list_judgements (posyandu_id, list, person_id, rows_json) VALUES (?, ?, ?, ?)',
        );
        db.transaction(() => {
          if (replaceAll) db.prepare('DELETE FROM list_judgements WHERE posyandu_id = ?').run(state.posyanduId);
          for (const p of people) {
            if (!replaceAll) remove.run(state.posyanduId, p.personId);
            for (const l of p.lists) insert.run(state.posyanduId, l.list, p.personId, l.rowsJson);
          }
          db.prepare(
            `INSERT INTO list_judgement_states (posyandu_id, rules_version, with_tables, as_of, seq, judged_at,
               counts_json) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (posyandu_id) DO UPDATE SET rules_version = excluded.rules_version,
               with_tables = excluded.with_tables, as_of = excluded.as_of, seq = excluded.seq,
               judged_at = excluded.judged_at, counts_json = excluded.counts_json`,
          ).run(
            state.posyanduId,
            state.rulesVersion,
            state.withTables ? 1 : 0,
            state.asOf,
            state.seq,
            state.judgedAt,
            state.countsJson,
          );
        })();
      }),
    listMonthReports: (posyanduIds, month, rulesVersion, withTables) =>
      exclusive(() => {
        if (posyanduIds.length === 0) return [];
        return db
          .prepare<(string | number)[], ReportDbRow>(
            `SELECT * FROM month_reports WHERE month = ? AND rules_version = ? AND with_tables = ?
               AND posyandu_id IN (${marks(posyanduIds)})`,
          )
          .all(month, rulesVersion, withTables ? 1 : 0, ...posyanduIds)
          .map((r): MonthReportRow => ({
            posyanduId: r.posyandu_id,
            month: r.month,
            rulesVersion: r.rules_version,
            withTables: r.with_tables === 1,
            seq: Number(r.seq),
            reportJson: r.report_json,
            computedAt: r.computed_at,
          }));
      }),
    saveMonthReport: (row) =>
      exclusive(() => {
        db.prepare(
          `INSERT INTO month_reports (posyandu_id, month, rules_version, with_tables, seq, report_json, computed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (posyandu_id, month, rules_version, with_tables) DO UPDATE SET seq = excluded.seq,
             report_json = excluded.report_json, computed_at = excluded.computed_at`,
        ).run(
          row.posyanduId,
          row.month,
          row.rulesVersion,
          row.withTables ? 1 : 0,
          row.seq,
          row.reportJson,
          row.computedAt,
        );
      }),
  };
}
