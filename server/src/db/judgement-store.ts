/**
 * Migration 0008: what the puskesmas side computed, stored so a restarted server need not compute it again
 * (docs/puskesmas.md, "Stored judgements"). Derived data only: the services decide when a row is out of date.
 */

/** Which day, rules and records one posyandu's stored list rows were judged for. */
export interface ListJudgementState {
  posyanduId: string;
  rulesVersion: string;
  withTables: boolean;
  asOf: string;
  /** The posyandu's record seq the rows include: records above it are not judged yet. */
  seq: number;
  judgedAt: string;
  /** How many rows each list holds, as JSON (the services own its shape). */
  countsJson: string;
}

/** One resident's rows of one list, as JSON text (the services own their shape). */
export interface StoredListRows {
  posyanduId: string;
  list: string;
  personId: string;
  rowsJson: string;
}

/** A list_judgements row as both databases return it. */
export interface ListRowsDbRow {
  posyandu_id: string;
  list: string;
  person_id: string;
  rows_json: string;
}

export const toStoredRows = (r: ListRowsDbRow): StoredListRows => ({
  posyanduId: r.posyandu_id,
  list: r.list,
  personId: r.person_id,
  rowsJson: r.rows_json,
});

/** One resident judged again: her rows per list she is on (none: she is on no list, or no longer a resident). */
export interface PersonJudgement {
  personId: string;
  lists: readonly { list: string; rowsJson: string }[];
}

export interface MonthReportRow {
  posyanduId: string;
  month: string;
  rulesVersion: string;
  withTables: boolean;
  seq: number;
  reportJson: string;
  computedAt: string;
}

export interface JudgementStore {
  /** The states of these posyandu (one query for a whole puskesmas); a posyandu never judged has none. */
  listListJudgementStates(posyanduIds: readonly string[]): Promise<ListJudgementState[]>;
  /** The stored rows of one list over these posyandu. */
  listListRows(posyanduIds: readonly string[], list: string): Promise<StoredListRows[]>;
  /** Every stored row of these residents of one posyandu, on any list. */
  listPersonListRows(posyanduId: string, personIds: readonly string[]): Promise<StoredListRows[]>;
  /**
   * In one transaction: writes the state and replaces the given people's rows; `replaceAll` first drops every
   * stored row of the posyandu (a whole posyandu judged again).
   */
  saveListJudgements(state: ListJudgementState, people: readonly PersonJudgement[], replaceAll: boolean): Promise<void>;
  /** The stored reports of these posyandu for one month, rules version and tables, whatever their seq. */
  listMonthReports(
    posyanduIds: readonly string[],
    month: string,
    rulesVersion: string,
    withTables: boolean,
  ): Promise<MonthReportRow[]>;
  saveMonthReport(row: MonthReportRow): Promise<void>;
}
