// Issue 2's browser figures in Debian's headless Chromium: writes, search, plain-IndexedDB baseline, opening the
// app with 10,000 people, and its JS heap. The app and the bench page are served by the real server (same
// origin, so the same IndexedDB); the people reach the phone through the real pull, as from the puskesmas.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import { startServer } from '../../server/src/start-server.ts';
import { setPin, TEST_PIN } from '../../test/e2e/app-lock.ts';
import { launchPhone, waitForServiceWorker } from '../../test/e2e/browser.ts';
import type { SearchResult, WriteResult } from '../browser/bench-types.ts';
import { fiveMemberHouseholds, peopleOfPosyandu, pushToServer, searchQueries } from './bench-data.ts';
import { heapOf, openApp, SCREENS, type HeapFigures, type OpenTiming } from './app-opens.ts';
import { REPO_ROOT } from './bundle-size.ts';

export type { HeapFigures, OpenTiming };

export const BENCH_PAGE_PATH = '/__bench/bench/browser/bench.html';
const OURS_DB = 'bench-ours';
const PLAIN_DB = 'bench-plain';
const CPU_SLOWDOWN = 4;

export interface BrowserBenchOptions {
  appDir: string;
  people: number;
  saves: number;
  warmupSaves: number;
  queries: number;
  searchLimit: number;
  coldOpens: number;
  log: (line: string) => void;
}

export interface BrowserFigures {
  households: number;
  people: number;
  pulls: { label: string; received: number; ms: number }[];
  search: SearchResult;
  write: WriteResult;
  openList: OpenTiming[];
  openHome: OpenTiming[];
  /** The same opens with the CPU slowed down `cpuSlowdown` times. */
  openListSlowCpu: OpenTiming[];
  openHomeSlowCpu: OpenTiming[];
  cpuSlowdown: number;
  heap: { emptyList: HeapFigures; list: HeapFigures; home: HeapFigures };
  chromiumVersion: string;
}

/**
 * Builds the bench page into `<appDir>/__bench/` with its own minimal config, so the app next to it stays
 * byte-for-byte the build measured (adding an input to the app's build would change how its chunks split).
 */
export async function buildBenchPage(appDir: string): Promise<void> {
  const { build } = await import('vite');
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: false,
      root: REPO_ROOT,
      base: '/__bench/',
      publicDir: false,
      logLevel: 'warn',
      mode: 'production',
      build: {
        outDir: join(appDir, '__bench'),
        emptyOutDir: true,
        target: 'es2022',
        rolldownOptions: { input: join(REPO_ROOT, 'bench/browser/bench.html') },
      },
    });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

/** The bench page, with the service worker bypassed: the app's worker would answer it with the app shell. */
export async function openBenchPage(context: BrowserContext, baseUrl: string): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setBypassServiceWorker', { bypass: true });
  await page.goto(`${baseUrl}${BENCH_PAGE_PATH}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  return page;
}

export async function runBrowserBench(options: BrowserBenchOptions): Promise<BrowserFigures> {
  const { log } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-bench-data-'));
  const server = await startServer({ port: 0, dataDir, staticDir: options.appDir, demoData: false });
  const phone = await launchPhone();
  try {
    const posyanduId = await createPosyandu(server.store, 'Posyandu Bench');
    const device = await createDevice(server.store, { posyanduId, kaderName: 'Kader Bench' });
    const chromiumVersion =
      phone.context.browser()?.version() ?? (await phone.page.evaluate(() => navigator.userAgent));

    // Enroll the app's database and the bench database while no service worker exists yet.
    let bench = await openBenchPage(phone.context, server.url);
    await bench.evaluate((e) => window.bench.enroll(null, e), device.enrollment);
    await bench.evaluate(([name, e]) => window.bench.enroll(name, e), [OURS_DB, device.enrollment] as const);
    await bench.close();

    log('app: first load, the first PIN, service worker, heap with no households');
    const first = await phone.context.newPage();
    await first.goto(`${server.url}/#/keluarga`);
    await setPin(first);
    await first.waitForSelector(SCREENS.emptyList);
    await waitForServiceWorker(first);
    await first.close();
    const emptyList = await heapOf(phone.context, server.url, '#/keluarga', 'emptyList');

    const people = peopleOfPosyandu(device, options.people);
    log(`server: ${people.households.length} households, ${people.persons.length} people pushed`);
    await pushToServer(server.store, device, people);

    bench = await openBenchPage(phone.context, server.url);
    const token = device.token;
    const pulls = [
      {
        // Unlocked, as the app pulls: every record is encrypted on its way in.
        label: "the app's database (PIN set, records encrypted)",
        ...(await bench.evaluate(([t, pin]) => window.bench.pull(null, t, pin), [token, TEST_PIN] as const)),
      },
      {
        label: 'the bench database (no PIN)',
        ...(await bench.evaluate(([name, t]) => window.bench.pull(name, t), [OURS_DB, token] as const)),
      },
    ];
    log(`phone: pulled ${pulls[0]?.received} records in ${pulls[0]?.ms.toFixed(0)} ms`);
    await bench.evaluate(([from, to]) => window.bench.copyToPlain(from, to), [OURS_DB, PLAIN_DB] as const);

    log('search: ours and plain');
    const queries = searchQueries(people.persons, options.queries);
    const search = await bench.evaluate(([ours, plain, q, limit]) => window.bench.search(ours, plain, q, limit), [
      OURS_DB,
      PLAIN_DB,
      queries,
      options.searchLimit,
    ] as const);
    log('writes: ours and plain');
    const inputs = fiveMemberHouseholds(options.saves + options.warmupSaves);
    const write = await bench.evaluate(([ours, plain, i, warmup]) => window.bench.write(ours, plain, i, warmup), [
      OURS_DB,
      PLAIN_DB,
      inputs,
      options.warmupSaves,
    ] as const);
    await bench.close();

    log(`app: ${options.coldOpens} cold opens of the household list and of home`);
    const openList: OpenTiming[] = [];
    const openHome: OpenTiming[] = [];
    const openListSlowCpu: OpenTiming[] = [];
    const openHomeSlowCpu: OpenTiming[] = [];
    for (let i = 0; i < options.coldOpens; i++) {
      for (const [hash, screen, into, slowdown] of [
        ['#/keluarga', 'list', openList, 1],
        ['#/', 'home', openHome, 1],
        ['#/keluarga', 'list', openListSlowCpu, CPU_SLOWDOWN],
        ['#/', 'home', openHomeSlowCpu, CPU_SLOWDOWN],
      ] as const) {
        const { page, timing } = await openApp(phone.context, server.url, hash, screen, slowdown);
        into.push(timing);
        await page.close();
      }
    }
    log('app: heap with the list open and at home');
    const list = await heapOf(phone.context, server.url, '#/keluarga', 'list');
    const home = await heapOf(phone.context, server.url, '#/', 'home');

    return {
      households: people.households.length,
      people: people.persons.length,
      pulls,
      search,
      write,
      openList,
      openHome,
      openListSlowCpu,
      openHomeSlowCpu,
      cpuSlowdown: CPU_SLOWDOWN,
      heap: { emptyList, list, home },
      chromiumVersion,
    };
  } finally {
    await phone.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
