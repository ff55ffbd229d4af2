import type Database from 'better-sqlite3';
import type { JudgementStore, ListJudgementState, MonthReportRow } from './judgement-store.ts';

interface StateDbRow {
  posyandu_id: string;
  rules_version: string;
  with_tables: number;
  as_of: string;
  seq: number;
  judged_at: string;
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
              })),
      ),
    listPersonJudgements: (posyanduIds) =>
      exclusive(() =>
        posyanduIds.length === 0
          ? []
          : db
              .prepare<string[], { posyandu_id: string; person_id: string; rows_json: string }>(
                `SELECT posyandu_id, person_id, rows_json FROM list_judgements
                 WHERE posyandu_id IN (${marks(posyanduIds)})`,
              )
              .all(...posyanduIds)
              .map((r) => ({ posyanduId: r.posyandu_id, personId: r.person_id, rowsJson: r.rows_json })),
      ),
    saveListJudgements: (state, people, replaceAll) =>
      exclusive(() => {
        const remove = db.prepare('DELETE FROM list_judgements WHERE posyandu_id = ? AND person_id = ?');
        const insert = db.prepare(
          `INSERT INTO list_judgements (posyandu_id, person_id, rows_json) VALUES (?, ?, ?)
           ON CONFLICT (posyandu_id, person_id) DO UPDATE SET rows_json = excluded.rows_json`,
        );
        db.transaction(() => {
          if (replaceAll) db.prepare('DELETE FROM list_judgements WHERE posyandu_id = ?').run(state.posyanduId);
          for (const p of people) {
            if (p.rowsJson === null) remove.run(state.posyanduId, p.personId);
            else insert.run(state.posyanduId, p.personId, p.rowsJson);
          }
          db.prepare(
            `INSERT INTO list_judgement_states (posyandu_id, rules_version, with_tables, as_of, seq, judged_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (posyandu_id) DO UPDATE SET rules_version = excluded.rules_version,
               with_tables = excluded.with_tables, as_of = excluded.as_of, seq = excluded.seq,
               judged_at = excluded.judged_at`,
          ).run(state.posyanduId, state.rulesVersion, state.withTables ? 1 : 0, state.asOf, state.seq, state.judgedAt);
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
