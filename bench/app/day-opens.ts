// The three ways the posyandu-day bench opens the day screen (bench/posyandu-day.bench.ts), each in a new tab of
// the phone's context, optionally with the CPU slowed down:
//   - `fromPin`: the app opened at #/posyandu, locked; from the PIN's submit to the painted lists (what a kader
//     waits for after unlocking: PBKDF2 and the keys, then the screen);
//   - `unlocked`: the app opened at #/ and unlocked first; from the hash change to #/posyandu to the painted lists
//     (cold: the first open after unlocking, nothing of the posyandu in memory), then home and back again (warm).
import type { BrowserContext, Page } from 'playwright-core';
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
  /** Visitors listed (a check that the screen showed the day). */
  visitors: number;
}

async function newTab(context: BrowserContext, slowdown: number): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(MARKS_SCRIPT);
  if (slowdown > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  }
  return page;
}

/** Resets the marks and starts the clock in the page, then runs `act` (a click or a hash change). */
async function startClock(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as MarkedWindow).__dayMarks = { start: performance.now() };
  });
}

async function waitPainted(page: Page): Promise<DayOpen> {
  await page.waitForFunction(() => (window as unknown as MarkedWindow).__dayMarks.painted, undefined, {
    ...WAIT,
    polling: 20,
  });
  return page.evaluate(() => {
    const marks = (window as unknown as MarkedWindow).__dayMarks as Required<Marks>;
    return {
      domMs: marks.dom - marks.start,
      paintedMs: marks.painted - marks.start,
      visitors: document.querySelectorAll('[data-testid^="stage-"] li').length,
    };
  });
}

async function typePin(page: Page): Promise<void> {
  const pin = page.locator('[data-testid="lock-screen"][data-mode="unlock"] input[name="pin"]:enabled');
  await pin.waitFor(WAIT);
  await pin.fill(TEST_PIN);
}

/** (b) Locked app at #/posyandu: from the PIN's submit to the painted lists. */
export async function openFromPin(context: BrowserContext, baseUrl: string, slowdown: number): Promise<DayOpen> {
  const page = await newTab(context, slowdown);
  try {
    await page.goto(`${baseUrl}/#/posyandu`, { waitUntil: 'commit' });
    await typePin(page);
    await startClock(page);
    await page.click('[data-testid="lock-screen"] button[type="submit"]');
    return await waitPainted(page);
  } finally {
    await page.close();
  }
}

/** (a) Unlocked app: the first open of #/posyandu after unlocking at home (cold), then home and back (warm). */
export async function openUnlocked(
  context: BrowserContext,
  baseUrl: string,
  slowdown: number,
): Promise<{ cold: DayOpen; warm: DayOpen }> {
  const page = await newTab(context, slowdown);
  try {
    await page.goto(`${baseUrl}/#/`, { waitUntil: 'commit' });
    await typePin(page);
    await page.click('[data-testid="lock-screen"] button[type="submit"]');
    await page.waitForSelector(HOME, WAIT);
    // Let the home screen's own reads settle, so the clock measures the day screen only.
    await page.waitForTimeout(500);
    const toDay = async () => {
      await startClock(page);
      await page.evaluate(() => {
        location.hash = '#/posyandu';
      });
      return waitPainted(page);
    };
    const cold = await toDay();
    await page.evaluate(() => {
      location.hash = '#/';
    });
    await page.waitForSelector(HOME, WAIT);
    await page.waitForSelector(SCREEN, { state: 'detached', ...WAIT });
    await page.waitForTimeout(200);
    const warm = await toDay();
    return { cold, warm };
  } finally {
    await page.close();
  }
}
