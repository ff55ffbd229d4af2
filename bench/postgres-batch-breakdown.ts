// Where one batch of 1,000 goes on PostgreSQL, for bench/server-ingest.bench.ts: Node's CPU by step (parsing the
// body, validation, the rest of apply-batch, building the write's parameters) and PostgreSQL's by statement
// (pg_stat_statements), the WAL a record costs by kind (pg_walinspect: heap rows, B-tree entries, commits) and
// each index's growth. Counted over 10 batches and printed per batch and per record: CPU time and bytes follow
// the machine's load much less than wall time does. Needs pg_stat_statements preloaded and a superuser (the
// bench's private server); elsewhere it says what is missing and prints Node's share only.
import type pg from 'pg';
import { PROTOCOL_VERSION, type Change } from '../protocol/index.ts';
import { writeParams } from '../server/src/db/postgres-batch.ts';
import type { BatchWrites, Store } from '../server/src/db/store.ts';
import { inBatches } from '../server/src/seed/seed-changes.ts';
import { applyBatch, type IncomingBatch } from '../server/src/services/apply-batch.ts';
import { validateChange, type Sender } from '../server/src/services/validate-change.ts';

interface Seed {
  changes: readonly Change[];
  sender: Sender;
}

/** Microseconds of this process's CPU (user and system) that `work` takes. */
function cpuOf(work: () => void): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return used.user + used.system;
}

/** The store with every batch's writes kept, so their parameters can be built again outside the timed run. */
function capturingStore(store: Store, kept: BatchWrites[]): Store {
  return {
    ...store,
    transaction: (work) =>
      store.transaction((tx) =>
        work({
          ...tx,
          writeBatch: (writes) => {
            kept.push(writes);
            return tx.writeBatch(writes);
          },
        }),
      ),
  };
}

async function tryQuery<R extends pg.QueryResultRow>(admin: pg.Client, sql: string, values: unknown[] = []) {
  try {
    return (await admin.query<R>(sql, values)).rows;
  } catch {
    return null;
  }
}

const INDEX_SIZES = `SELECT c.relname AS name, pg_relation_size(c.oid)::bigint AS bytes FROM pg_class c
  JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_class t ON t.oid = i.indrelid
  WHERE t.relname IN ('records', 'record_versions', 'sync_batches') UNION ALL
  SELECT relname, pg_relation_size(oid)::bigint FROM pg_class WHERE relname IN ('records', 'record_versions')`;

export async function postgresBatchBreakdown(
  store: Store,
  admin: pg.Client,
  dbCpu: () => number,
  seed: Seed,
  batchSize: number,
): Promise<string[]> {
  const batches = inBatches([...seed.changes], batchSize);
  const count = seed.changes.length;
  const per = (micros: number) =>
    `${((micros * batchSize) / count / 1000).toFixed(1).padStart(6)} ms a batch ` +
    `${(micros / count).toFixed(1).padStart(6)} µs a record`;
  const bodies = batches.map((changes, i) =>
    JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: seed.sender.deviceId, batchId: `bd-${i}`, changes }),
  );
  let parsed: IncomingBatch[] = [];
  const parse = cpuOf(() => {
    parsed = bodies.map((body) => JSON.parse(body) as IncomingBatch);
  });
  const now = Date.now();
  const validation = cpuOf(() => {
    for (const batch of parsed) for (const change of batch.changes) validateChange(change, seed.sender, now);
  });

  const extensions =
    (await tryQuery(admin, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements')) !== null &&
    (await tryQuery(admin, 'CREATE EXTENSION IF NOT EXISTS pg_walinspect')) !== null &&
    (await tryQuery(admin, 'SELECT pg_stat_statements_reset()')) !== null;
  const sizesBefore = new Map(
    (await admin.query<{ name: string; bytes: string }>(INDEX_SIZES)).rows.map((r) => [r.name, Number(r.bytes)]),
  );
  const lsnBefore = (await admin.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]
    ?.lsn;
  const kept: BatchWrites[] = [];
  const capturing = capturingStore(store, kept);
  const dbBefore = dbCpu();
  const nodeBefore = process.cpuUsage();
  for (const batch of parsed) {
    const response = await applyBatch(capturing, seed.sender, batch);
    if (response.results.some((r) => r.status !== 'applied')) throw new Error('breakdown: a change was not applied');
  }
  const nodeUsed = process.cpuUsage(nodeBefore);
  const dbUsed = dbCpu() - dbBefore;
  const lsnAfter = (await admin.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]?.lsn;
  const walBytes = Number(
    (await admin.query<{ bytes: string }>('SELECT pg_wal_lsn_diff($1, $2)::text AS bytes', [lsnAfter, lsnBefore]))
      .rows[0]?.bytes,
  );
  const build = cpuOf(() => {
    for (const writes of kept) writeParams(writes);
  });
  const applyAll = nodeUsed.user + nodeUsed.system;

  const lines = [
    `one batch of ${batchSize.toLocaleString('en-US')}, counted over ${batches.length} batches (${count.toLocaleString('en-US')} new records)`,
    `  Node CPU, apply-batch whole (validation and parameters included) ${per(applyAll)}`,
    `    parsing the body (JSON.parse, before apply-batch)                 ${per(parse)}`,
    `    validation (validateChange, a pass of its own)                    ${per(validation)}`,
    `    building the write's parameters (writeParams, a pass of its own)  ${per(build)}`,
    `    the rest (merge, versions, answer, pg's protocol)                 ${per(applyAll - validation - build)}`,
    `  PostgreSQL CPU, the cluster's processes (/proc)                     ${per(dbUsed)}`,
  ];
  if (!extensions) {
    lines.push('  (pg_stat_statements or pg_walinspect not available here: statements and WAL by kind not shown)');
    lines.push(`  WAL ${Math.round(walBytes / count)} B a record`);
    return lines;
  }
  const statements = await admin.query<{ query: string; calls: string; ms: number; wal: string; fpi: string }>(
    `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 48) AS query, calls, total_exec_time AS ms,
       wal_bytes::text AS wal, wal_fpi::text AS fpi
     FROM pg_stat_statements WHERE calls >= $1 AND query NOT LIKE '%pg_stat_statements%'
     ORDER BY total_exec_time DESC LIMIT 6`,
    [batches.length],
  );
  lines.push('  statements (pg_stat_statements: execution time, wall clock inside PostgreSQL; WAL they wrote)');
  const statementsMicros = statements.rows.reduce((sum, s) => sum + s.ms * 1000, 0);
  for (const s of statements.rows) {
    lines.push(
      `    ${s.query.padEnd(48)} ${s.calls.padStart(3)}x ${per(s.ms * 1000)}, ` +
        `WAL ${Math.round(Number(s.wal) / count)} B a record, ${s.fpi} full-page images`,
    );
  }
  const wal = await admin.query<{ kind: string; n: string; bytes: string; fpi: string }>(
    `SELECT "resource_manager/record_type" AS kind, count::text AS n, combined_size::text AS bytes,
       fpi_size::text AS fpi FROM pg_get_wal_stats($1::pg_lsn, $2::pg_lsn, true) WHERE count > 0
     ORDER BY combined_size DESC LIMIT 8`,
    [lsnBefore, lsnAfter],
  );
  lines.push(`  WAL ${Math.round(walBytes / count)} B a record (pg_walinspect, by kind: records and bytes a record)`);
  for (const w of wal.rows) {
    lines.push(
      `    ${w.kind.padEnd(28)} ${(Number(w.n) / count).toFixed(2).padStart(5)} ${Math.round(Number(w.bytes) / count)
        .toString()
        .padStart(5)} B` + (Number(w.fpi) > 0 ? ` (full-page images ${Math.round(Number(w.fpi) / count)} B)` : ''),
    );
  }
  lines.push(...postgresCeilingLines(statementsMicros, applyAll + parse, dbUsed, count));
  const sizesAfter = (await admin.query<{ name: string; bytes: string }>(INDEX_SIZES)).rows;
  lines.push('  growth of each table and index, B a record');
  for (const r of sizesAfter.sort((a, b) => Number(b.bytes) - Number(a.bytes))) {
    const grown = (Number(r.bytes) - (sizesBefore.get(r.name) ?? 0)) / count;
    lines.push(`    ${r.name.padEnd(34)} ${grown.toFixed(0).padStart(5)}`);
  }
  return lines;
}

/**
 * What no design over this schema passes for one client here. A batch is one transaction on one backend, whose
 * statements run one after another; and all the CPU a record costs, Node's and PostgreSQL's, shares two cores.
 */
function postgresCeilingLines(statementsMicros: number, nodeMicros: number, dbMicros: number, count: number): string[] {
  const backend = statementsMicros / count;
  const cores = (nodeMicros + dbMicros) / count / 2;
  const rate = (micros: number) => Math.round(1e6 / micros).toLocaleString('en-US');
  return [
    `  ceiling for one client: the backend's statements ${backend.toFixed(1)} µs a record, at most ${rate(backend)}/s; ` +
      `Node's and PostgreSQL's CPU on two cores ${cores.toFixed(1)} µs a record, at most ${rate(cores)}/s`,
  ];
}
