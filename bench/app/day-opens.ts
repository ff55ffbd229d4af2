// The three ways the posyandu-day bench opens the day screen (bench/posyandu-day.bench.ts), each in a new tab of
// the phone's context, optionally with the CPU slowed down:
//   - `fromPin`: the app opened at #/posyandu, locked; from the PIN's submit to the painted lists (what a kader
//     waits for after unlocking: PBKDF2 and the keys, then the screen);
//   - `unlocked`: the app opened at #/ and unlocked first; from the hash change to #/posyandu to the painted lists
//     (cold: the first open after unlocking, nothing of the posyandu in memory), then home and back again (warm).
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { summariseProfile, type ProfileSummary } from './cpu-profile.ts';
import { TEST_PIN } from '../../test/e2e/app-lock.ts';

const SCREEN = '[data-testid="due-today"]';
const HOME = '[data-testid="app-version"]';
const WAIT = { timeout: 300_000 };

/**
 * Stamps, relative to `__dayMarks.start`, when the day screen's lists are in the DOM and the frame after (a string:
 * it runs in the page before the app). The marks object is replaced for each measured open.
 */
const MARKS_SCRIPT = `(() => {
  window.__dayMarks = {};
  const observer = new MutationObserver(() => {
    const marks = window.__dayMarks;
    if (marks.start === undefined || 'dom' in marks || !document.querySelector(${JSON.stringify(SCREEN)})) return;
    marks.dom = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { marks.painted = performance.now(); };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

interface Marks {
  start?: number;
  dom?: number;
  painted?: number;
}
type MarkedWindow = Window & { __dayMarks: Marks };

export interface DayOpen {
  /** From the start (PIN submit or hash change) to the lists in the DOM, ms. */
  domMs: number;
  /** From the start to the first frame after that, ms. */
  paintedMs: number;
  /**
   * The main thread's busy time over the same span, ms: less sensitive to the other engineers' load than the wall
   * clock (the crypto and IndexedDB threads are not in it).
   */
  busyMs: number;
  /** Visitors listed (a check that the screen showed the day). */
  visitors: number;
}

interface Tab {
  page: Page;
  cdp: CDPSession;
  /** The renderer main thread's busy time so far (CDP Performance TaskDuration), ms. */
  busyMs: () => Promise<number>;
}

async function newTab(context: BrowserContext, slowdown: number): Promise<Tab> {
  const page = await context.newPage();
  await page.addInitScript(MARKS_SCRIPT);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (slowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  const busyMs = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
  };
  return { page, cdp, busyMs };
}

/** Resets the marks and starts the clock in the page, then runs `act` (a click or a hash change). */
async function startClock(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as MarkedWindow).__dayMarks = { start: performance.now() };
  });
}

async function waitPainted({ page, busyMs }: Tab, busyAtStart: number): Promise<DayOpen> {
  await page.waitForFunction(() => (window as unknown as MarkedWindow).__dayMarks.painted, undefined, {
    ...WAIT,
    polling: 20,
  });
  const busy = (await busyMs()) - busyAtStart;
  const open = await page.evaluate(() => {
    const marks = (window as unknown as MarkedWindow).__dayMarks as Required<Marks>;
    return {
      domMs: marks.dom - marks.start,
      paintedMs: marks.painted - marks.start,
      visitors: document.querySelectorAll('[data-testid^="stage-"] li').length,
    };
  });
  return { ...open, busyMs: busy };
}

async function typePin(page: Page): Promise<void> {
  const pin = page.locator('[data-testid="lock-screen"][data-mode="unlock"] input[name="pin"]:enabled');
  await pin.waitFor(WAIT);
  await pin.fill(TEST_PIN);
}

/** (b) Locked app at #/posyandu: from the PIN's submit to the painted lists. */
export async function openFromPin(context: BrowserContext, baseUrl: string, slowdown: number): Promise<DayOpen> {
  const tab = await newTab(context, slowdown);
  const { page } = tab;
  try {
    await page.goto(`${baseUrl}/#/posyandu`, { waitUntil: 'commit' });
    await typePin(page);
    await startClock(page);
    const busy = await tab.busyMs();
    await page.click('[data-testid="lock-screen"] button[type="submit"]');
    return await waitPainted(tab, busy);
  } finally {
    await page.close();
  }
}

/** (a) Unlocked app: the first open of #/posyandu after unlocking at home (cold), then home and back (warm). */
export async function openUnlocked(
  context: BrowserContext,
  baseUrl: string,
  slowdown: number,
  /** Records a CPU profile of the cold open (bench:day --profile), source-mapped with the build's maps there. */
  profileAssets?: string,
): Promise<{ cold: DayOpen; warm: DayOpen; coldProfile?: ProfileSummary }> {
  const tab = await newTab(context, slowdown);
  const { page } = tab;
  try {
    await page.goto(`${baseUrl}/#/`, { waitUntil: 'commit' });
    await typePin(page);
    await page.click('[data-testid="lock-screen"] button[type="submit"]');
    await page.waitForSelector(HOME, WAIT);
    // Let the home screen's own reads settle, so the clock measures the day screen only.
    await page.waitForTimeout(500);
    const toDay = async () => {
      await startClock(page);
      const busy = await tab.busyMs();
      await page.evaluate(() => {
        location.hash = '#/posyandu';
      });
      return waitPainted(tab, busy);
    };
    if (profileAssets) {
      await tab.cdp.send('Profiler.enable');
      await tab.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await tab.cdp.send('Profiler.start');
    }
    const cold = await toDay();
    const coldProfile = profileAssets
      ? summariseProfile((await tab.cdp.send('Profiler.stop')).profile, profileAssets)
      : undefined;
    await page.evaluate(() => {
      location.hash = '#/';
    });
    await page.waitForSelector(HOME, WAIT);
    await page.waitForSelector(SCREEN, { state: 'detached', ...WAIT });
    await page.waitForTimeout(200);
    const warm = await toDay();
    return { cold, warm, ...(coldProfile ? { coldProfile } : {}) };
  } finally {
    await page.close();
  }
}
