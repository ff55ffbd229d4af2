// Issue 2's browser figures in Debian's headless Chromium: writes, search, plain-IndexedDB baseline, opening the
// app with 10,000 people, and its JS heap. The app and the bench page are served by the real server (same
// origin, so the same IndexedDB); the people reach the phone through the real pull, as from the puskesmas.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import { startServer } from '../../server/src/start-server.ts';
import { launchPhone, waitForServiceWorker } from '../../test/e2e/browser.ts';
import type { SearchResult, WriteResult } from '../browser/bench-types.ts';
import { fiveMemberHouseholds, peopleOfPosyandu, pushToServer, searchQueries } from './bench-data.ts';
import { REPO_ROOT } from './bundle-size.ts';

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

export interface OpenTiming {
  /** Navigation start to the screen's element in the DOM, ms. */
  domMs: number;
  /** Navigation start to the first frame after it (requestAnimationFrame, then a task): on screen, ms. */
  paintedMs: number;
  domContentLoadedMs: number;
  fromServiceWorker: boolean;
}

export interface HeapFigures {
  usedBytes: number;
  totalBytes: number;
  domNodes: number;
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

const SCREENS = {
  list: '[data-testid="household-list"]',
  // The empty list's message (Preact turns the loading <p> into it: an attribute and text change, no new node).
  emptyList: 'main.content > a.button + p.muted',
  home: 'nav.menu',
};
type ScreenName = keyof typeof SCREENS;

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

/**
 * Runs in every app page before its scripts: stamps when each screen's element appears and when the frame
 * showing it is done. A string, not a function: tsx compiles functions with `__name()` helpers that do not
 * exist in the page, and an init script that throws fails silently.
 */
export const SCREEN_MARKS_SCRIPT = `(() => {
  const selectors = ${JSON.stringify(SCREENS)};
  const marks = {};
  window.__benchMarks = marks;
  const observer = new MutationObserver(() => {
    for (const [name, selector] of Object.entries(selectors)) {
      if ((name + 'Dom') in marks || !document.querySelector(selector)) continue;
      marks[name + 'Dom'] = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { marks[name + 'Painted'] = performance.now(); };
        channel.port2.postMessage(null);
      });
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();`;

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

/** A new tab (a new renderer: nothing of the app in memory) opening the app at `hash`, until `screen` is painted. */
async function openApp(context: BrowserContext, baseUrl: string, hash: string, screen: ScreenName, cpuSlowdown = 1) {
  const page = await context.newPage();
  await page.addInitScript(SCREEN_MARKS_SCRIPT);
  if (cpuSlowdown > 1) {
    // DevTools' CPU throttling (Lighthouse's mobile setting is 4x): a rough stand-in for a low-end phone's CPU.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  }
  await page.goto(`${baseUrl}/${hash}`, { waitUntil: 'commit' });
  await page
    .waitForFunction(
      (name) => {
        const marks = (window as unknown as { __benchMarks?: Record<string, number> }).__benchMarks;
        return marks?.[`${name}Painted`] !== undefined;
      },
      screen,
      { timeout: Number(process.env.BENCH_SCREEN_TIMEOUT_MS ?? 120_000), polling: 20 },
    )
    .catch(async (error: unknown) => {
      const state = await page.evaluate(() => ({
        marks: (window as unknown as { __benchMarks?: unknown }).__benchMarks ?? null,
        html: document.body.innerHTML.slice(0, 600),
      }));
      throw new Error(`${screen} never painted at ${hash}: ${JSON.stringify(state)}`, { cause: error });
    });
  const timing = await page.evaluate((name): OpenTiming => {
    const marks = (window as unknown as { __benchMarks: Record<string, number> }).__benchMarks;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      domMs: marks[`${name}Dom`] as number,
      paintedMs: marks[`${name}Painted`] as number,
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      fromServiceWorker: nav.workerStart > 0,
    };
  }, screen);
  return { page, timing };
}

/** JS heap of the page's renderer after two forced collections (CDP Performance.getMetrics). */
async function heapAfterGc(page: Page): Promise<HeapFigures> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { usedBytes: metric('JSHeapUsedSize'), totalBytes: metric('JSHeapTotalSize'), domNodes: metric('Nodes') };
}

/** Opens the screen in a fresh tab, lets the start-up sync settle, and reads the heap. */
async function heapOf(context: BrowserContext, baseUrl: string, hash: string, screen: ScreenName) {
  const { page } = await openApp(context, baseUrl, hash, screen);
  await page.waitForTimeout(3000);
  const heap = await heapAfterGc(page);
  await page.close();
  return heap;
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

    log('app: first load, service worker, heap with no households');
    const first = await openApp(phone.context, server.url, '#/keluarga', 'emptyList');
    await waitForServiceWorker(first.page);
    await first.page.close();
    const emptyList = await heapOf(phone.context, server.url, '#/keluarga', 'emptyList');

    const people = peopleOfPosyandu(device, options.people);
    log(`server: ${people.households.length} households, ${people.persons.length} people pushed`);
    await pushToServer(server.store, device, people);

    bench = await openBenchPage(phone.context, server.url);
    const token = device.token;
    const pulls = [
      { label: "the app's database", ...(await bench.evaluate((t) => window.bench.pull(null, t), token)) },
      {
        label: 'the bench database',
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
