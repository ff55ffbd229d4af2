// Server ingest: 10,000 seeded records pushed in batches of 1,000, on SQLite and on a private PostgreSQL.
// Prints records/s for the apply-batch service alone and end to end over HTTP on loopback, warm, ROUNDS runs each
// (default 3): every run, the best and the median, and this Node process's CPU time per record (the server's and,
// over HTTP, the client's too; PostgreSQL's own processes are not counted). On the shared two-core machine the
// wall-clock figures follow the other engineers' load, printed beside them; the best run is the least disturbed.
// After the timed runs, one metered run per database prints where the time goes (bench/server-ingest-meter.ts):
// validation alone, each store call of the transaction, the transaction whole, and PostgreSQL's round trips; on
// PostgreSQL, one batch of 1,000 taken apart too (bench/postgres-batch-breakdown.ts): Node's CPU by step, each
// statement, the WAL by kind and each index's growth a record.
// Beside each rate: the bytes this process wrote per record (write() calls, /proc/self/io), which on SQLite is the
// WAL and its checkpoints; and for SQLite, the bytes on disk per record by table and index. Neither follows the load.
// Each timed run is made twice: in the seed's order (table by table, change ids `seed-<record id>`, as before) and in
// creation order (the same changes as a phone's outbox sends them: by stamp, UUID v7 change ids), which is what
// phones really send; the seed's order makes every index insert land on a scattered page.
// Last, for SQLite: one batch's CPU by phase and statement, checkpoint included (bench/sqlite-batch-breakdown.ts;
// BREAKDOWN_ONLY=1 prints that alone).
// Run: npx tsx bench/server-ingest.bench.ts   (DB=sqlite or DB=postgres runs one database only; BATCH=500 smaller
// batches)
import { seededIngest, type IngestOrder } from './seeded-ingest.ts';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PROTOCOL_VERSION, type Change } from '../protocol/index.ts';
import type { Store } from '../server/src/db/store.ts';
import { inBatches } from '../server/src/seed/seed-changes.ts';
import { applyBatch } from '../server/src/services/apply-batch.ts';
import { validateChange } from '../server/src/services/validate-change.ts';
import { countingQueries, meteredStore, newMeter, phaseLines } from './server-ingest-meter.ts';
import { startServer, type RunningServer } from '../server/src/start-server.ts';
import { acquirePostgres, createDatabase, PRODUCTION_SETTINGS } from '../test/setup/postgres.ts';
import { postgresCpuReader } from './postgres-cpu.ts';
import { postgresBatchBreakdown } from './postgres-batch-breakdown.ts';
import { sqliteBatchBreakdown } from './sqlite-batch-breakdown.ts';

const RECORDS = 10_000;
// 1,000: what the phone sends (src/sync/push-batch.ts fills a push up to the protocol's limit of 1,000 changes or
// 1 MB), so the bench measures the batches the server really gets. BATCH=500 shows smaller ones.
const BATCH = Number(process.env.BATCH ?? 1000);
const DB = process.env.DB ?? 'both';
const ROUNDS = Number(process.env.ROUNDS ?? 3);

/** The order the changes are pushed in: the seed's (table by table) or the phone's (creation order). */
type Order = IngestOrder;
const ORDERS: readonly Order[] = ['seed', 'creation'];
const inOrder = (label: string, order: Order) => (order === 'seed' ? label : `${label} (creation order)`);

function seededChanges(store: Store, order: Order = 'seed') {
  return seededIngest(store, RECORDS, order);
}

interface Run {
  perSecond: number;
  cpuMicrosPerRecord: number;
  /** Bytes this process handed to write() per record (Linux /proc/self/io wchar): SQLite's WAL and checkpoints. */
  writtenPerRecord: number;
  /** PostgreSQL's own processes (bench/postgres-cpu.ts); absent for SQLite, which runs in this process. */
  dbCpuMicrosPerRecord?: number;
}

/** Linux only; NaN elsewhere. Counts every write() of the process, sockets included (so HTTP runs count those too). */
function bytesWritten(): number {
  try {
    return Number(/^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/** The PostgreSQL cluster's CPU clock while the PostgreSQL runs are timed; null otherwise. */
let dbCpu: (() => number) | null = null;

async function timed(label: string, run: () => Promise<number>): Promise<Run> {
  const cpu = process.cpuUsage();
  const written = bytesWritten();
  const db = dbCpu?.() ?? NaN;
  const started = performance.now();
  const applied = await run();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const dbUsed = (dbCpu?.() ?? NaN) - db;
  if (applied !== RECORDS) throw new Error(`${label}: ${applied} of ${RECORDS} applied`);
  return {
    perSecond: (RECORDS / ms) * 1000,
    cpuMicrosPerRecord: (used.user + used.system) / RECORDS,
    writtenPerRecord: (bytesWritten() - written) / RECORDS,
    ...(Number.isFinite(dbUsed) ? { dbCpuMicrosPerRecord: dbUsed / RECORDS } : {}),
  };
}

function summary(label: string, runs: readonly Run[]): string {
  const rates = runs.map((r) => r.perSecond).sort((a, b) => b - a);
  const best = rates[0] ?? NaN;
  const median = rates[Math.floor(rates.length / 2)] ?? NaN;
  const cpu = Math.min(...runs.map((r) => r.cpuMicrosPerRecord));
  // The mean, not the least: a checkpoint lands in some runs only, and its writes belong to every run's share.
  const written = runs.reduce((sum, r) => sum + r.writtenPerRecord, 0) / runs.length;
  const dbCpus = runs.flatMap((r) => (r.dbCpuMicrosPerRecord === undefined ? [] : [r.dbCpuMicrosPerRecord]));
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  // With PostgreSQL, the sum of both CPU times per record bounds a sequential client's rate on an idle machine.
  const db =
    dbCpus.length > 0
      ? `, PostgreSQL CPU ${Math.min(...dbCpus).toFixed(1)} µs/record ` +
        `(both: ${n(1e6 / (cpu + Math.min(...dbCpus)))} records/s of CPU)`
      : '';
  return (
    `${label.padEnd(58)} best ${n(best).padStart(7)} records/s, median ${n(median).padStart(7)} ` +
    `(runs ${runs.map((r) => n(r.perSecond)).join(', ')}); Node CPU ${cpu.toFixed(1)} µs/record${db}; ` +
    `written ${n(written)} B/record`
  );
}

async function benchService(server: RunningServer, label: string, order: Order = 'seed'): Promise<Run> {
  const { posyanduId, device, changes } = await seededChanges(server.store, order);
  return timed(`${label}: apply-batch service`, async () => {
    let applied = 0;
    for (const [i, batch] of inBatches(changes, BATCH).entries()) {
      const response = await applyBatch(
        server.store,
        { deviceId: device.deviceId, posyanduId, kaderId: device.enrollment.kaderId },
        { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, batchId: `svc-${i}`, changes: batch },
      );
      applied += response.results.filter((r) => r.status === 'applied').length;
    }
    return applied;
  });
}

/** One service run with every phase metered; validation is timed in a pass of its own over the same changes. */
async function benchPhases(server: RunningServer, label: string, order: Order): Promise<string[]> {
  const { posyanduId, device, changes } = await seededChanges(server.store, order);
  const sender = { deviceId: device.deviceId, posyanduId, kaderId: device.enrollment.kaderId };
  const meter = newMeter();
  const validationStarted = performance.now();
  for (const change of changes) validateChange(change, sender);
  meter.phases.set('validation (a pass of its own)', performance.now() - validationStarted);
  const store = meteredStore(server.store, meter);
  const batches = inBatches(changes, BATCH);
  const started = performance.now();
  await countingQueries(meter, async () => {
    for (const [i, batch] of batches.entries()) {
      await applyBatch(store, sender, {
        protocolVersion: PROTOCOL_VERSION,
        deviceId: device.deviceId,
        batchId: `phase-${order}-${i}`,
        changes: batch,
      });
    }
  });
  const lines = phaseLines(meter, RECORDS, batches.length, performance.now() - started);
  return [`${inOrder(label, order)}: where a metered service run's time goes`, ...lines.map((line) => `  ${line}`)];
}

async function benchHttp(server: RunningServer, label: string, order: Order = 'seed'): Promise<Run> {
  const { device, changes } = await seededChanges(server.store, order);
  const bodies = inBatches(changes, BATCH).map((batch: Change[], i) =>
    JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: device.deviceId,
      batchId: `http-${order}-${i}`,
      changes: batch,
    }),
  );
  return timed(`${label}: HTTP push, sequential`, async () => {
    let applied = 0;
    for (const body of bodies) {
      const response = await fetch(`${server.url}/api/v1/sync/push`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}` },
        body,
      });
      const json = (await response.json()) as { results: { status: string }[] };
      applied += json.results.filter((r) => r.status === 'applied').length;
    }
    return applied;
  });
}

async function benchStore(label: string, options: { databaseUrl?: string; dataDir: string }): Promise<string[]> {
  const server = await startServer({ port: 0, staticDir: null, ...options });
  const admin = options.databaseUrl ? new pg.Client({ connectionString: options.databaseUrl }) : null;
  await admin?.connect();
  dbCpu = admin ? await postgresCpuReader(admin) : null;
  try {
    // Warm-up: JIT and statement caches, so the figures are steady-state ingest.
    await benchService(server, 'warm-up');
    // Both orders alternated in every round, so the load falls on both alike.
    const service = new Map<Order, Run[]>(ORDERS.map((order) => [order, []]));
    const http = new Map<Order, Run[]>(ORDERS.map((order) => [order, []]));
    for (let i = 0; i < ROUNDS; i++) {
      for (const order of ORDERS) service.get(order)?.push(await benchService(server, label, order));
      for (const order of ORDERS) http.get(order)?.push(await benchHttp(server, label, order));
    }
    const phases: string[] = [];
    for (const order of ORDERS) phases.push(...(await benchPhases(server, label, order)));
    // PostgreSQL only: one batch taken apart, in creation order (what phones send; bench/postgres-batch-breakdown.ts).
    const cpu = dbCpu;
    if (admin && cpu) {
      const seed = await seededIngest(server.store, RECORDS, 'creation', 'Breakdown');
      phases.push(`${label}: ${(await postgresBatchBreakdown(server.store, admin, cpu, seed, BATCH)).join('\n  ')}`);
    }
    return [
      ...ORDERS.map((order) => summary(inOrder(`${label}: apply-batch service`, order), service.get(order) ?? [])),
      ...ORDERS.map((order) => summary(inOrder(`${label}: HTTP push, sequential`, order), http.get(order) ?? [])),
      ...phases,
    ];
  } finally {
    dbCpu = null;
    await admin?.end();
    await server.close();
  }
}

/**
 * SQLite's bytes on disk per record ingested, by table and index (dbstat): what each record costs to write, which
 * the commit's WAL write and the checkpoints pay for. Unlike the rates, this figure does not follow the load.
 */
function sqliteBytes(file: string, records: number): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare<[], { name: string; bytes: number }>(
        `SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name NOT LIKE 'sqlite_%' OR name LIKE 'sqlite_autoindex%'
         GROUP BY name ORDER BY bytes DESC`,
      )
      .all()
      .filter((r) => r.bytes / records >= 1);
    const total = rows.reduce((sum, r) => sum + r.bytes, 0);
    return [
      `SQLite (file, WAL): bytes on disk per record ingested (${records.toLocaleString('en-US')} records)`,
      ...rows.map((r) => `  ${r.name.padEnd(46)} ${(r.bytes / records).toFixed(0).padStart(6)} B`),
      `  ${'all'.padEnd(46)} ${(total / records).toFixed(0).padStart(6)} B`,
    ];
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const lines: string[] = [];
  if (process.env.BREAKDOWN_ONLY === '1') {
    for (const line of await sqliteBatchBreakdown(10, BATCH)) console.log(line);
    console.log(
      `  load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-bench-'));
  try {
    if (DB !== 'postgres') {
      const written = bytesWritten();
      lines.push(...(await benchStore('SQLite (file, WAL)', { dataDir })));
      // Warm-up, ROUNDS service and HTTP runs and one metered run in each order: each ingests RECORDS.
      const records = RECORDS * (1 + ORDERS.length * (1 + 2 * ROUNDS));
      // From the start to the store's close (its last checkpoint included), HTTP's socket writes included too.
      const perRecord = Math.round((bytesWritten() - written) / records).toLocaleString('en-US');
      lines.push(`SQLite (file, WAL): written in all, WAL and checkpoints to the close: ${perRecord} B/record`);
      lines.push(...sqliteBytes(join(dataDir, 'posyandu.sqlite'), records));
      // One batch's CPU by phase and statement, in a fresh file of its own (bench/sqlite-batch-breakdown.ts).
      lines.push(...(await sqliteBatchBreakdown(10, BATCH)));
    }
    if (DB !== 'sqlite') {
      // PostgreSQL only: the settings a puskesmas server runs with, fsync and synchronous_commit on (the tests'
      // private server has them off).
      // pg_stat_statements preloaded for the breakdown of one batch (it counts, it does not change the write).
      const postgres = await acquirePostgres({
        ...PRODUCTION_SETTINGS,
        shared_preload_libraries: 'pg_stat_statements',
      });
      try {
        lines.push(
          ...(await benchStore('PostgreSQL', {
            dataDir,
            databaseUrl: await createDatabase(postgres.adminUrl, 'bench'),
          })),
        );
      } finally {
        await postgres.stop();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`Server ingest: ${RECORDS} seeded records in batches of ${BATCH}, ${ROUNDS} runs each`);
  console.log(`  load average at the end ${load} (2 cores, shared: wall-clock figures are under that load)`);
  for (const line of lines) console.log(`  ${line}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
