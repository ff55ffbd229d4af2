// Issue 3 and issue 14, "Speed": the same 10,000 queued records moved from headless Chromium to a server on
// loopback, end to end, by (ours) the app's storage + sync engine to our server on SQLite, (a) PouchDB as shipped
// replicating to express-pouchdb, (a') PouchDB's best variant (indexeddb adapter, batch_size 500), (b)
// workbox-background-sync replaying one request per record to our server, and the floor: the records from page
// memory in POSTs of 500 into one SQLite transaction each. One run each, one after another (the floor: the fastest of
// FLOOR_RUNS=3), printed with ratios;
// then bench/server-ingest.bench.ts for records/s on SQLite and PostgreSQL.
// Ours runs twice: as above, and with the app lock on (PIN set, every row encrypted at rest). After the first, a
// new phone (PIN set) pulls the 10,000 records at normal speed and with the CPU slowed 4x (first-pull.ts).
// Run: npm run -s bench:sync   (options: --no-ingest skips the server ingest part; --ours-only times ours alone,
// plain and locked, and the first pulls, for quick iterations on the sync engine, without comparisons;
// --push-only times ours unlocked alone, nothing else (--with-floor: and the floor after it, CPU by process kind);
// --wifi times ours over an emulated pustu wifi, pushes gzipped and plain; --outbox-probe times its IndexedDB work
// alone, no server;
// --first-pull-only seeds the server with a generated posyandu of 10,000 records and times the first pulls alone;
// --first-pull-profile and --first-pull-trace print where a first pull's time goes (first-pull-profile.ts);
// --server-profile adds a CPU profile of the server's process while ours pushes, by push phase (server-profile.ts),
// SERVER_PROFILE=<file> keeps the raw profile. Every run of ours splits its push requests as the server saw them:
// server-timeline.ts)
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
import type { OursRun, PageRun } from './page/bench-api.ts';
import { RECORDS_PER_FAMILY } from './page/seed-families.ts';
import { formatFirstPulls, formatReport, type SyncBenchResult } from './report.ts';
import { runFirstPulls, seedServerPosyandu } from './first-pull.ts';
import { meterTransactions } from './server-meter.ts';
import { watchServerRequests } from './server-timeline.ts';
import { startPageProfile } from './page-profile.ts';
import { startServerProfile } from './server-profile.ts';
import {
  cpuSince,
  descendantsCpuByKind,
  descendantsCpuSplit,
  descendantThreadCpu,
  ownUsPerRecord,
  usPerRecord,
} from './browser-cpu.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How many times the floor runs in a full bench (FLOOR_RUNS to change). */
const FLOOR_RUNS = Number(process.env.FLOOR_RUNS ?? 3);

/** The app lock's PIN for the locked run: the app sets one right after enrollment. */
const BENCH_PIN = '135790';

/**
 * Ours: enroll, record 10,000 records through the app's repositories, then one timed syncNow(). With `locked`,
 * the PIN is set first (every row sealed, as on a kader's phone); without, the first pulls of a new phone follow
 * on the same server (first-pull.ts).
 */
/** The pustu's wifi as the --wifi run emulates it (Chromium's own throttling): 10 Mbit/s each way, 20 ms. */
const PUSTU_WIFI = { offline: false, latency: 20, downloadThroughput: 1_250_000, uploadThroughput: 1_250_000 };

async function runOurs(
  phone: PhoneBrowser,
  pagesDir: string,
  locked: boolean,
  withFirstPulls = true,
  wifi?: { compress: boolean },
) {
  return withServer(pagesDir, async (server) => {
    const posyanduId = await createPosyandu(server.store, 'Posyandu Bench');
    const created = await createDevice(server.store, { posyanduId, kaderName: 'Kader Bench' });
    const device: Device = {
      posyanduId,
      deviceId: created.deviceId,
      token: created.token,
      enrollment: created.enrollment,
    };
    const runName = `${locked ? 'locked' : 'plain'}${wifi ? `-wifi-${wifi.compress ? 'gzip' : 'off'}` : ''}`;
    const compress = wifi && !wifi.compress ? '&compress=off' : '';
    const page = await openBenchPage(phone, `${server.url}/ours.html?run=${runName}${compress}`, 'oursBench');
    try {
      const seed = await page.evaluate(
        ([enrollment, families, pin]) => window.oursBench!.seed(enrollment, families, pin ?? undefined),
        [device.enrollment, RECORDS / RECORDS_PER_FAMILY, locked ? BENCH_PIN : null] as const,
      );
      const changes = await page.evaluate(() => window.oursBench!.queuedChanges());
      check(changes.length === RECORDS, `ours: ${changes.length} queued, expected ${RECORDS}`);
      const apply = meterTransactions(server.store);
      const serverTimeline = watchServerRequests();
      const profile = await startPageProfile(page);
      const serverProfile = process.argv.includes('--server-profile') ? await startServerProfile() : null;
      if (wifi) {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', PUSTU_WIFI);
      }
      const [browserBefore, threadsBefore, serverBefore] = [
        descendantsCpuByKind(),
        descendantThreadCpu(),
        process.cpuUsage(),
      ];
      const run: OursRun = await page.evaluate(() => window.oursBench!.sync());
      const browserSpent = cpuSince(browserBefore, descendantsCpuByKind());
      const browserByKind = usPerRecord(browserSpent, RECORDS);
      const browserByThread = usPerRecord(cpuSince(threadsBefore, descendantThreadCpu()), RECORDS);
      const cpuUsPerRecord = {
        browser: Math.round((Object.values(browserSpent).reduce((a, b) => a + b, 0) * 1000) / RECORDS),
        browserByKind,
        browserByThread,
        server: ownUsPerRecord(serverBefore, RECORDS),
      };
      const serverPhases = await serverProfile?.stop(RECORDS);
      await profile?.stop(`ours-${locked ? 'locked' : 'plain'}`);
      serverTimeline.stop();
      const pushSplit = serverTimeline.split(run.requestSpans, apply);
      apply.stop();
      const onServer = await serverRecordCount(server, posyanduId);
      check(run.lastError === null, `ours: sync ended with ${run.lastError}`);
      check(run.leftInQueue === 0 && onServer === RECORDS, `ours: ${onServer} on server, ${run.leftInQueue} queued`);
      await page.close();
      const firstPulls =
        locked || !withFirstPulls
          ? []
          : await runFirstPulls(phone, server, posyanduId, RECORDS / RECORDS_PER_FAMILY, pagesDir);
      return {
        device,
        changes,
        seedMs: seed.seedMs,
        run,
        applyMs: apply.ms(),
        applyTransactions: apply.count(),
        cpuUsPerRecord,
        serverPhases,
        pushSplit,
        firstPulls,
      };
    } finally {
      if (!page.isClosed()) await page.close();
    }
  });
}

/** Ours seeded as above, then its push path's IndexedDB work alone, no server (page/outbox-probe.ts). */
async function runOutboxProbe(phone: PhoneBrowser, pagesDir: string): Promise<void> {
  await withServer(pagesDir, async (server) => {
    const posyanduId = await createPosyandu(server.store, 'Posyandu Bench');
    const created = await createDevice(server.store, { posyanduId, kaderName: 'Kader Bench' });
    const page = await openBenchPage(phone, `${server.url}/ours.html?run=probe`, 'oursBench');
    try {
      const seed = await page.evaluate(([e, families]) => window.oursBench!.seed(e, families), [
        created.enrollment,
        RECORDS / RECORDS_PER_FAMILY,
      ] as const);
      // RATE=4 slows the page's main thread 4x (a kader's phone), as the first-pull bench does.
      const rate = Number(process.env.RATE ?? 1);
      if (rate > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
      const loadBefore = loadavg()[0] ?? 0;
      const cpuBefore = descendantsCpuSplit();
      const profile = await startPageProfile(page);
      const probe = await page.evaluate(() => window.oursBench!.probeOutbox());
      await profile?.stop('outbox-probe');
      // The browser's CPU for the page's IndexedDB work, per record: less swayed by the load than the wall clock.
      const cpuAfter = descendantsCpuSplit();
      const browserCpuUsPerRecord = {
        renderer: ((cpuAfter.renderer - cpuBefore.renderer) * 1000) / RECORDS,
        rest: ((cpuAfter.rest - cpuBefore.rest) * 1000) / RECORDS,
      };
      check(probe.entries === RECORDS, `probe: ${probe.entries} entries taken, expected ${RECORDS}`);
      const loadAverage = [loadBefore, loadavg()[0] ?? 0];
      // The seed is 7,000 saves through the app's repositories at full speed: what a kader's saves cost.
      const seedMs = Math.round(seed.seedMs);
      console.log(JSON.stringify({ rate, seedMs, loadAverage, probe, browserCpuUsPerRecord }, null, 2));
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
    if (process.argv.includes('--first-pull-only')) {
      const pulls = await withServer(pagesDir, async (server) => {
        const { posyanduId, households } = await seedServerPosyandu(server, RECORDS);
        return runFirstPulls(phone, server, posyanduId, households, pagesDir);
      });
      console.log(formatFirstPulls(pulls, [loadBefore, loadavg()[0] ?? 0]).join('\n'));
      return;
    }
    if (process.argv.includes('--outbox-probe')) {
      // The page's IndexedDB share of a push alone (page/outbox-probe.ts), for quick work on the outbox.
      await runOutboxProbe(phone, pagesDir);
      return;
    }
    if (process.argv.includes('--wifi')) {
      // Ours over an emulated pustu wifi, gzipping pushes (the app's default) and never gzipping: the same run.
      const lines = [
        `Sync push over the pustu's wifi (emulated: 10 Mbit/s each way, 20 ms): ${RECORDS} queued records`,
      ];
      for (const compress of [true, false]) {
        const { run } = await runOurs(phone, pagesDir, false, false, { compress });
        const name = compress ? 'ours, pushes gzipped on a slow link (default)' : 'ours, pushes never gzipped      ';
        lines.push(
          `  ${name} ${Math.round(run.totalMs).toLocaleString('en')} ms, ${(run.bytesSent / 1e6).toFixed(2)} MB sent in ` +
            `${run.pushRequests} pushes`,
        );
      }
      // A new phone's first pull of a generated posyandu over the same link: pages gzipped (what a browser asks
      // for), and plain (the phone asking for identity).
      const pulls = await withServer(pagesDir, async (server) => {
        const { posyanduId, households } = await seedServerPosyandu(server, RECORDS);
        const over = { slowdowns: [1], network: PUSTU_WIFI };
        const gzipped = await runFirstPulls(phone, server, posyanduId, households, pagesDir, { ...over, label: 'gz' });
        const identity = { 'Accept-Encoding': 'identity' };
        const plain = await runFirstPulls(phone, server, posyanduId, households, pagesDir, {
          ...over,
          headers: identity,
          label: 'plain',
        });
        return [...gzipped, ...plain];
      });
      for (const [i, pull] of pulls.entries()) {
        const name =
          i === 0
            ? 'first pull, pages gzipped (default)          '
            : 'first pull, pages plain (Accept-Encoding: identity)';
        lines.push(
          `  ${name} ${Math.round(pull.totalMs).toLocaleString('en')} ms for ${pull.received.toLocaleString('en')} records, ` +
            `${(pull.pageBytes.wire / 1e6).toFixed(2)} MB on the wire for ${(pull.pageBytes.json / 1e6).toFixed(2)} MB of JSON`,
        );
      }
      lines.push(
        `  (load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after, on 2 cores)`,
      );
      console.log(lines.join('\n'));
      return;
    }
    if (process.argv.includes('--push-only')) {
      // The quickest loop on the push path: ours unlocked, no first pulls, no comparisons.
      const only = await runOurs(phone, pagesDir, false, false);
      const { requestSpans: _spans, ...run } = only.run;
      const figures = {
        loadAverage: [loadBefore, loadavg()[0] ?? 0],
        run,
        applyMs: only.applyMs,
        cpuUsPerRecord: only.cpuUsPerRecord,
        pushSplit: only.pushSplit,
        ...(only.serverPhases ? { serverPhases: only.serverPhases } : {}),
        // --with-floor: the floor pushes the same changes after ours, its time and CPU beside ours'.
        ...(process.argv.includes('--with-floor')
          ? await runFloor(phone, pagesDir, only.changes).then((f) => ({
              floor: { ms: f.run.totalMs, cpuUsPerRecord: f.cpuUsPerRecord },
            }))
          : {}),
      };
      console.log(JSON.stringify(figures, null, 2));
      return;
    }
    const ours = await runOurs(phone, pagesDir, false);
    const locked = await runOurs(phone, pagesDir, true);
    if (process.argv.includes('--ours-only')) {
      const brief = (o: typeof ours) => ({ seedMs: o.seedMs, run: o.run, applyMs: o.applyMs });
      console.log(JSON.stringify({ ours: brief(ours), locked: brief(locked) }, null, 2));
      console.log(formatFirstPulls(ours.firstPulls, [loadBefore, loadavg()[0] ?? 0]).join('\n'));
      return;
    }
    const pouch = await runPouch(phone, pagesDir, ours.changes, 'default');
    const pouchBest = await runPouch(phone, pagesDir, ours.changes, 'best');
    const replay = await runReplay(phone, pagesDir, ours.device, ours.changes);
    // The floor costs a third of a second a run and swings by half with the load (258-407 ms on one machine): its
    // fastest of FLOOR_RUNS is the one the ratio takes, which can only make ours look worse.
    const floorRuns: PageRun[] = [];
    for (let i = 0; i < FLOOR_RUNS; i++) floorRuns.push((await runFloor(phone, pagesDir, ours.changes)).run);
    const fastestFloor = floorRuns.reduce((best, run) => (run.totalMs < best.totalMs ? run : best));
    const floor = { run: fastestFloor, runsMs: floorRuns.map((run) => run.totalMs) };
    result = {
      records: RECORDS,
      loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
      ours: {
        seedMs: ours.seedMs,
        run: ours.run,
        applyMs: ours.applyMs,
        applyTransactions: ours.applyTransactions,
        pushSplit: ours.pushSplit,
      },
      locked: { seedMs: locked.seedMs, run: locked.run, applyMs: locked.applyMs },
      firstPulls: ours.firstPulls,
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
