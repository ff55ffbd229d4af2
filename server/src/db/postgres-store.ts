import pg from 'pg';
import { loadMigrations } from './migrations.ts';
import { postgresDeviceQueries } from './postgres-devices.ts';
import {
  INSERT_VERSIONS_SQL,
  ownedElsewhere,
  postgresBatchQueries,
  recordRowsJson,
  toStoredRecord,
  UPSERT_RECORDS_SQL,
  VERSIONS_OF_RECORD,
  VERSIONS_WITH_DATA,
  versionRowsJson,
  type RecordRow,
} from './postgres-batch.ts';
import {
  areaOf,
  dusunOf,
  RecordOwnedElsewhereError,
  recordKey,
  type AreaColumns,
  toVersionRow,
  type Store,
  type StoreTx,
  type StoredRecord,
  type VersionDbRow,
} from './store.ts';
import { postgresStaffStore } from './postgres-staff-store.ts';
import { postgresStaffWorkStore } from './postgres-staff-work-store.ts';
import { postgresJudgementStore } from './postgres-judgement-store.ts';
import { postgresRecoveryQueries } from './postgres-recovery.ts';
import { WriteGate } from './write-gate.ts';

export { toStoredRecord, type RecordRow } from './postgres-batch.ts';

/** Any number that fits one advisory lock key; it only has to be the same for every server process. */
const MIGRATION_LOCK_KEY = 0x706f7379;

/**
 * Each bulk write is ONE statement: the rows travel as a JSON array and PostgreSQL unpacks them with
 * json_to_recordset, which measured several times faster than a statement per row (docs/stack-notes figures).
 * A push uses readBatchState and writeBatch (server/src/db/postgres-batch.ts): one statement for its reads, one
 * for its writes.
 */
function makeTx(client: pg.PoolClient): StoreTx {
  return {
    ...postgresBatchQueries(client),
    async lockPosyandu(posyanduId) {
      // The row lock serialises batches of one posyandu, so seq numbers become visible in commit order and a
      // pull can never skip a record that commits later with a smaller seq.
      const res = await client.query<{ last_seq: string }>('SELECT last_seq FROM posyandus WHERE id = $1 FOR UPDATE', [
        posyanduId,
      ]);
      const row = res.rows[0];
      if (!row) throw new Error(`unknown posyandu ${posyanduId}`);
      return Number(row.last_seq);
    },
    async setPosyanduSeq(posyanduId, seq) {
      await client.query('UPDATE posyandus SET last_seq = $1 WHERE id = $2', [seq, posyanduId]);
    },
    async findBatchResponse(posyanduId, deviceId, batchId) {
      const res = await client.query<{ response: string }>(
        'SELECT response FROM sync_batches WHERE posyandu_id = $1 AND device_id = $2 AND batch_id = $3',
        [posyanduId, deviceId, batchId],
      );
      return res.rows[0]?.response ?? null;
    },
    async saveBatchResponse(posyanduId, deviceId, batchId, responseJson, receivedAt) {
      await client.query(
        'INSERT INTO sync_batches (posyandu_id, device_id, batch_id, response, received_at) VALUES ($1, $2, $3, $4, $5)',
        [posyanduId, deviceId, batchId, responseJson, receivedAt],
      );
    },
    async findAppliedChangeIds(posyanduId, deviceId, changeIds) {
      if (changeIds.length === 0) return new Set();
      const res = await client.query<{ change_id: string }>(
        'SELECT change_id FROM record_versions WHERE posyandu_id = $1 AND device_id = $2 AND change_id = ANY($3::text[])',
        [posyanduId, deviceId, changeIds],
      );
      return new Set(res.rows.map((r) => r.change_id));
    },
    async loadRecords(keys) {
      const found = new Map<string, StoredRecord>();
      if (keys.length === 0) return found;
      const res = await client.query<RecordRow>(
        `SELECT r.* FROM records r
         JOIN unnest($1::text[], $2::text[]) AS k(table_name, id) ON r.table_name = k.table_name AND r.id = k.id`,
        [keys.map((k) => k.table), keys.map((k) => k.id)],
      );
      for (const row of res.rows) found.set(recordKey(row.table_name, row.id), toStoredRecord(row));
      return found;
    },
    async saveRecords(records) {
      if (records.length === 0) return;
      const res = await client.query(UPSERT_RECORDS_SQL, [recordRowsJson(records)]).catch((error: unknown) => {
        throw ownedElsewhere(error);
      });
      if (res.rowCount !== records.length) throw new RecordOwnedElsewhereError();
    },
    async insertVersions(versions) {
      if (versions.length === 0) return;
      await client.query(INSERT_VERSIONS_SQL, [versionRowsJson(versions)]);
    },
  };
}

/** Bounds so that a stuck database or a lost connection fails one request instead of piling requests up. */
export const POSTGRES_POOL_LIMITS = {
  max: 10,
  /**
   * Batches in their transaction at once (server/src/db/write-gate.ts); the others wait their turn in memory. On
   * two cores more writers only contend for the same CPU and row locks; the rest of the pool serves pulls.
   */
  writers: 4,
  /**
   * Opening a new connection. Waiting for a busy one to come free has no limit: under load a request waits its
   * turn (issue 14: the pool's shared 5 s limit answered 500 at 1,000 phones); a database that does not answer is
   * still noticed here, and by the statement timeout.
   */
  connectionTimeoutMillis: 5_000,
  /** Any one statement, lock waits included: a batch is about 10 statements of milliseconds each. */
  statementTimeoutMillis: 30_000,
  /** A transaction left open by a stalled request holds the posyandu's row lock; PostgreSQL ends it. */
  idleInTransactionTimeoutMillis: 30_000,
  idleTimeoutMillis: 30_000,
} as const;

export type PostgresPoolLimits = { [K in keyof typeof POSTGRES_POOL_LIMITS]: number };

export function openPostgresStore(connectionString: string, overrides: Partial<PostgresPoolLimits> = {}): Store {
  const limits: PostgresPoolLimits = { ...POSTGRES_POOL_LIMITS, ...overrides };
  // pg's pool applies its connectionTimeoutMillis both to opening a connection and to waiting in its queue; the
  // client's own option bounds only the opening, so the pool gets none and each client it opens gets ours.
  const connectTimeout = limits.connectionTimeoutMillis;
  class ConnectBoundedClient extends pg.Client {
    // The pool always passes its options; the types say it may not.
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeout });
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: limits.max,
    Client: ConnectBoundedClient,
    connectionTimeoutMillis: 0,
    idleTimeoutMillis: limits.idleTimeoutMillis,
    statement_timeout: limits.statementTimeoutMillis,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMillis,
  });
  // An idle client losing its connection (a database restart) must not take the server down with it; the pool
  // drops that client by itself.
  pool.on('error', () => undefined);
  const writers = new WriteGate(Math.min(limits.writers, limits.max));

  async function withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    // A checked-out client whose connection drops emits 'error' besides failing its query; with no listener that
    // event would crash the process. The failed query already carries the error to the request.
    let lost: unknown = null;
    const onError = (error: unknown) => {
      lost = error;
    };
    client.on('error', onError);
    try {
      return await work(client);
    } finally {
      client.off('error', onError);
      // A client that lost its connection is destroyed, not handed to the next request.
      client.release(lost instanceof Error ? lost : undefined);
    }
  }

  async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
    await client.query('BEGIN');
    try {
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  return {
    ...postgresStaffStore(pool),
    ...postgresStaffWorkStore(pool),
    ...postgresJudgementStore(pool),
    dialect: 'postgres',
    migrate: () =>
      withClient(async (client) => {
        // Two servers starting at once must not both apply the same migration.
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          await client.query(
            'CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)',
          );
          const res = await client.query<{ version: string }>('SELECT version FROM schema_migrations');
          const applied = new Set(res.rows.map((r) => r.version));
          const done: string[] = [];
          for (const migration of loadMigrations('postgres')) {
            if (applied.has(migration.version)) continue;
            await inTransaction(client, async () => {
              await client.query(migration.sql);
              await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())', [
                migration.version,
              ]);
            });
            done.push(migration.version);
          }
          return done;
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      }),
    transaction: (work) => writers.run(() => withClient((client) => inTransaction(client, () => work(makeTx(client))))),
    async createPuskesmas(row) {
      await pool.query('INSERT INTO puskesmas (id, name) VALUES ($1, $2)', [row.id, row.name]);
    },
    async createPosyandu(row) {
      const a = row.area;
      await pool.query(
        `INSERT INTO posyandus (id, name, puskesmas_id, desa, province_code, regency_code, district_code, village_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          row.id,
          row.name,
          row.puskesmasId,
          a?.desa ?? null,
          a?.provinceCode ?? null,
          a?.regencyCode ?? null,
          a?.districtCode ?? null,
          a?.villageCode ?? null,
        ],
      );
    },
    async getPosyandu(id) {
      const res = await pool.query<
        { id: string; name: string; puskesmas_id: string | null; dusun: string } & AreaColumns
      >(
        `SELECT id, name, puskesmas_id, desa, province_code, regency_code, district_code, village_code, dusun
         FROM posyandus WHERE id = $1`,
        [id],
      );
      const row = res.rows[0];
      if (!row) return null;
      return {
        id: row.id,
        name: row.name,
        puskesmasId: row.puskesmas_id,
        area: areaOf(row),
        dusun: dusunOf(row.dusun),
      };
    },
    async countPosyandus() {
      const res = await pool.query<{ n: string }>('SELECT count(*) AS n FROM posyandus');
      return Number(res.rows[0]?.n ?? 0);
    },
    ...postgresDeviceQueries(pool, (work) => withClient((client) => inTransaction(client, () => work(client)))),
    ...postgresRecoveryQueries(pool),
    async listRecordsAfter(posyanduId, afterSeq, limit) {
      const res = await pool.query<RecordRow>(
        'SELECT * FROM records WHERE posyandu_id = $1 AND seq > $2 ORDER BY seq, table_name, id LIMIT $3',
        [posyanduId, afterSeq, limit],
      );
      return res.rows.map(toStoredRecord);
    },
    async countRecordsAfter(posyanduId, afterSeq) {
      const res = await pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM records WHERE posyandu_id = $1 AND seq > $2',
        [posyanduId, afterSeq],
      );
      return Number(res.rows[0]?.n ?? 0);
    },
    async countVersions(table, recordId) {
      const res = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM record_versions WHERE ${VERSIONS_OF_RECORD}`,
        [table, recordId],
      );
      return Number(res.rows[0]?.n ?? 0);
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async listVersions(table, recordId) {
      const res = await pool.query<VersionDbRow>(VERSIONS_WITH_DATA, [table, recordId]);
      return res.rows.map(toVersionRow);
    },
    async close() {
      await pool.end();
    },
  };
}
