// Load: many simulated phones at once against real server processes on loopback, each pushing batches of
// 100-500 households and pulling after each push, for a bounded time. Prints push p50/p95/max, changes/s, errors,
// and a lost/duplicated check read from the database afterwards.
// Run: npx tsx bench/server-load.bench.ts [--phones 200] [--seconds 30] [--only sqlite|postgres|postgres-2]
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
import { acquirePostgres, createDatabase } from '../test/setup/postgres.ts';

const ROOT = join(import.meta.dirname, '..');
const PHONES_PER_POSYANDU = 5;
let serverErrorLines = 0;

interface Scenario {
  label: string;
  phones: number;
  seconds: number;
  processes: number;
  databaseUrl?: string;
  dataDir: string;
}

async function spawnServer(scenario: Scenario): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
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

async function run(scenario: Scenario): Promise<string> {
  const phones = await enrol(scenario);
  serverErrorLines = 0;
  const servers = await Promise.all(Array.from({ length: scenario.processes }, () => spawnServer(scenario)));
  const latencies: number[] = [];
  let errors = 0;
  let applied = 0;
  let sent = 0;
  const deadline = Date.now() + scenario.seconds * 1000;
  const started = performance.now();
  try {
    await Promise.all(
      phones.map(async (phone, index) => {
        const url = servers[index % servers.length]?.url ?? '';
        const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${phone.token}` };
        let cursor = '';
        while (Date.now() < deadline) {
          const size = 100 + Math.floor(Math.random() * 401);
          const changes = Array.from({ length: size }, () => ({
            changeId: randomUUID(),
            table: 'households',
            op: 'upsert' as const,
            record: household(phone),
          }));
          const body = JSON.stringify({
            protocolVersion: PROTOCOL_VERSION,
            deviceId: phone.deviceId,
            batchId: randomUUID(),
            changes,
          });
          const t = performance.now();
          try {
            const response = await fetch(`${url}/api/v1/sync/push`, { method: 'POST', headers, body });
            const json = (await response.json()) as PushResponse;
            latencies.push(performance.now() - t);
            if (response.status !== 200) {
              errors += 1;
              continue;
            }
            sent += size;
            applied += json.results.filter((r) => r.status === 'applied').length;
            const pull = await fetch(`${url}/api/v1/sync/pull?limit=500${cursor ? `&since=${cursor}` : ''}`, {
              headers,
            });
            const page = (await pull.json()) as { cursor?: string };
            if (pull.status !== 200) errors += 1;
            else cursor = page.cursor ?? cursor;
          } catch {
            errors += 1;
          }
        }
      }),
    );
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((resolve) => s.child.once('exit', resolve))));
  }
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const ms = (v: number) => `${Math.round(v)} ms`;
  return (
    `${scenario.label}: ${scenario.phones} phones, ${scenario.processes} process(es), ${seconds.toFixed(0)} s: ` +
    `push p50 ${ms(percentile(sorted, 50))} / p95 ${ms(percentile(sorted, 95))} / max ${ms(sorted.at(-1) ?? 0)}, ` +
    `${Math.round(applied / seconds)} changes/s, ${errors} errors (server logged ${serverErrorLines}), ` +
    (await check(scenario, sent))
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { phones: { type: 'string' }, seconds: { type: 'string' }, only: { type: 'string' } },
  });
  const phones = Number(values.phones ?? 200);
  const seconds = Number(values.seconds ?? 30);
  const only = values.only;
  const lines: string[] = [`load average at start ${loadavg()[0]?.toFixed(1)} (2 cores shared: figures under load)`];
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-load-'));
  try {
    if (!only || only === 'sqlite') {
      lines.push(await run({ label: 'SQLite', phones, seconds, processes: 1, dataDir: join(dataDir, 'sqlite') }));
    }
    if (!only || only.startsWith('postgres')) {
      const postgres = await acquirePostgres();
      try {
        if (!only || only === 'postgres') {
          const databaseUrl = await createDatabase(postgres.adminUrl, 'load');
          lines.push(await run({ label: 'PostgreSQL', phones, seconds, processes: 1, databaseUrl, dataDir }));
        }
        if (!only || only === 'postgres-2') {
          const databaseUrl = await createDatabase(postgres.adminUrl, 'load2');
          const many = Number(values.phones ?? 1000);
          const bounded = Math.min(seconds, 20);
          lines.push(
            await run({ label: 'PostgreSQL', phones: many, seconds: bounded, processes: 2, databaseUrl, dataDir }),
          );
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
