// Opening the app in a new tab for bench:app (bench/app/browser-bench.ts), the way a kader does since the app
// lock: the app loads to the PIN screen, she types her PIN, and the screen asked for is drawn. The two spans are
// timed apart, each in the page's own clock: navigation start to the PIN screen painted (the load), and the PIN's
// submit to the screen painted (PBKDF2, the keys, the reads and the render). Typing is the kader's time, not the
// app's, so the sum of the two is the app's. Also the JS heap of an open screen.
import type { BrowserContext, Page } from 'playwright-core';
import { TEST_PIN } from '../../test/e2e/app-lock.ts';

export interface OpenTiming {
  /** Navigation start to the PIN screen's enabled field in the DOM, then its frame: on screen, ms. */
  pinScreenMs: number;
  /** The PIN's submit to the screen's element in the DOM, ms. */
  unlockDomMs: number;
  /** The PIN's submit to the first frame after the screen's element (requestAnimationFrame, then a task), ms. */
  unlockPaintedMs: number;
  /** pinScreenMs + unlockPaintedMs: the app's own time from the tap on its icon to the screen, typing left out. */
  paintedMs: number;
  domContentLoadedMs: number;
  fromServiceWorker: boolean;
}

export interface HeapFigures {
  usedBytes: number;
  totalBytes: number;
  domNodes: number;
}

export const SCREENS = {
  pin: '[data-testid="lock-screen"][data-mode="unlock"] input[name="pin"]:enabled',
  list: '[data-testid="household-list"]',
  // The empty list's message (Preact turns the loading <p> into it: an attribute and text change, no new node).
  emptyList: 'main.content > a.button + p.muted',
  home: 'nav.menu',
};
export type ScreenName = Exclude<keyof typeof SCREENS, 'pin'>;

/**
 * Runs in every app page before its scripts: stamps when each screen's element appears and when the frame
 * showing it is done. A string, not a function: tsx compiles functions with `__name()` helpers that do not
 * exist in the page, and an init script that throws fails silently.
 */
const SCREEN_MARKS_SCRIPT = `(() => {
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

type Marks = Record<string, number>;
const TIMEOUT_MS = Number(process.env.BENCH_SCREEN_TIMEOUT_MS ?? 120_000);

async function waitForMark(page: Page, mark: string, what: string): Promise<void> {
  await page
    .waitForFunction(
      (name) => (window as unknown as { __benchMarks?: Marks }).__benchMarks?.[name] !== undefined,
      mark,
      { timeout: TIMEOUT_MS, polling: 20 },
    )
    .catch(async (error: unknown) => {
      const state = await page.evaluate(() => ({
        marks: (window as unknown as { __benchMarks?: unknown }).__benchMarks ?? null,
        html: document.body.innerHTML.slice(0, 600),
      }));
      throw new Error(`${what}: ${JSON.stringify(state)}`, { cause: error });
    });
}

/**
 * A new tab (a new renderer: nothing of the app in memory) opening the locked app at `hash`, through the real PIN
 * screen, until `screen` is painted.
 */
export async function openApp(
  context: BrowserContext,
  baseUrl: string,
  hash: string,
  screen: ScreenName,
  cpuSlowdown = 1,
): Promise<{ page: Page; timing: OpenTiming }> {
  const page = await context.newPage();
  await page.addInitScript(SCREEN_MARKS_SCRIPT);
  if (cpuSlowdown > 1) {
    // DevTools' CPU throttling (Lighthouse's mobile setting is 4x): a rough stand-in for a low-end phone's CPU.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  }
  await page.goto(`${baseUrl}/${hash}`, { waitUntil: 'commit' });
  await waitForMark(page, 'pinPainted', `the PIN screen never painted at ${hash}`);
  await page.fill(SCREENS.pin, TEST_PIN);
  await page.evaluate(() => {
    (window as unknown as { __benchMarks: Marks }).__benchMarks.submit = performance.now();
  });
  await page.click('[data-testid="lock-screen"] button[type="submit"]');
  await waitForMark(page, `${screen}Painted`, `${screen} never painted after the PIN at ${hash}`);
  // No helper functions inside: tsx would wrap them in `__name()`, which the page lacks.
  const { marks, domContentLoadedMs, fromServiceWorker } = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      marks: (window as unknown as { __benchMarks: Marks }).__benchMarks,
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      fromServiceWorker: nav.workerStart > 0,
    };
  });
  const at = (mark: string): number => {
    const value = marks[mark];
    if (value === undefined) throw new Error(`no ${mark} mark at ${hash}`);
    return value;
  };
  const unlockPaintedMs = at(`${screen}Painted`) - at('submit');
  const timing: OpenTiming = {
    pinScreenMs: at('pinPainted'),
    unlockDomMs: at(`${screen}Dom`) - at('submit'),
    unlockPaintedMs,
    paintedMs: at('pinPainted') + unlockPaintedMs,
    domContentLoadedMs,
    fromServiceWorker,
  };
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

/** Opens the screen in a fresh tab (through the PIN), lets the start-up sync settle, and reads the heap. */
export async function heapOf(
  context: BrowserContext,
  baseUrl: string,
  hash: string,
  screen: ScreenName,
): Promise<HeapFigures> {
  const { page } = await openApp(context, baseUrl, hash, screen);
  await page.waitForTimeout(3000);
  const heap = await heapAfterGc(page);
  await page.close();
  return heap;
}
