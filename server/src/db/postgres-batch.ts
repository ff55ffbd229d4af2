import type pg from 'pg';
import {
  RecordOwnedElsewhereError,
  recordKey,
  type AppliedChangeRow,
  type BatchState,
  type BatchWrites,
  type StoredRecord,
  type VersionRow,
} from './store.ts';

/** A records row as PostgreSQL returns it (seq is a bigint: text from a column, a number from json_agg). */
export interface RecordRow {
  table_name: string;
  id: string;
  posyandu_id: string;
  seq: string | number;
  hlc: string;
  deleted: boolean;
  data: Record<string, unknown>;
  field_hlc: Record<string, string>;
}

export function toStoredRecord(row: RecordRow): StoredRecord {
  return {
    table: row.table_name,
    id: row.id,
    posyanduId: row.posyandu_id,
    seq: Number(row.seq),
    hlc: row.hlc,
    deleted: row.deleted,
    data: row.data,
    fieldHlc: row.field_hlc,
  };
}

/**
 * The records upsert. The key is (posyandu_id, table_name, id), the distribution key first (docs/scaling.md), so
 * an upsert only ever meets its own posyandu's row. On one node the unique index records_global_id also holds one
 * posyandu per id: when two posyandu create one id at once, the second waits on it and then fails (23505).
 * json, not jsonb: a jsonb parameter is first built into one jsonb value for the whole array, ids and stamps
 * included, before each row is taken apart again; json_to_recordset reads the text once and builds jsonb only for
 * the data columns (issue 14: the two bulk inserts about a third faster, docs/benchmarks.md).
 */
export const UPSERT_RECORDS_SQL = `INSERT INTO records (table_name, id, posyandu_id, seq, hlc, deleted, data, field_hlc)
  SELECT * FROM json_to_recordset($1::json) AS x(table_name text, id text, posyandu_id text, seq bigint,
    hlc text, deleted boolean, data jsonb, field_hlc jsonb)
  ON CONFLICT (posyandu_id, table_name, id) DO UPDATE SET seq = excluded.seq,
    hlc = excluded.hlc, deleted = excluded.deleted, data = excluded.data, field_hlc = excluded.field_hlc`;

export const INSERT_VERSIONS_SQL = `INSERT INTO record_versions (table_name, record_id, posyandu_id, device_id,
    change_id, batch_id, op, hlc, data, fields, received_at)
  SELECT * FROM json_to_recordset($1::json) AS x(table_name text, record_id text, posyandu_id text,
    device_id text, change_id text, batch_id text, op text, hlc text, data jsonb, fields jsonb,
    received_at timestamptz)`;

export const INSERT_APPLIED_SQL = `INSERT INTO applied_changes (posyandu_id, device_id, change_id, batch_id,
    table_name, record_id)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`;

export function recordRowsJson(records: readonly StoredRecord[]): string {
  return JSON.stringify(
    records.map((r) => ({
      table_name: r.table,
      id: r.id,
      posyandu_id: r.posyanduId,
      seq: r.seq,
      hlc: r.hlc,
      deleted: r.deleted,
      data: r.data,
      field_hlc: r.fieldHlc,
    })),
  );
}

export function versionRowsJson(versions: readonly VersionRow[]): string {
  return JSON.stringify(
    versions.map((v) => ({
      table_name: v.table,
      record_id: v.recordId,
      posyandu_id: v.posyanduId,
      device_id: v.deviceId,
      change_id: v.changeId,
      batch_id: v.batchId,
      op: v.op,
      hlc: v.hlc,
      data: v.data,
      fields: v.fields,
      received_at: v.receivedAt,
    })),
  );
}

export function appliedColumns(changes: readonly AppliedChangeRow[]): string[][] {
  return [
    changes.map((c) => c.posyanduId),
    changes.map((c) => c.deviceId),
    changes.map((c) => c.changeId),
    changes.map((c) => c.batchId),
    changes.map((c) => c.table),
    changes.map((c) => c.recordId),
  ];
}

/**
 * The versions of one record ($1 table, $2 id), by way of its posyandu: the index record_versions_posyandu_record
 * starts with the distribution key, and the one without it is gone (migration 0011). A record never changes
 * posyandu, and its versions carry the posyandu it belongs to.
 */
export const VERSIONS_OF_RECORD = `posyandu_id IN (SELECT posyandu_id FROM records WHERE table_name = $1 AND id = $2)
  AND table_name = $1 AND record_id = $2`;

/** Shifts a statement's $n placeholders by `by`, so that several statements can share one parameter list. */
function shifted(sql: string, by: number): string {
  return sql.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + by}`);
}

/** The records unique index that keeps one posyandu per id; a violation means another posyandu created it. */
export function ownedElsewhere(error: unknown): unknown {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === '23505' && pgError.constraint === 'records_global_id'
    ? new RecordOwnedElsewhereError()
    : error;
}

// All reads in ONE statement. It runs after the posyandu's row lock, in a statement of its own: under READ
// COMMITTED its snapshot is taken after the lock was granted, so it sees every batch of the posyandu that committed
// before (a read folded into the locking statement would not, and a batch sent twice at once would apply twice).
const READ_SQL = `SELECT
  (SELECT response FROM sync_batches WHERE posyandu_id = $1 AND device_id = $2 AND batch_id = $3) AS response,
  ARRAY(SELECT change_id FROM applied_changes
        WHERE posyandu_id = $1 AND device_id = $2 AND change_id = ANY($4::text[])) AS applied,
  (SELECT coalesce(json_agg(r), '[]'::json) FROM (SELECT r.* FROM records r
     JOIN unnest($5::text[], $6::text[]) AS k(table_name, id) ON r.table_name = k.table_name AND r.id = k.id) r
  ) AS records`;

// All writes in ONE statement: data-modifying CTEs all run to completion, in one snapshot, whether or not the
// outer SELECT reads them. They touch different tables, so their order does not matter.
const WRITE_SQL = `WITH saved AS (${UPSERT_RECORDS_SQL} RETURNING 1),
  versions AS (${shifted(INSERT_VERSIONS_SQL, 1)}),
  applied AS (${shifted(INSERT_APPLIED_SQL, 2)}),
  seq AS (UPDATE posyandus SET last_seq = $9::bigint WHERE id = $10 AND $9::bigint IS NOT NULL),
  batch AS (INSERT INTO sync_batches (posyandu_id, device_id, batch_id, response, received_at)
            VALUES ($10, $11, $12, $13, $14))
  SELECT (SELECT count(*) FROM saved)::int AS saved`;

export function postgresBatchQueries(client: pg.PoolClient): {
  readBatchState: (
    posyanduId: string,
    deviceId: string,
    batchId: string,
    changeIds: readonly string[],
    keys: readonly { table: string; id: string }[],
  ) => Promise<BatchState>;
  writeBatch: (writes: BatchWrites) => Promise<void>;
} {
  return {
    async readBatchState(posyanduId, deviceId, batchId, changeIds, keys) {
      const res = await client.query<{ response: string | null; applied: string[]; records: RecordRow[] }>(READ_SQL, [
        posyanduId,
        deviceId,
        batchId,
        changeIds,
        keys.map((k) => k.table),
        keys.map((k) => k.id),
      ]);
      const row = res.rows[0];
      const loaded = new Map<string, StoredRecord>();
      for (const record of row?.records ?? [])
        loaded.set(recordKey(record.table_name, record.id), toStoredRecord(record));
      return { previousResponse: row?.response ?? null, applied: new Set(row?.applied ?? []), loaded };
    },
    async writeBatch(w) {
      const res = await client
        .query<{ saved: number }>(WRITE_SQL, [
          recordRowsJson(w.records),
          versionRowsJson(w.versions),
          ...appliedColumns(w.applied),
          w.lastSeq,
          w.posyanduId,
          w.deviceId,
          w.batchId,
          w.responseJson,
          w.receivedAt,
        ])
        .catch((error: unknown) => {
          throw ownedElsewhere(error);
        });
      // A row another posyandu holds under the distribution key is not touched by the upsert: fewer rows saved.
      if (res.rows[0]?.saved !== w.records.length) throw new RecordOwnedElsewhereError();
    },
  };
}
