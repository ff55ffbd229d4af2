import type pg from 'pg';
import { toStoredRows, type JudgementStore, type ListRowsDbRow, type MonthReportRow } from './judgement-store.ts';

interface ReportDbRow {
  posyandu_id: string;
  month: string;
  rules_version: string;
  with_tables: boolean;
  // BIGINT arrives as a string from pg.
  seq: string;
  report_json: string;
  computed_at: Date;
}

/** The 0008 part of the PostgreSQL adapter. */
export function postgresJudgementStore(pool: pg.Pool): JudgementStore {
  return {
    async listListJudgementStates(posyanduIds) {
      if (posyanduIds.length === 0) return [];
      const res = await pool.query<{
        posyandu_id: string;
        rules_version: string;
        with_tables: boolean;
        as_of: string;
        seq: string;
        judged_at: Date;
        counts_json: string;
      }>('SELECT * FROM list_judgement_states WHERE posyandu_id = ANY($1::text[])', [[...posyanduIds]]);
      return res.rows.map((row) => ({
        posyanduId: row.posyandu_id,
        rulesVersion: row.rules_version,
        withTables: row.with_tables,
        asOf: row.as_of,
        seq: Number(row.seq),
        judgedAt: new Date(row.judged_at).toISOString(),
        countsJson: row.counts_json,
      }));
    },
    async listListRows(posyanduIds, list) {
      if (posyanduIds.length === 0) return [];
      const res = await pool.query<ListRowsDbRow>(
        'SELECT * FROM list_judgements WHERE list = $1 AND posyandu_id = ANY($2::text[])',
        [list, [...posyanduIds]],
      );
      return res.rows.map(toStoredRows);
    },
    async listPersonListRows(posyanduId, personIds) {
      if (personIds.length === 0) return [];
      const res = await pool.query<ListRowsDbRow>(
        'SELECT * FROM list_judgements WHERE posyandu_id = $1 AND person_id = ANY($2::text[])',
        [posyanduId, [...personIds]],
      );
      return res.rows.map(toStoredRows);
    },
    async saveListJudgements(state, people, replaceAll) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        if (replaceAll) {
          await client.query('DELETE FROM list_judgements WHERE posyandu_id = $1', [state.posyanduId]);
        } else if (people.length > 0) {
          await client.query('DELETE FROM list_judgements WHERE posyandu_id = $1 AND person_id = ANY($2::text[])', [
            state.posyanduId,
            people.map((p) => p.personId),
          ]);
        }
        const rows = people.flatMap((p) => p.lists.map((l) => ({ personId: p.personId, ...l })));
        // One statement per thousand rows: a whole posyandu's rows in a few round trips.
        for (let i = 0; i < rows.length; i += 1000) {
          const part = rows.slice(i, i + 1000);
          await client.query(
            `INSERT INTO list_judgements (posyandu_id, list, person_id, rows_json)
             SELECT $1, unnest($2::text[]), unnest($3::text[]), unnest($4::text[])`,
            [state.posyanduId, part.map((r) => r.list), part.map((r) => r.personId), part.map((r) => r.rowsJson)],
          );
        }
        await client.query(
          `INSERT INTO list_judgement_states (posyandu_id, rules_version, with_tables, as_of, seq, judged_at,
             counts_json) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (posyandu_id) DO UPDATE SET rules_version = excluded.rules_version,
             with_tables = excluded.with_tables, as_of = excluded.as_of, seq = excluded.seq,
             judged_at = excluded.judged_at, counts_json = excluded.counts_json`,
          [
            state.posyanduId,
            state.rulesVersion,
            state.withTables,
            state.asOf,
            state.seq,
            state.judgedAt,
            state.countsJson,
          ],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listMonthReports(posyanduIds, month, rulesVersion, withTables) {
      if (posyanduIds.length === 0) return [];
      const res = await pool.query<ReportDbRow>(
        `SELECT * FROM month_reports WHERE month = $1 AND rules_version = $2 AND with_tables = $3
           AND posyandu_id = ANY($4::text[])`,
        [month, rulesVersion, withTables, [...posyanduIds]],
      );
      return res.rows.map((r): MonthReportRow => ({
        posyanduId: r.posyandu_id,
        month: r.month,
        rulesVersion: r.rules_version,
        withTables: r.with_tables,
        seq: Number(r.seq),
        reportJson: r.report_json,
        computedAt: new Date(r.computed_at).toISOString(),
      }));
    },
    async saveMonthReport(row) {
      await pool.query(
        `INSERT INTO month_reports (posyandu_id, month, rules_version, with_tables, seq, report_json, computed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (posyandu_id, month, rules_version, with_tables) DO UPDATE SET seq = excluded.seq,
           report_json = excluded.report_json, computed_at = excluded.computed_at`,
        [row.posyanduId, row.month, row.rulesVersion, row.withTables, row.seq, row.reportJson, row.computedAt],
      );
    },
  };
}
