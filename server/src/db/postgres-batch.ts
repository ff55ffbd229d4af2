import type pg from 'pg';
import { versionRepeatsItsRecord } from './event-version-copy.ts';
import { encodeFieldStamps, fieldStampsFrom } from './field-stamps.ts';
import { booleanArray, integerArray, jsonArray, textArray } from './postgres-arrays.ts';
import {
  RecordOwnedElsewhereError,
  recordKey,
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
  /** Either shape of server/src/db/field-stamps.ts: grouped by stamp (the push's write) or field by field. */
  field_hlc: unknown;
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
    fieldHlc: fieldStampsFrom(row.field_hlc),
  };
}

/**
 * The records upsert. The key is (posyandu_id, table_name, id), the distribution key first (docs/scaling.md), so
 * an upsert only ever meets its own posyandu's row. On one node the unique index records_global_id also holds one
 * posyandu per id: when two posyandu create one id at once, the second waits on it and then fails (23505).
 * json, not jsonb: a jsonb parameter is first built into one jsonb value for the whole array, ids and stamps
 * included, before each row is taken apart again; json_to_recordset reads the text once (issue 14: the two bulk
 * inserts about a third faster, docs/benchmarks.md). The data columns are json too since migration 0013.
 */
export const UPSERT_RECORDS_SQL = `INSERT INTO records (table_name, id, posyandu_id, seq, hlc, deleted, data, field_hlc)
  SELECT * FROM json_to_recordset($1::json) AS x(table_name text, id text, posyandu_id text, seq bigint,
    hlc text, deleted boolean, data json, field_hlc json)
  ON CONFLICT (posyandu_id, table_name, id) DO UPDATE SET seq = excluded.seq,
    hlc = excluded.hlc, deleted = excluded.deleted, data = excluded.data, field_hlc = excluded.field_hlc`;

export const INSERT_VERSIONS_SQL = `INSERT INTO record_versions (table_name, record_id, posyandu_id, device_id,
    change_id, batch_id, op, hlc, data, fields, received_at)
  SELECT * FROM json_to_recordset($1::json) AS x(table_name text, record_id text, posyandu_id text,
    device_id text, change_id text, batch_id text, op text, hlc text, data json, fields json,
    received_at timestamptz)`;

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

/**
 * The versions of one record ($1 table, $2 id), by way of its posyandu: the index record_versions_posyandu_record
 * starts with the distribution key, and the one without it is gone (migration 0011). A record never changes
 * posyandu, and its versions carry the posyandu it belongs to.
 */
export const VERSIONS_OF_RECORD = `posyandu_id IN (SELECT posyandu_id FROM records WHERE table_name = $1 AND id = $2)
  AND table_name = $1 AND record_id = $2`;

/**
 * Every version of one record ($1 table, $2 id), oldest first, each with its data: an event's version stored
 * without a copy (NULL, migration 0012) reads as its record's, which never changes. The record is joined on its
 * whole key, the distribution key first, so this stays a co-located join on a distributed database.
 */
export const VERSIONS_WITH_DATA = `SELECT v.table_name, v.record_id, v.posyandu_id, v.device_id, v.change_id,
    v.batch_id, v.op, v.hlc, COALESCE(v.data, r.data) AS data, v.fields, v.received_at
  FROM record_versions v
  LEFT JOIN records r ON r.posyandu_id = v.posyandu_id AND r.table_name = v.table_name AND r.id = v.record_id
  WHERE v.posyandu_id IN (SELECT posyandu_id FROM records WHERE table_name = $1 AND id = $2)
    AND v.table_name = $1 AND v.record_id = $2
  ORDER BY v.version_id`;

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
  ARRAY(SELECT change_id FROM record_versions
        WHERE posyandu_id = $1 AND device_id = $2 AND change_id = ANY($4::text[])) AS applied,
  (SELECT coalesce(json_agg(r), '[]'::json) FROM (SELECT r.* FROM records r
     JOIN unnest($5::text[], $6::text[]) AS k(table_name, id) ON r.table_name = k.table_name AND r.id = k.id) r
  ) AS records`;

// All writes in ONE statement: data-modifying CTEs all run to completion, in one snapshot, whether or not the
// outer SELECT reads them. They touch different rows, so their order does not matter. Each column travels as
// one array (server/src/db/postgres-arrays.ts); what is the same for the whole batch (posyandu, device, batch,
// time) travels once. The version row is also the idempotency log: its unique index record_versions_change
// (migration 0012) replaced applied_changes, which held the same change ids.
// The records the batch's read found (BatchWrites.stored, $21-$27) are updated, the new ones ($2-$8) inserted: no
// ON CONFLICT, whose arbiter check searched the key index once more for every new record before inserting into it
// (docs/postgres-storage.md), and each record's columns are unpacked by one of the two only. The read ran under the
// posyandu's row lock, so no other batch of the posyandu can have created one since; another posyandu creating the
// same id meets records_global_id (23505) as before, and a row the update misses makes the count short: either
// way the transaction rolls back and the batch runs again.
const WRITE_SQL = `WITH saved AS (
    INSERT INTO records (table_name, id, posyandu_id, seq, hlc, deleted, data, field_hlc)
    SELECT x.table_name, x.id, $1, x.seq, x.hlc, x.deleted, x.data, x.field_hlc
    FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::boolean[], $7::json[], $8::json[])
      AS x(table_name, id, seq, hlc, deleted, data, field_hlc)
    RETURNING 1),
  updated AS (
    UPDATE records r SET seq = x.seq, hlc = x.hlc, deleted = x.deleted, data = x.data, field_hlc = x.field_hlc
    FROM unnest($21::text[], $22::text[], $23::bigint[], $24::text[], $25::boolean[], $26::json[], $27::json[])
      AS x(table_name, id, seq, hlc, deleted, data, field_hlc)
    WHERE r.posyandu_id = $1 AND r.table_name = x.table_name AND r.id = x.id
    RETURNING 1),
  versions AS (
    INSERT INTO record_versions (table_name, record_id, posyandu_id, device_id, change_id, batch_id, op, hlc, data,
      fields, received_at)
    SELECT x.table_name, x.record_id, $1, $9, x.change_id, $10, x.op, x.hlc, x.data, x.fields, $11::timestamptz
    FROM unnest($12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::json[], $18::json[])
      AS x(table_name, record_id, change_id, op, hlc, data, fields)),
  seq AS (UPDATE posyandus SET last_seq = $19::bigint WHERE id = $1 AND $19::bigint IS NOT NULL),
  batch AS (INSERT INTO sync_batches (posyandu_id, device_id, batch_id, response, received_at)
            VALUES ($1, $9, $10, $20, $11))
  SELECT ((SELECT count(*) FROM saved) + (SELECT count(*) FROM updated))::int AS saved`;

/** The seven record columns of WRITE_SQL, for its insert or its update. */
function recordColumns(records: readonly StoredRecord[]): unknown[] {
  return [
    textArray(records.map((r) => r.table)),
    textArray(records.map((r) => r.id)),
    integerArray(records.map((r) => r.seq)),
    textArray(records.map((r) => r.hlc)),
    booleanArray(records.map((r) => r.deleted)),
    jsonArray(records.map((r) => JSON.stringify(r.data))),
    // Grouped by stamp (field-stamps.ts, as SQLite stores them): a new person repeated its one 59-character stamp
    // for each of its 13 fields, 930 of its 1,687 bytes (docs/postgres-storage.md).
    jsonArray(records.map((r) => encodeFieldStamps(r.fieldHlc))),
  ];
}

/**
 * The parameters of WRITE_SQL. A version of a new event whose content is exactly its record's (the usual case:
 * the phone's claims are its token's) is stored with NULL data, read back as the record's (migration 0012): any
 * difference at all (event-version-copy.ts), a claim or a stamp the server rewrote, keeps the copy.
 */
export function writeParams(w: BatchWrites): unknown[] {
  const saved = new Map<string, StoredRecord>();
  const inserted: StoredRecord[] = [];
  const updated: StoredRecord[] = [];
  for (const r of w.records) {
    // The posyandu travels once: every record and version of a batch is the sender's posyandu's.
    if (r.posyanduId !== w.posyanduId) throw new Error('a batch writes records of its own posyandu only');
    const key = recordKey(r.table, r.id);
    saved.set(key, r);
    (w.stored.has(key) ? updated : inserted).push(r);
  }
  const versionData = w.versions.map((v) => {
    const same = v.posyanduId === w.posyanduId && v.deviceId === w.deviceId && v.batchId === w.batchId;
    if (!same || v.receivedAt !== w.receivedAt) {
      throw new Error('a batch writes versions of its own device, batch and time only');
    }
    return versionRepeatsItsRecord(v, saved.get(recordKey(v.table, v.recordId))) ? null : JSON.stringify(v.data);
  });
  return [
    w.posyanduId,
    ...recordColumns(inserted),
    w.deviceId,
    w.batchId,
    w.receivedAt,
    textArray(w.versions.map((v) => v.table)),
    textArray(w.versions.map((v) => v.recordId)),
    textArray(w.versions.map((v) => v.changeId)),
    textArray(w.versions.map((v) => v.op)),
    textArray(w.versions.map((v) => v.hlc)),
    jsonArray(versionData),
    jsonArray(w.versions.map((v) => (v.fields === null ? null : JSON.stringify(v.fields)))),
    w.lastSeq,
    w.responseJson,
    ...recordColumns(updated),
  ];
}

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
        textArray(changeIds),
        textArray(keys.map((k) => k.table)),
        textArray(keys.map((k) => k.id)),
      ]);
      const row = res.rows[0];
      const loaded = new Map<string, StoredRecord>();
      for (const record of row?.records ?? [])
        loaded.set(recordKey(record.table_name, record.id), toStoredRecord(record));
      return { previousResponse: row?.response ?? null, applied: new Set(row?.applied ?? []), loaded };
    },
    async writeBatch(w) {
      // Named, so each connection parses it once and, after five runs, keeps a generic plan: planning it for every
      // push was about 4 % of PostgreSQL's CPU (docs/postgres-storage.md). The read stays unnamed: its generic plan
      // joined the keys to a scan of records (180 µs a record instead of 11).
      const res = await client
        .query<{ saved: number }>({ name: 'push-write', text: WRITE_SQL, values: writeParams(w) })
        .catch((error: unknown) => {
          throw ownedElsewhere(error);
        });
      // A row another posyandu holds under the distribution key is not touched by the upsert: fewer rows saved.
      if (res.rows[0]?.saved !== w.records.length) throw new RecordOwnedElsewhereError();
    },
  };
}
