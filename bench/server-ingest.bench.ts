// Server ingest: 10,000 seeded records pushed in batches of 500, on SQLite and on a private PostgreSQL.
// Prints records/s for the apply-batch service alone and end to end over HTTP on loopback (one run each, warm).
// Run: npx tsx bench/server-ingest.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type Change } from '../protocol/index.ts';
import type { Store } from '../server/src/db/store.ts';
import { generatePosyandu } from '../server/src/seed/generate-posyandu.ts';
import { inBatches, seedChanges } from '../server/src/seed/seed-changes.ts';
import { applyBatch } from '../server/src/services/apply-batch.ts';
import { createDevice, createPosyandu } from '../server/src/services/devices.ts';
import { startServer, type RunningServer } from '../server/src/start-server.ts';
import { acquirePostgres, createDatabase } from '../test/setup/postgres.ts';

const RECORDS = 10_000;
const BATCH = 500;

async function seededChanges(store: Store) {
  const posyanduId = await createPosyandu(store, 'Posyandu Bench');
  const device = await createDevice(store, { posyanduId, kaderName: 'Kader Bench' });
  const data = generatePosyandu({
    seed: 7,
    posyanduId,
    deviceId: device.deviceId,
    kaderId: device.enrollment.kaderId,
    households: 600,
  });
  const changes = seedChanges(data).slice(0, RECORDS);
  if (changes.length < RECORDS) throw new Error(`only ${changes.length} records generated`);
  return { posyanduId, device, changes };
}

async function timed(label: string, run: () => Promise<number>): Promise<string> {
  const started = performance.now();
  const applied = await run();
  const ms = performance.now() - started;
  if (applied !== RECORDS) throw new Error(`${label}: ${applied} of ${RECORDS} applied`);
  return `${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${Math.round((RECORDS / ms) * 1000)
    .toString()
    .padStart(7)} records/s`;
}

async function benchService(server: RunningServer, label: string): Promise<string> {
  const { posyanduId, device, changes } = await seededChanges(server.store);
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

async function benchHttp(server: RunningServer, label: string): Promise<string> {
  const { device, changes } = await seededChanges(server.store);
  const bodies = inBatches(changes, BATCH).map((batch: Change[], i) =>
    JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: device.deviceId,
      batchId: `http-${i}`,
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
  try {
    // Warm-up: JIT and statement caches, so the figures are steady-state ingest.
    await benchService(server, 'warm-up');
    return [await benchService(server, label), await benchHttp(server, label)];
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-bench-'));
  try {
    lines.push(...(await benchStore('SQLite (file, WAL)', { dataDir })));
    const postgres = await acquirePostgres();
    try {
      lines.push(
        ...(await benchStore('PostgreSQL', { dataDir, databaseUrl: await createDatabase(postgres.adminUrl, 'bench') })),
      );
    } finally {
      await postgres.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`Server ingest: ${RECORDS} seeded records in batches of ${BATCH}`);
  for (const line of lines) console.log(`  ${line}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
