// Issue 3, "Speed": the same 10,000 queued records moved from headless Chromium to a server on loopback, end to
// end, by (ours) the app's storage + sync engine to our server on SQLite, (a) PouchDB replicating to
// express-pouchdb, (b) workbox-background-sync replaying one request per record to our server. One run each,
// one after another, printed with ratios; then bench/server-ingest.bench.ts for records/s on SQLite and PostgreSQL.
// Run: npm run -s bench:sync   (options: --no-ingest skips the server ingest part; --ours-only times ours alone,
// for quick iterations on the sync engine, and prints its breakdown without comparisons)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Change, Enrollment } from '../../protocol/index.ts';
import { createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import { startServer, type RunningServer } from '../../server/src/start-server.ts';
import { launchPhone, type PhoneBrowser } from '../../test/e2e/browser.ts';
import { buildBenchPages } from './build-bench-pages.ts';
import { ensureCompareDeps } from './compare-deps.ts';
import { startCouchCompatibleServer } from './couch-compatible-server.ts';
import type { OursRun, PageRun } from './page/bench-api.ts';
import { RECORDS_PER_FAMILY } from './page/seed-families.ts';
import { formatReport, type SyncBenchResult } from './report.ts';
import { meterTransactions } from './server-meter.ts';

const RECORDS = 10_000;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Device {
  posyanduId: string;
  deviceId: string;
  token: string;
  enrollment: Enrollment;
}

async function openBenchPage(phone: PhoneBrowser, url: string, ready: string): Promise<Page> {
  const page = await phone.context.newPage();
  page.on('pageerror', (error) => console.error(`page error (${url}): ${error.message}`));
  await page.goto(url);
  await page.waitForFunction((name) => name in window, ready, { timeout: 30_000 });
  return page;
}

async function withServer<T>(staticDir: string, work: (server: RunningServer) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-sync-bench-data-'));
  const server = await startServer({ port: 0, dataDir, staticDir, demoData: false });
  try {
    return await work(server);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function serverRecordCount(server: RunningServer, posyanduId: string): Promise<number> {
  return (await server.store.listRecordsAfter(posyanduId, 0, RECORDS * 2)).length;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** Ours: enroll, record 10,000 records through the app's repositories, then one timed syncNow(). */
async function runOurs(phone: PhoneBrowser, pagesDir: string) {
  return withServer(pagesDir, async (server) => {
    const posyanduId = await createPosyandu(server.store, 'Posyandu Bench');
    const created = await createDevice(server.store, { posyanduId, kaderName: 'Kader Bench' });
    const device: Device = {
      posyanduId,
      deviceId: created.deviceId,
      token: created.token,
      enrollment: created.enrollment,
    };
    const page = await openBenchPage(phone, `${server.url}/ours.html`, 'oursBench');
    try {
      const seed = await page.evaluate(([enrollment, families]) => window.oursBench!.seed(enrollment, families), [
        device.enrollment,
        RECORDS / RECORDS_PER_FAMILY,
      ] as const);
      const changes = await page.evaluate(() => window.oursBench!.queuedChanges());
      check(changes.length === RECORDS, `ours: ${changes.length} queued, expected ${RECORDS}`);
      const apply = meterTransactions(server.store);
      const run: OursRun = await page.evaluate(() => window.oursBench!.sync());
      apply.stop();
      const onServer = await serverRecordCount(server, posyanduId);
      check(run.lastError === null, `ours: sync ended with ${run.lastError}`);
      check(run.leftInQueue === 0 && onServer === RECORDS, `ours: ${onServer} on server, ${run.leftInQueue} queued`);
      return { device, changes, seedMs: seed.seedMs, run, applyMs: apply.ms(), applyTransactions: apply.count() };
    } finally {
      await page.close();
    }
  });
}

/** (a): the same records as PouchDB documents, replicated with PouchDB's defaults. */
async function runPouch(phone: PhoneBrowser, pagesDir: string, changes: Change[]) {
  const couch = await startCouchCompatibleServer(pagesDir);
  try {
    const page = await openBenchPage(phone, `${couch.url}/pouch.html`, 'pouchBench');
    try {
      const seed = await page.evaluate((all) => window.pouchBench!.load(all), changes);
      check(seed.records === RECORDS, `pouch: ${seed.records} local docs, expected ${RECORDS}`);
      const run = await page.evaluate((url) => window.pouchBench!.replicate(url), `${couch.url}/db/bench`);
      const onServer = await couch.docCount('bench');
      check(onServer === RECORDS && run.leftInQueue === 0, `pouch: ${onServer} docs on the server`);
      return { seedMs: seed.seedMs, run };
    } finally {
      await page.close();
    }
  } finally {
    await couch.close();
  }
}

/** (b): a fresh server with the same posyandu and device, fed one request per record by workbox's Queue. */
async function runReplay(phone: PhoneBrowser, pagesDir: string, device: Device, changes: Change[]) {
  return withServer(pagesDir, async (server) => {
    await server.store.createPosyandu({ id: device.posyanduId, name: 'Posyandu Bench', puskesmasId: null });
    await createDevice(server.store, {
      posyanduId: device.posyanduId,
      kaderName: device.enrollment.kaderName,
      kaderId: device.enrollment.kaderId,
      deviceId: device.deviceId,
      token: device.token,
    });
    const page = await openBenchPage(phone, `${server.url}/replay.html`, 'replayBench');
    try {
      const seed = await page.evaluate(([all, deviceId, token]) => window.replayBench!.enqueue(all, deviceId, token), [
        changes,
        device.deviceId,
        device.token,
      ] as const);
      check(seed.records === RECORDS, `replay: ${seed.records} queued requests, expected ${RECORDS}`);
      const apply = meterTransactions(server.store);
      const run: PageRun = await page.evaluate(() => window.replayBench!.replay());
      apply.stop();
      const onServer = await serverRecordCount(server, device.posyanduId);
      check(onServer === RECORDS && run.leftInQueue === 0, `replay: ${onServer} on server, ${run.leftInQueue} queued`);
      return { seedMs: seed.seedMs, run, applyMs: apply.ms() };
    } finally {
      await page.close();
    }
  });
}

function runServerIngest(): number {
  console.log('\nServer ingest (bench/server-ingest.bench.ts, run as is):');
  const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['bench/server-ingest.bench.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

async function main(): Promise<void> {
  const withIngest = !process.argv.includes('--no-ingest');
  ensureCompareDeps();
  const pagesDir = await buildBenchPages();
  let result: SyncBenchResult;
  const loadBefore = loadavg()[0] ?? 0;
  const phone = await launchPhone();
  try {
    const ours = await runOurs(phone, pagesDir);
    if (process.argv.includes('--ours-only')) {
      console.log(JSON.stringify({ seedMs: ours.seedMs, run: ours.run, applyMs: ours.applyMs }, null, 2));
      return;
    }
    const pouch = await runPouch(phone, pagesDir, ours.changes);
    const replay = await runReplay(phone, pagesDir, ours.device, ours.changes);
    result = {
      records: RECORDS,
      loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
      ours: { seedMs: ours.seedMs, run: ours.run, applyMs: ours.applyMs, applyTransactions: ours.applyTransactions },
      pouch,
      replay,
    };
  } finally {
    await phone.close();
    rmSync(pagesDir, { recursive: true, force: true });
  }
  console.log(formatReport(result));
  const resultsDir = join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'sync-push.json'),
    `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`,
  );
  if (withIngest && runServerIngest() !== 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
