// Issue 9's render figure: the posyandu-day screen (#/posyandu) of a posyandu seeded with three years of history
// (the seed generator, as `npm run seed`), 1,100 and 10,000 people, 100 of them registered as today's visitors,
// in Debian's headless Chromium, at normal speed and with the CPU slowed 4x (CDP Emulation.setCPUThrottlingRate).
// Each open is a new tab (bench/app/day-opens.ts): (a) in an unlocked app, the first open of the day screen after
// unlocking (cold) and a second one (warm); (b) from the PIN's submit in a locked app to the day screen drawn.
// Prints the figures; asserts nothing about time.
//
//   npx tsx bench/posyandu-day.bench.ts [--quick] [--size N]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type Change } from '../protocol/index.ts';
import { META_FIELDS } from '../protocol/record-meta.ts';
import { generatePosyandu } from '../server/src/seed/generate-posyandu.ts';
import { inBatches, seedChanges } from '../server/src/seed/seed-changes.ts';
import { uuidV7 } from '../server/src/seed/uuid-v7.ts';
import { applyBatch } from '../server/src/services/apply-batch.ts';
import { createDevice, createPosyandu, type CreatedDevice } from '../server/src/services/devices.ts';
import { startServer } from '../server/src/start-server.ts';
import type { Store } from '../server/src/db/store.ts';
import { TEST_PIN } from '../test/e2e/app-lock.ts';
import { launchPhone, waitForServiceWorker } from '../test/e2e/browser.ts';
import { BENCH_PAGE_PATH, buildBenchPage } from './app/browser-bench.ts';
import { openFromPin, openUnlocked } from './app/day-opens.ts';
import { buildApp } from './app/bundle-size.ts';

const QUICK = process.argv.includes('--quick');
// `--profile`: one more cold open at 1x with a CPU profile, summed by source file (the app built with source maps).
const PROFILE = process.argv.includes('--profile');
// `--size N` measures one posyandu of about N people (with --quick: two opens each).
const SIZE_ARG = process.argv.indexOf('--size');
const SIZES = SIZE_ARG > 0 ? [Number(process.argv[SIZE_ARG + 1])] : QUICK ? [1_100] : [1_100, 10_000];
const OPENS = QUICK ? 2 : 5;
const VISITORS_TODAY = 100;
const CPU_SLOWDOWN = 4 as const;
type Slowdown = 1 | typeof CPU_SLOWDOWN;
interface Runs {
  cold: number[];
  warm: number[];
  fromPin: number[];
  /** The same opens' main-thread busy time. */
  coldBusy: number[];
  warmBusy: number[];
  fromPinBusy: number[];
}
const emptyRuns = (): Runs => ({ cold: [], warm: [], fromPin: [], coldBusy: [], warmBusy: [], fromPinBusy: [] });

const today = () => new Date().toISOString().slice(0, 10);

/** The seed's posyandu of about `people`, with their three years of events, and today's visitors registered. */
async function seed(store: Store, device: CreatedDevice, people: number): Promise<{ people: number; records: number }> {
  const data = generatePosyandu({
    seed: 20_261_201,
    posyanduId: device.enrollment.posyanduId,
    deviceId: device.deviceId,
    kaderId: device.enrollment.kaderId,
    // The seed averages about 3.45 people a household; the whole posyandu is kept (cutting its person list would
    // drop the children listed last, and with them most of the history).
    households: Math.round(people / 3.45),
    asOf: today(),
  });
  const persons = data.persons;
  const template = data.visits[0];
  if (!template) throw new Error('the seed has no visit to copy the record metadata from');
  // Only the record metadata is copied from a seed visit; the rest is a plain posyandu registration.
  const meta = Object.fromEntries(META_FIELDS.map((field) => [field, template[field]]));
  const visits = persons.slice(0, VISITORS_TODAY).map((p) => ({
    ...meta,
    id: uuidV7(Date.now()),
    personId: p.id,
    date: today(),
    kind: 'posyandu' as const,
  })) as typeof data.visits;
  const cut = { ...data, visits: [...data.visits, ...visits] };
  const changes: Change[] = seedChanges(cut, `day-bench-${people}`);
  let applied = 0;
  for (const [i, batch] of inBatches(changes, 500).entries()) {
    const response = await applyBatch(
      store,
      { deviceId: device.deviceId, posyanduId: device.enrollment.posyanduId, kaderId: device.enrollment.kaderId },
      { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, batchId: `day-${people}-${i}`, changes: batch },
    );
    applied += response.results.filter((r) => r.status === 'applied').length;
  }
  if (applied !== changes.length) throw new Error(`server applied ${applied} of ${changes.length} records`);
  return { people: persons.length, records: changes.length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function measure(appDir: string, people: number, log: (line: string) => void) {
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-day-bench-'));
  const server = await startServer({ port: 0, dataDir, staticDir: appDir, demoData: false });
  const phone = await launchPhone();
  try {
    const posyanduId = await createPosyandu(server.store, 'Posyandu Bench');
    const device = await createDevice(server.store, { posyanduId, kaderName: 'Kader Bench' });
    const seeded = await seed(server.store, device, people);
    log(`  ${seeded.people} people, ${seeded.records} records on the server`);
    const bench = await phone.context.newPage();
    const cdp = await phone.context.newCDPSession(bench);
    await cdp.send('Network.enable');
    await cdp.send('Network.setBypassServiceWorker', { bypass: true });
    await bench.goto(`${server.url}${BENCH_PAGE_PATH}`);
    await bench.waitForFunction(() => document.body.dataset.ready === 'true');
    await bench.evaluate((e) => window.bench.enroll(null, e), device.enrollment);
    const pulled = await bench.evaluate((t) => window.bench.pull(null, t), device.token);
    log(`  phone pulled ${pulled.received} records in ${pulled.ms.toFixed(0)} ms`);
    await bench.close();
    const first = await phone.context.newPage();
    await first.goto(`${server.url}/#/`);
    await waitForServiceWorker(first);
    // The first PIN encrypts every pulled record in place: minutes on a big posyandu under load.
    const started = Date.now();
    await first.waitForSelector('[data-testid="lock-screen"][data-mode="set"]');
    for (const step of [1, 2]) {
      await first.fill('input[name="pin"]', TEST_PIN);
      await first.click('[data-testid="lock-screen"] button[type="submit"]');
      if (step === 1) await first.waitForSelector('h1:has-text("Ulangi PIN")');
    }
    await first.locator('[data-testid="lock-screen"]').waitFor({ state: 'detached', timeout: 600_000 });
    log(`  first PIN (encrypting the pulled records in place): ${Date.now() - started} ms`);
    await first.close();
    // The first open after a pull of the whole posyandu builds the day roster (src/storage/day-roster.ts) from
    // every person, immunisation and this month's measurements: measured once, apart from the runs below.
    const built = await openUnlocked(phone.context, server.url, 1);
    log(`  first open after the pull (builds the day roster), 1x: ${built.cold.paintedMs.toFixed(0)} ms painted`);
    const runs: Record<Slowdown, Runs> = { 1: emptyRuns(), [CPU_SLOWDOWN]: emptyRuns() };
    let visitors = 0;
    // The kinds and speeds alternate, so the other engineers' load falls on all of them alike.
    for (let i = 0; i < OPENS; i++) {
      for (const slowdown of [1, CPU_SLOWDOWN] as const) {
        const run = runs[slowdown];
        const { cold, warm } = await openUnlocked(phone.context, server.url, slowdown);
        const pin = await openFromPin(phone.context, server.url, slowdown);
        run.cold.push(cold.paintedMs);
        run.warm.push(warm.paintedMs);
        run.fromPin.push(pin.paintedMs);
        run.coldBusy.push(cold.busyMs);
        run.warmBusy.push(warm.busyMs);
        run.fromPinBusy.push(pin.busyMs);
        visitors = pin.visitors;
      }
    }
    if (PROFILE) {
      const { cold, coldProfile } = await openUnlocked(phone.context, server.url, 1, join(appDir, 'assets'));
      log(
        `  profiled cold open: ${cold.paintedMs.toFixed(0)} ms painted, ${cold.busyMs.toFixed(0)} ms busy; self time:`,
      );
      for (const { name, ms } of coldProfile?.top.slice(0, 25) ?? [])
        log(`    ${ms.toFixed(1).padStart(8)} ms  ${name}`);
    }
    return { people: seeded.people, records: seeded.records, visitors, runs };
  } finally {
    await phone.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const appDir = mkdtempSync(join(tmpdir(), 'posyandu-day-app-'));
  log('building the app and the bench page');
  await buildApp(appDir, PROFILE ? { sourcemap: true } : {});
  await buildBenchPage(appDir);
  const results = [];
  for (const people of SIZES) {
    log(`posyandu of ${people} people`);
    results.push(await measure(appDir, people, log));
  }
  const load = loadavg().map((l) => l.toFixed(1));
  log('');
  log(`Posyandu-day screen, headless Chromium, each open in a new tab (${OPENS} opens each, median (all opens); ms)`);
  log(`machine: ${cpus().length} cores, load average ${load.join(' ')} (shared: figures under load)`);
  log('(a) unlocked app, from the hash change to #/posyandu to the painted lists:');
  log('    cold = the first open after unlocking at home (nothing in memory); warm = home and back again');
  log('(b) locked app at #/posyandu, from the PIN submit to the painted lists (includes PBKDF2 and the keys)');
  log('  people   records  visitors  CPU  (a) cold                    (a) warm                    (b) from PIN');
  const cell = (v: number[]) => `${median(v).toFixed(0).padStart(6)} (${v.map((x) => x.toFixed(0)).join(' ')})`;
  for (const r of results) {
    for (const slowdown of [1, CPU_SLOWDOWN] as const) {
      const run = r.runs[slowdown];
      log(
        `  ${String(r.people).padStart(6)}  ${String(r.records).padStart(8)}  ${String(r.visitors).padStart(8)}  ` +
          `${`${slowdown}x`.padStart(3)}  ${cell(run.cold).padEnd(28)}${cell(run.warm).padEnd(28)}${cell(run.fromPin)}`,
      );
    }
  }
  log('');
  log("The same opens, the renderer main thread's busy time (CDP TaskDuration; less sensitive to the load; ms)");
  log('  people  CPU  (a) cold                    (a) warm                    (b) from PIN');
  for (const r of results) {
    for (const slowdown of [1, CPU_SLOWDOWN] as const) {
      const run = r.runs[slowdown];
      log(
        `  ${String(r.people).padStart(6)}  ${`${slowdown}x`.padStart(3)}  ` +
          `${cell(run.coldBusy).padEnd(28)}${cell(run.warmBusy).padEnd(28)}${cell(run.fromPinBusy)}`,
      );
    }
  }
  log('targets (issue 9): 1,100 people under 300 ms, 10,000 under 1 s, headless Chromium at 1x');
  rmSync(appDir, { recursive: true, force: true });
}

await main();
