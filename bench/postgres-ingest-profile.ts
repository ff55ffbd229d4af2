// PostgreSQL only: where the ingest's database work goes, in counts that do not follow the machine's load. Pushes
// the bench's 10,000 seeded records (batches of 1,000) through the apply-batch service into a private PostgreSQL
// run with the production settings (test/setup/postgres.ts) and prints, per record: PostgreSQL's own CPU time
// (bench/postgres-cpu.ts), Node's, the WAL bytes written (full-page images among them), and each statement's
// execution time from pg_stat_statements. A warm-up run comes first; ROUNDS measured runs follow (default 3).
// Run: npx tsx bench/postgres-ingest-profile.ts   (PG_SETTINGS='name=value,...' adds or overrides server settings)
import { seededIngest } from './seeded-ingest.ts';
import pg from 'pg';
import { PROTOCOL_VERSION } from '../protocol/index.ts';
import { openPostgresStore } from '../server/src/db/postgres-store.ts';
import type { Store } from '../server/src/db/store.ts';
import { inBatches } from '../server/src/seed/seed-changes.ts';
import { applyBatch } from '../server/src/services/apply-batch.ts';
import { createDatabase, PRODUCTION_SETTINGS, startPrivatePostgres } from '../test/setup/postgres.ts';
import { postgresCpuReader } from './postgres-cpu.ts';

const RECORDS = 10_000;
const BATCH = 1000;
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const extra = Object.fromEntries(
  (process.env.PG_SETTINGS ?? '')
    .split(',')
    .filter((s) => s.includes('='))
    .map((s) => s.split('=', 2) as [string, string]),
);

/** The seeded posyandu of one round, generated before its timed ingest. */
function seeded(store: Store, round: string) {
  return seededIngest(store, RECORDS, 'seed', round);
}

async function ingest(store: Store, round: string, seed: Awaited<ReturnType<typeof seeded>>): Promise<void> {
  const { device, changes, sender } = seed;
  for (const [i, batch] of inBatches(changes, BATCH).entries()) {
    const response = await applyBatch(store, sender, {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: device.deviceId,
      batchId: `${round}-${i}`,
      changes: batch,
    });
    if (response.results.some((r) => r.status !== 'applied')) throw new Error('a change was not applied');
  }
}

interface WalStats {
  lsn: string;
  fpi: number;
  records: number;
}

async function walStats(admin: pg.Client): Promise<WalStats> {
  const res = await admin.query<{ lsn: string; fpi: string; records: string }>(
    'SELECT pg_current_wal_insert_lsn()::text AS lsn, wal_fpi AS fpi, wal_records AS records FROM pg_stat_wal',
  );
  const row = res.rows[0];
  if (!row) throw new Error('no pg_stat_wal');
  return { lsn: row.lsn, fpi: Number(row.fpi), records: Number(row.records) };
}

async function main(): Promise<void> {
  const postgres = await startPrivatePostgres({
    ...PRODUCTION_SETTINGS,
    shared_preload_libraries: 'pg_stat_statements',
    ...extra,
  });
  const url = await createDatabase(postgres.adminUrl, 'profile');
  const store = openPostgresStore(url);
  const admin = new pg.Client({ connectionString: url });
  try {
    await store.migrate();
    await admin.connect();
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const dbCpu = await postgresCpuReader(admin);
    if (!dbCpu) throw new Error('PostgreSQL is not on this machine');
    await ingest(store, 'warm-up', await seeded(store, 'warm-up'));
    // PERF_PAUSE=ms: time to attach a profiler to the cluster's processes (perf record -p), printed here.
    const pause = Number(process.env.PERF_PAUSE ?? 0);
    if (pause > 0) {
      const pid = await admin.query<{ setting: string }>(
        "SELECT setting FROM pg_settings WHERE name = 'data_directory'",
      );
      console.error(`data directory ${pid.rows[0]?.setting ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
    const lines: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const seed = await seeded(store, `round-${round}`);
      await admin.query('SELECT pg_stat_statements_reset()');
      const wal = await walStats(admin);
      const db = dbCpu();
      const node = process.cpuUsage();
      const started = performance.now();
      await ingest(store, `round-${round}`, seed);
      const ms = performance.now() - started;
      const nodeUsed = process.cpuUsage(node);
      const dbUsed = dbCpu() - db;
      const after = await walStats(admin);
      const bytes = await admin.query<{ bytes: string }>('SELECT pg_wal_lsn_diff($1, $2)::text AS bytes', [
        after.lsn,
        wal.lsn,
      ]);
      lines.push(
        `round ${round}: ${Math.round((RECORDS / ms) * 1000)} records/s; PostgreSQL CPU ` +
          `${(dbUsed / RECORDS).toFixed(1)} µs/record, Node CPU ${((nodeUsed.user + nodeUsed.system) / RECORDS).toFixed(1)}; ` +
          `WAL ${Math.round(Number(bytes.rows[0]?.bytes) / RECORDS)} B/record, ${((after.records - wal.records) / RECORDS).toFixed(1)} ` +
          `WAL records and ${((after.fpi - wal.fpi) / RECORDS).toFixed(2)} full-page images a record`,
      );
    }
    const statements = await admin.query<{ query: string; calls: string; ms: number }>(
      `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS query, calls, total_exec_time AS ms
       FROM pg_stat_statements WHERE total_exec_time > 1 AND query NOT LIKE 'CHECKPOINT%' ORDER BY total_exec_time DESC LIMIT 8`,
    );
    lines.push('statements of the last round (execution time, µs/record):');
    for (const s of statements.rows) {
      lines.push(`  ${((s.ms * 1000) / RECORDS).toFixed(1).padStart(6)}  ${s.calls.padStart(3)}x  ${s.query}`);
    }
    console.log(
      `PostgreSQL ingest profile, ${RECORDS} records in batches of ${BATCH}; settings ${JSON.stringify(extra)}`,
    );
    for (const line of lines) console.log(`  ${line}`);
  } finally {
    await admin.end();
    await store.close();
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
