// Load: many simulated phones at once against real server processes on loopback. Two models (docs/benchmarks.md,
// "Issue 14: what 200 phones at once means"):
// - arrivals (the realistic one): each phone comes within reach of the server at a random moment of a window
//   (--window, default 30 s), pushes its day's queue (100-300 changes, one push) and pulls until it is caught up;
// - saturated: every phone pushes batches of 100-500 back to back, pulling after each push, for --seconds.
//   Its latency is in-flight changes / throughput, so it measures throughput, not what a kader waits.
// Prints push p50/p95/max, changes/s, errors by cause, and a lost/duplicated check read from the database.
// Run: npx tsx bench/server-load.bench.ts [--phones 200] [--seconds 30] [--window 30]
//        [--only sqlite|postgres|postgres-2] [--model arrivals|saturated]
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { PROTOCOL_VERSION, type PushResponse } from '../protocol/index.ts';
import { openStore } from '../server/src/db/open-store.ts';
import { createDevice, createPosyandu } from '../server/src/services/devices.ts';
import { household } from '../test/server/support/records.ts';
import type { TestDevice } from '../test/server/support/test-server.ts';
import { acquirePostgres, createDatabase, PRODUCTION_SETTINGS } from '../test/setup/postgres.ts';

const ROOT = join(import.meta.dirname, '..');
const PHONES_PER_POSYANDU = 5;
let serverErrorLines = 0;

type Model = 'arrivals' | 'saturated';

interface Scenario {
  label: string;
  model: Model;
  phones: number;
  seconds: number;
  processes: number;
  databaseUrl?: string;
  dataDir: string;
}

async function spawnServer(scenario: Scenario): Promise<{ child: ChildProcess; url: string }> {
  // SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server processes (NODE_OPTIONS refuses it).
  const extra = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SKIP_APP_BUILD: '1',
      DEMO: '0',
      NODE_ENV: '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: scenario.dataDir,
      DATABASE_URL: scenario.databaseUrl ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The server's own error lines (a 500 logs its cause) would drown the figures: count them instead.
  child.stderr?.on('data', (chunk: Buffer) => {
    serverErrorLines += chunk
      .toString()
      .split('\n')
      .filter((l) => l.startsWith('Kesalahan')).length;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { child, url };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function enrol(scenario: Scenario): Promise<TestDevice[]> {
  const store = openStore({ databaseUrl: scenario.databaseUrl, dataDir: scenario.dataDir });
  await store.migrate();
  const phones: TestDevice[] = [];
  let posyanduId = '';
  for (let i = 0; i < scenario.phones; i++) {
    if (i % PHONES_PER_POSYANDU === 0) posyanduId = await createPosyandu(store, `Posyandu Beban ${i}`);
    const d = await createDevice(store, { posyanduId, kaderName: `Kader ${i}` });
    phones.push({ posyanduId, deviceId: d.deviceId, kaderId: d.enrollment.kaderId, token: d.token });
  }
  await store.close();
  return phones;
}

/** Every change sent is in record_versions exactly once, every record in records once. */
async function check(scenario: Scenario, sent: number): Promise<string> {
  const sql = `SELECT (SELECT count(*) FROM record_versions) AS versions,
    (SELECT count(*) FROM (SELECT DISTINCT device_id, change_id FROM record_versions) d) AS changes,
    (SELECT count(*) FROM records) AS records`;
  let row: { versions: number | string; changes: number | string; records: number | string } | undefined;
  if (scenario.databaseUrl) {
    const client = new pg.Client({ connectionString: scenario.databaseUrl });
    await client.connect();
    row = (await client.query<NonNullable<typeof row>>(sql)).rows[0];
    await client.end();
  } else {
    const db = new Database(join(scenario.dataDir, 'posyandu.sqlite'), { readonly: true });
    row = db.prepare<[], NonNullable<typeof row>>(sql).get();
    db.close();
  }
  const [versions, changes, records] = [row?.versions, row?.changes, row?.records].map(Number);
  return `lost ${sent - (changes ?? 0)}, duplicated ${(versions ?? 0) - (changes ?? 0)}, records ${records} of ${sent}`;
}

interface Tally {
  latencies: number[];
  errors: Map<string, number>;
  applied: number;
  sent: number;
}

function countError(tally: Tally, cause: string): void {
  tally.errors.set(cause, (tally.errors.get(cause) ?? 0) + 1);
}

function pushBody(phone: TestDevice, size: number): string {
  const changes = Array.from({ length: size }, () => ({
    changeId: randomUUID(),
    table: 'households',
    op: 'upsert' as const,
    record: household(phone),
  }));
  return JSON.stringify({
    protocolVersion: PROTOCOL_VERSION,
    deviceId: phone.deviceId,
    batchId: randomUUID(),
    changes,
  });
}

/** One push, retried as the phone does (same batch, same body) until it is answered 200; every try is counted. */
async function push(url: string, headers: Record<string, string>, body: string, size: number, tally: Tally) {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const t = performance.now();
    try {
      const response = await fetch(`${url}/api/v1/sync/push`, { method: 'POST', headers, body });
      const json = (await response.json()) as PushResponse;
      tally.latencies.push(performance.now() - t);
      if (response.status === 200) {
        tally.sent += size;
        tally.applied += json.results.filter((r) => r.status === 'applied').length;
        return;
      }
      countError(tally, `push ${response.status}`);
    } catch (error) {
      countError(tally, `push ${(error as Error).cause ?? (error as Error).message}`);
    }
  }
}

/** Pulls pages until the server has nothing more: what a phone does after its push. */
async function pullAll(url: string, headers: Record<string, string>, cursor: string, tally: Tally, pages = 50) {
  for (let page = 0; page < pages; page++) {
    try {
      const pull = await fetch(`${url}/api/v1/sync/pull?limit=500${cursor ? `&since=${cursor}` : ''}`, { headers });
      const body = (await pull.json()) as { cursor?: string; hasMore?: boolean };
      if (pull.status !== 200) {
        countError(tally, `pull ${pull.status}`);
        return cursor;
      }
      cursor = body.cursor ?? cursor;
      if (!body.hasMore) return cursor;
    } catch (error) {
      countError(tally, `pull ${(error as Error).cause ?? (error as Error).message}`);
      return cursor;
    }
  }
  return cursor;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(scenario: Scenario): Promise<string> {
  const phones = await enrol(scenario);
  serverErrorLines = 0;
  const servers = await Promise.all(Array.from({ length: scenario.processes }, () => spawnServer(scenario)));
  const tally: Tally = { latencies: [], errors: new Map(), applied: 0, sent: 0 };
  const deadline = Date.now() + scenario.seconds * 1000;
  const started = performance.now();
  try {
    await Promise.all(
      phones.map(async (phone, index) => {
        const url = servers[index % servers.length]?.url ?? '';
        const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${phone.token}` };
        if (scenario.model === 'arrivals') {
          // The day's queue: 100-300 changes. A posyandu day is about 330 records (docs/scaling.md) shared by 5
          // phones, so this is 1.5-4.5 times a typical day.
          const size = 100 + Math.floor(Math.random() * 201);
          const body = pushBody(phone, size);
          await sleep(Math.random() * scenario.seconds * 1000);
          await push(url, headers, body, size, tally);
          await pullAll(url, headers, '', tally);
          return;
        }
        let cursor = '';
        while (Date.now() < deadline) {
          const size = 100 + Math.floor(Math.random() * 401);
          await push(url, headers, pushBody(phone, size), size, tally);
          cursor = await pullAll(url, headers, cursor, tally, 1);
        }
      }),
    );
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((resolve) => s.child.once('exit', resolve))));
  }
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...tally.latencies].sort((a, b) => a - b);
  const ms = (v: number) => `${Math.round(v)} ms`;
  const errorCount = [...tally.errors.values()].reduce((a, b) => a + b, 0);
  const causes = [...tally.errors].map(([cause, n]) => `${n} ${cause}`).join(', ');
  const what =
    scenario.model === 'arrivals'
      ? `arriving within ${scenario.seconds} s, one push of 100-300 each`
      : `back to back for ${scenario.seconds} s`;
  return (
    `${scenario.label} ${scenario.model}: ${scenario.phones} phones ${what}, ${scenario.processes} process(es), ` +
    `${seconds.toFixed(0)} s: push p50 ${ms(percentile(sorted, 50))} / p95 ${ms(percentile(sorted, 95))} / ` +
    `max ${ms(sorted.at(-1) ?? 0)} (${sorted.length} pushes), ${Math.round(tally.applied / seconds)} changes/s, ` +
    `${errorCount} errors${causes ? ` (${causes})` : ''} (server logged ${serverErrorLines}), ` +
    (await check(scenario, tally.sent))
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      phones: { type: 'string' },
      seconds: { type: 'string' },
      window: { type: 'string' },
      only: { type: 'string' },
      model: { type: 'string' },
    },
  });
  const phones = Number(values.phones ?? 200);
  const seconds = Number(values.seconds ?? 30);
  const window = Number(values.window ?? 30);
  const only = values.only;
  const models = (values.model ? [values.model] : ['arrivals', 'saturated']) as Model[];
  const timeOf = (model: Model) => (model === 'arrivals' ? window : seconds);
  const lines: string[] = [`load average at start ${loadavg()[0]?.toFixed(1)} (2 cores shared: figures under load)`];
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-load-'));
  let n = 0;
  const fresh = () => join(dataDir, `sqlite-${n++}`);
  try {
    if (!only || only === 'sqlite') {
      for (const model of models) {
        const scenario = { label: 'SQLite', model, phones, seconds: timeOf(model), processes: 1, dataDir: fresh() };
        lines.push(await run(scenario));
      }
    }
    if (!only || only.startsWith('postgres')) {
      const postgres = await acquirePostgres(PRODUCTION_SETTINGS);
      try {
        for (const model of models) {
          if (!only || only === 'postgres') {
            const databaseUrl = await createDatabase(postgres.adminUrl, `load_${model}`);
            const scenario = { label: 'PostgreSQL', model, phones, seconds: timeOf(model), processes: 1 };
            lines.push(await run({ ...scenario, databaseUrl, dataDir }));
          }
          if (!only || only === 'postgres-2') {
            const databaseUrl = await createDatabase(postgres.adminUrl, `load2_${model}`);
            const many = Number(values.phones ?? 1000);
            const bounded = model === 'arrivals' ? Math.max(window, 60) : Math.min(seconds, 20);
            const scenario = { label: 'PostgreSQL', model, phones: many, seconds: bounded, processes: 2 };
            lines.push(await run({ ...scenario, databaseUrl, dataDir }));
          }
        }
      } finally {
        await postgres.stop();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const line of lines) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
