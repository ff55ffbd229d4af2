import Database from 'better-sqlite3';
import { decodeFieldStamps, encodeFieldStamps } from './field-stamps.ts';
import { loadMigrations } from './migrations.ts';
import { sqliteGroupCommit } from './sqlite-group-commit.ts';
import { sqliteDeviceQueries } from './sqlite-devices.ts';
import { sqliteStaffStore } from './sqlite-staff-store.ts';
import { sqliteStaffWorkStore } from './sqlite-staff-work-store.ts';
import { sqliteJudgementStore } from './sqlite-judgement-store.ts';
import { sqliteRecoveryQueries } from './sqlite-recovery.ts';
import { versionRepeatsItsRecord } from './event-version-copy.ts';
import { dataOfLeanText, leanDataText } from './sqlite-record-json.ts';
import { type SqliteVersionDbRow, toSqliteVersionRow, VERSION_COLUMNS, VERSIONS_JOINED } from './sqlite-versions.ts';
import {
  areaOf,
  dusunOf,
  RecordOwnedElsewhereError,
  recordKey,
  type AreaColumns,
  type PosyanduRow,
  type Store,
  type StoreTx,
  type StoredRecord,
  type VersionRow,
} from './store.ts';

export interface RecordRow {
  table_name: string;
  id: string;
  posyandu_id: string;
  seq: number;
  hlc: string;
  deleted: number;
  data: string;
  field_hlc: string;
}

export function toStoredRecord(row: RecordRow): StoredRecord {
  return {
    table: row.table_name,
    id: row.id,
    posyanduId: row.posyandu_id,
    seq: row.seq,
    hlc: row.hlc,
    deleted: row.deleted === 1,
    data: dataOfLeanText(row.data, { id: row.id, posyanduId: row.posyandu_id, hlc: row.hlc }),
    fieldHlc: decodeFieldStamps(row.field_hlc),
  };
}

/**
 * better-sqlite3 is synchronous and has one connection, while the services are async (for PostgreSQL). Every
 * operation therefore runs through one queue, so that a pull can never read a batch's uncommitted writes and
 * two batches never interleave inside one transaction.
 */
export function openSqliteStore(
  file: string,
  /** Only bench/sqlite-synchronous.bench.ts passes NORMAL, to measure what FULL costs; the server never does. */
  options: { synchronous?: 'FULL' | 'NORMAL' } = {},
): Store {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before its answer leaves, so a power cut (common at a puskesmas) cannot roll back
  // a batch the phone has already dropped from its outbox. NORMAL in WAL mode may lose the last commits.
  db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A batch writes about 1 MB; checkpointing (and its fsync) every 4 MB of WAL cost a third of ingest time. Let the
  // WAL grow to 64 MB between checkpoints, and trim it back to that size afterwards.
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 16384');
  db.pragma('journal_size_limit = 67108864');

  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  const lazy = <T>(make: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  const stmt = {
    lockPosyandu: lazy(() => db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM posyandus WHERE id = ?')),
    setSeq: lazy(() => db.prepare('UPDATE posyandus SET last_seq = ? WHERE id = ?')),
    findBatch: lazy(() =>
      db.prepare<[string, string], { response: string }>(
        'SELECT response FROM sync_batches WHERE device_id = ? AND batch_id = ?',
      ),
    ),
    saveBatch: lazy(() =>
      db.prepare('INSERT INTO sync_batches (device_id, batch_id, response, received_at) VALUES (?, ?, ?, ?)'),
    ),
    // record_versions holds one row per applied change, unique by (device_id, change_id) (migration 0012).
    findApplied: lazy(() =>
      db.prepare<[string, string], { change_id: string }>(
        'SELECT change_id FROM record_versions WHERE device_id = ? AND change_id = ?',
      ),
    ),
    loadRecord: lazy(() =>
      db.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE table_name = ? AND id = ?'),
    ),
    saveRecord: lazy(() =>
      db.prepare(
        `INSERT INTO records (table_name, id, posyandu_id, seq, hlc, deleted, data, field_hlc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (table_name, id) DO UPDATE SET seq = excluded.seq,
           hlc = excluded.hlc, deleted = excluded.deleted, data = excluded.data, field_hlc = excluded.field_hlc
           WHERE records.posyandu_id = excluded.posyandu_id`,
      ),
    ),
    insertVersion: lazy(() =>
      db.prepare(
        `INSERT INTO record_versions (table_name, record_id, posyandu_id, device_id, change_id, batch_id, op, hlc,
           data, fields, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    ),
  };

  const tx: StoreTx = {
    // One connection in-process: the separate statements cost no round trips, so the bulk calls just run them.
    async readBatchState(posyanduId, deviceId, batchId, changeIds, keys) {
      return {
        previousResponse: await tx.findBatchResponse(posyanduId, deviceId, batchId),
        applied: await tx.findAppliedChangeIds(posyanduId, deviceId, changeIds),
        loaded: await tx.loadRecords(keys),
      };
    },
    async writeBatch(w) {
      await tx.saveRecords(w.records);
      // An event's version keeps no copy of the data its new record holds (event-version-copy.ts).
      const saved = new Map(w.records.map((r) => [recordKey(r.table, r.id), r]));
      insertVersionRows(w.versions, (v) => versionRepeatsItsRecord(v, saved.get(recordKey(v.table, v.recordId))));
      if (w.lastSeq !== null) await tx.setPosyanduSeq(w.posyanduId, w.lastSeq);
      await tx.saveBatchResponse(w.posyanduId, w.deviceId, w.batchId, w.responseJson, w.receivedAt);
    },
    async lockPosyandu(posyanduId) {
      // BEGIN IMMEDIATE already holds SQLite's single write lock; reading the row is all that is left.
      const row = stmt.lockPosyandu().get(posyanduId);
      if (!row) throw new Error(`unknown posyandu ${posyanduId}`);
      return row.last_seq;
    },
    async setPosyanduSeq(posyanduId, seq) {
      stmt.setSeq().run(seq, posyanduId);
    },
    async findBatchResponse(_posyanduId, deviceId, batchId) {
      return stmt.findBatch().get(deviceId, batchId)?.response ?? null;
    },
    async saveBatchResponse(_posyanduId, deviceId, batchId, responseJson, receivedAt) {
      stmt.saveBatch().run(deviceId, batchId, responseJson, receivedAt);
    },
    async findAppliedChangeIds(_posyanduId, deviceId, changeIds) {
      const found = new Set<string>();
      const find = stmt.findApplied();
      for (const id of changeIds) if (find.get(deviceId, id)) found.add(id);
      return found;
    },
    async loadRecords(keys) {
      const found = new Map<string, StoredRecord>();
      const load = stmt.loadRecord();
      for (const key of keys) {
        const row = load.get(key.table, key.id);
        if (row) found.set(recordKey(key.table, key.id), toStoredRecord(row));
      }
      return found;
    },
    async saveRecords(records: readonly StoredRecord[]) {
      const save = stmt.saveRecord();
      for (const r of records) {
        // One writer at a time makes the race impossible here; the guard keeps both databases to the same rule.
        const { changes } = save.run(
          r.table,
          r.id,
          r.posyanduId,
          r.seq,
          r.hlc,
          r.deleted ? 1 : 0,
          leanDataText(r.data, r),
          encodeFieldStamps(r.fieldHlc),
        );
        if (changes !== 1) throw new RecordOwnedElsewhereError();
      }
    },
    async insertVersions(versions: readonly VersionRow[]) {
      insertVersionRows(versions, () => false);
    },
  };

  function insertVersionRows(versions: readonly VersionRow[], dataInRecord: (v: VersionRow) => boolean): void {
    const insert = stmt.insertVersion();
    for (const v of versions) {
      insert.run(
        v.table,
        v.recordId,
        v.posyanduId,
        v.deviceId,
        v.changeId,
        v.batchId,
        v.op,
        v.hlc,
        dataInRecord(v) ? null : leanDataText(v.data, { id: v.recordId, posyanduId: v.posyanduId, hlc: v.hlc }),
        v.fields ? JSON.stringify(v.fields) : null,
        v.receivedAt,
      );
    }
  }

  return {
    ...sqliteStaffStore(db, exclusive),
    ...sqliteStaffWorkStore(db, exclusive),
    ...sqliteJudgementStore(db, exclusive),
    dialect: 'sqlite',
    migrate: () =>
      exclusive(() => {
        db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
        const applied = new Set(
          db
            .prepare<[], { version: string }>('SELECT version FROM schema_migrations')
            .all()
            .map((r) => r.version),
        );
        const done: string[] = [];
        for (const migration of loadMigrations('sqlite')) {
          if (applied.has(migration.version)) continue;
          db.transaction(() => {
            db.exec(migration.sql);
            db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
              migration.version,
              new Date().toISOString(),
            );
          })();
          done.push(migration.version);
        }
        return done;
      }),
    transaction: sqliteGroupCommit(db, exclusive, tx),
    createPuskesmas: (row) =>
      exclusive(() => {
        db.prepare('INSERT INTO puskesmas (id, name) VALUES (?, ?)').run(row.id, row.name);
      }),
    createPosyandu: (row) =>
      exclusive(() => {
        const a = row.area;
        db.prepare(
          `INSERT INTO posyandus (id, name, puskesmas_id, desa, province_code, regency_code, district_code, village_code)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          row.id,
          row.name,
          row.puskesmasId,
          a?.desa ?? null,
          a?.provinceCode ?? null,
          a?.regencyCode ?? null,
          a?.districtCode ?? null,
          a?.villageCode ?? null,
        );
      }),
    getPosyandu: (id) =>
      exclusive(() => {
        const row = db
          .prepare<[string], { id: string; name: string; puskesmas_id: string | null; dusun: string } & AreaColumns>(
            `SELECT id, name, puskesmas_id, desa, province_code, regency_code, district_code, village_code, dusun
             FROM posyandus WHERE id = ?`,
          )
          .get(id);
        return row
          ? ({
              id: row.id,
              name: row.name,
              puskesmasId: row.puskesmas_id,
              area: areaOf(row),
              dusun: dusunOf(row.dusun),
            } satisfies PosyanduRow)
          : null;
      }),
    countPosyandus: () =>
      exclusive(() => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM posyandus').get()?.n ?? 0),
    ...sqliteDeviceQueries(db, exclusive),
    ...sqliteRecoveryQueries(db, exclusive),
    listRecordsAfter: (posyanduId, afterSeq, limit) =>
      exclusive(() =>
        db
          .prepare<[string, number, number], RecordRow>(
            'SELECT * FROM records WHERE posyandu_id = ? AND seq > ? ORDER BY seq, table_name, id LIMIT ?',
          )
          .all(posyanduId, afterSeq, limit)
          .map(toStoredRecord),
      ),
    countRecordsAfter: (posyanduId, afterSeq) =>
      exclusive(
        () =>
          db
            .prepare<[string, number], { n: number }>(
              'SELECT count(*) AS n FROM records WHERE posyandu_id = ? AND seq > ?',
            )
            .get(posyanduId, afterSeq)?.n ?? 0,
      ),
    countVersions: (table, recordId) =>
      exclusive(
        () =>
          db
            .prepare<[string, string], { n: number }>(
              'SELECT count(*) AS n FROM record_versions WHERE table_name = ? AND record_id = ?',
            )
            .get(table, recordId)?.n ?? 0,
      ),
    ping: () =>
      exclusive(() => {
        db.prepare('SELECT 1').get();
      }),
    listVersions: (table, recordId) =>
      exclusive(() =>
        db
          .prepare<[string, string], SqliteVersionDbRow>(
            `SELECT ${VERSION_COLUMNS} FROM ${VERSIONS_JOINED} WHERE v.table_name = ? AND v.record_id = ?
             ORDER BY v.version_id`,
          )
          .all(table, recordId)
          .map(toSqliteVersionRow),
      ),
    close: () =>
      exclusive(() => {
        db.close();
      }),
  };
}
