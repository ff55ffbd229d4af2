import type Database from 'better-sqlite3';

/** Rows per statement: 100 rows of 11 columns stay far below SQLite's 32,766 bound parameters. */
export const SQLITE_ROWS_PER_STATEMENT = 100;

/**
 * Multi-row statements, prepared once per row count. A batch of 500 changes made 1,500 single-row statement runs,
 * each a crossing into SQLite with its own bind and step; five runs of 100 rows do the same work (ingest profile,
 * docs/benchmarks.md, issue 14). A batch uses at most two sizes (100 and its remainder), so the cache stays small.
 */
export function bulkStatements(db: Database.Database, sqlFor: (rows: number) => string) {
  const cache = new Map<number, Database.Statement>();
  const statement = (rows: number): Database.Statement => {
    let prepared = cache.get(rows);
    if (!prepared) {
      prepared = db.prepare(sqlFor(rows));
      cache.set(rows, prepared);
    }
    return prepared;
  };
  return {
    /** Runs the statement over every row, 100 at a time; returns the rows SQLite reports changed. */
    run<T>(rows: readonly T[], bind: (row: T, into: unknown[]) => void): number {
      let changed = 0;
      for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_STATEMENT) {
        const chunk = rows.slice(start, start + SQLITE_ROWS_PER_STATEMENT);
        const params: unknown[] = [];
        for (const row of chunk) bind(row, params);
        changed += statement(chunk.length).run(params).changes;
      }
      return changed;
    },
    /** Reads every row the statement finds for the keys, 100 keys at a time. */
    all<T, R>(keys: readonly T[], bind: (key: T, into: unknown[]) => void): R[] {
      const found: R[] = [];
      for (let start = 0; start < keys.length; start += SQLITE_ROWS_PER_STATEMENT) {
        const chunk = keys.slice(start, start + SQLITE_ROWS_PER_STATEMENT);
        const params: unknown[] = [];
        for (const key of chunk) bind(key, params);
        for (const row of statement(chunk.length).all(params) as R[]) found.push(row);
      }
      return found;
    },
  };
}

/** `?, ?, ?`: `count` placeholders. */
export function questionMarks(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** `(?, ?, ?), (?, ?, ?)`: `rows` groups of `columns` placeholders. */
export function placeholders(rows: number, columns: number): string {
  const group = `(${questionMarks(columns)})`;
  return Array.from({ length: rows }, () => group).join(', ');
}
