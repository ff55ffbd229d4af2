// Issue 3 and issue 14, "Speed": the same 10,000 queued records moved from headless Chromium to a server on
// loopback, end to end, by (ours) the app's storage + sync engine to our server on SQLite, (a) PouchDB as shipped
// replicating to express-pouchdb, (a') PouchDB's best variant (indexeddb adapter, batch_size 500), (b)
// workbox-background-sync replaying one request per record to our server, and the floor: the records from page
// memory in POSTs of 500 into one SQLite transaction each. One run each, one after another, printed with ratios;
// then bench/server-ingest.bench.ts for records/s on SQLite and PostgreSQL.
// Run: npm run -s bench:sync   (options: --no-ingest skips the server ingest part; --ours-only times ours alone,
// for quick iterations on the sync engine, and prints its breakdown without comparisons)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import { launchPhone, type PhoneBrowser } from '../../test/e2e/browser.ts';
import { check, openBenchPage, RECORDS, serverRecordCount, withServer, type Device } from './bench-harness.ts';
import { buildBenchPages } from './build-bench-pages.ts';
import { ensureCompareDeps } from './compare-deps.ts';
import { runFloor, runPouch, runReplay } from './contestants.ts';
import type { OursRun } from './page/bench-api.ts';
import { RECORDS_PER_FAMILY } from './page/seed-families.ts';
import { formatReport, type SyncBenchResult } from './report.ts';
import { meterTransactions } from './server-meter.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
    const pouch = await runPouch(phone, pagesDir, ours.changes, 'default');
    const pouchBest = await runPouch(phone, pagesDir, ours.changes, 'best');
    const replay = await runReplay(phone, pagesDir, ours.device, ours.changes);
    const floor = await runFloor(phone, pagesDir, ours.changes);
    result = {
      records: RECORDS,
      loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
      ours: { seedMs: ours.seedMs, run: ours.run, applyMs: ours.applyMs, applyTransactions: ours.applyTransactions },
      pouch,
      pouchBest,
      replay,
      floor,
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
