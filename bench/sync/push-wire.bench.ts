// Issue 14, deliverable 1: where a push request's time goes outside the store. 10,000 generated records are
// POSTed to our server on loopback in batches of 1,000 (as the phone sends them), from Node, ROUNDS times on
// fresh posyandus of one warm server; each round prints the wall time, the time inside the batch transactions
// (the store's share) and the rest (HTTP, body read, JSON, auth, validation, answer). Like the phone, each push
// asks for held seqs (protocol/held-seqs.ts).
// Run: npx tsx bench/sync/push-wire.bench.ts   (ROUNDS=5 BATCH=1000; profile: node --cpu-prof --import tsx ...)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatHeldRanges, PROTOCOL_VERSION, toRanges } from '../../protocol/index.ts';
import { generatePosyandu } from '../../server/src/seed/generate-posyandu.ts';
import { inBatches, seedChanges } from '../../server/src/seed/seed-changes.ts';
import { createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import { startServer, type RunningServer } from '../../server/src/start-server.ts';
import { meterTransactions } from './server-meter.ts';

const RECORDS = 10_000;
const BATCH = Number(process.env.BATCH ?? 1000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

async function round(server: RunningServer, n: number): Promise<string> {
  const posyanduId = await createPosyandu(server.store, `Posyandu Wire ${n}`);
  const device = await createDevice(server.store, { posyanduId, kaderName: 'Kader Wire' });
  const data = generatePosyandu({
    seed: 7 + n,
    posyanduId,
    deviceId: device.deviceId,
    kaderId: device.enrollment.kaderId,
    households: 600,
  });
  const bodies = inBatches(seedChanges(data).slice(0, RECORDS), BATCH).map((changes, i) =>
    JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: device.deviceId,
      batchId: `w${n}-${i}`,
      changes,
      held: true,
    }),
  );
  const meter = meterTransactions(server.store);
  let bytes = 0;
  let applied = 0;
  const held: number[] = [];
  const started = performance.now();
  for (const body of bodies) {
    bytes += body.length;
    const response = await fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}` },
      body,
    });
    const answer = (await response.json()) as { results: { status: string; seq?: number }[] };
    applied += answer.results.filter((r) => r.status === 'applied').length;
    for (const result of answer.results) if (result.seq !== undefined) held.push(result.seq);
  }
  const ms = performance.now() - started;
  meter.stop();
  // The engine's pull after the push, naming what the push answered as held (sync/pull-changes.ts does the same).
  const pullStarted = performance.now();
  const query = new URLSearchParams({ since: 'c1.0', limit: '1000', held: formatHeldRanges(toRanges(held)) });
  const pulled = await fetch(`${server.url}/api/v1/sync/pull?${query}`, {
    headers: { Authorization: `Bearer ${device.token}` },
  });
  const page = (await pulled.json()) as { changes: unknown[] };
  const pullMs = performance.now() - pullStarted;
  if (page.changes.length !== 0) throw new Error(`round ${n}: the pull after the push sent ${page.changes.length}`);
  if (applied !== RECORDS) throw new Error(`round ${n}: ${applied} of ${RECORDS} applied`);
  const f = (v: number) => v.toFixed(0).padStart(5);
  return (
    `round ${n}: ${f(ms)} ms for ${bodies.length} requests (${(bytes / 1e6).toFixed(1)} MB); in transactions ` +
    `${f(meter.ms())} ms, the rest ${f(ms - meter.ms())} ms (${((ms - meter.ms()) / bodies.length).toFixed(1)} ms a request); ` +
    `pull after: ${pullMs.toFixed(0)} ms`
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-push-wire-'));
  const server = await startServer({ port: 0, dataDir, staticDir: null, demoData: false });
  try {
    console.log(
      `load average before: ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
    );
    for (let n = 0; n <= ROUNDS; n++) {
      const line = await round(server, n);
      console.log(n === 0 ? `${line}  (warm-up)` : line);
    }
    console.log(
      `load average after: ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
