// Issue 2's boundary from the kader's side: what a smaller first download does to the first paint. In Debian's
// headless Chromium, a phone enrolls and sets its PIN; then each round opens a new tab (nothing of the app in
// memory) and times (a) the cold start to the PIN screen painted, with the main thread's task and script time up
// to just after that paint (CDP Performance.getMetrics), and (b) after unlocking and a pause, home to the
// household list painted. Run it on two checkouts, alternated, to compare. Prints medians; asserts nothing.
//
//   npx tsx bench/shell-paint.bench.ts [rounds]
import type { CDPSession, Page } from 'playwright-core';
import { loadavg } from 'node:os';
import { unlock, setPin } from '../test/e2e/app-lock.ts';
import { waitForServiceWorker } from '../test/e2e/browser.ts';
import { startPosyanduRig } from '../test/e2e/posyandu-rig.ts';

const ROUNDS = Number(process.argv[2] ?? 8);
const SCREENS = {
  lock: '[data-testid="lock-screen"][data-mode="unlock"]',
  list: '[data-testid="household-list"], main.content > a.button + p.muted',
  home: 'nav.menu',
};
// The first frame after a screen's node appears: the same mark as bench/app/browser-bench.ts.
const MARKS_SCRIPT = `(() => {
  const selectors = ${JSON.stringify(SCREENS)};
  const marks = {};
  window.__paintMarks = marks;
  new MutationObserver(() => {
    for (const [name, selector] of Object.entries(selectors)) {
      if (name in marks || !document.querySelector(selector)) continue;
      marks[name] = -1;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { marks[name] = performance.now(); };
        channel.port2.postMessage(null);
      });
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();`;

type Marks = Partial<Record<keyof typeof SCREENS, number>>;
const marksOf = (page: Page) => page.evaluate(() => (window as { __paintMarks?: Marks }).__paintMarks ?? {});

async function painted(page: Page, screen: keyof typeof SCREENS): Promise<number> {
  await page.waitForFunction((name) => ((window as { __paintMarks?: Marks }).__paintMarks?.[name] ?? -1) > 0, screen, {
    polling: 20,
    timeout: 60_000,
  });
  return (await marksOf(page))[screen] as number;
}

async function mainThreadMs(cdp: CDPSession): Promise<{ task: number; script: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
  return { task: ms('TaskDuration'), script: ms('ScriptDuration') };
}

const rig = await startPosyanduRig('Posyandu Paint', 'Bu Sri');
const figures: Record<string, number[]> = {};
const add = (name: string, value: number) => (figures[name] ??= []).push(value);
try {
  const { page, server, phone } = rig;
  await page.goto(`${server.url}/#/daftar/${rig.device.enrollmentCode}`);
  await waitForServiceWorker(page);
  await page.click('button[type="submit"]');
  await setPin(page);
  await page.waitForSelector(SCREENS.home);
  await page.close();
  for (let round = 0; round < ROUNDS; round++) {
    const tab = await phone.context.newPage();
    await tab.addInitScript(MARKS_SCRIPT);
    const cdp = await phone.context.newCDPSession(tab);
    await cdp.send('Performance.enable');
    await tab.goto(`${server.url}/`, { waitUntil: 'commit' });
    add('cold start -> PIN screen painted, ms', await painted(tab, 'lock'));
    const atPin = await mainThreadMs(cdp);
    add('  main-thread tasks until then, ms', atPin.task);
    add('  of which script, ms', atPin.script);
    await unlock(tab);
    await painted(tab, 'home');
    await tab.waitForTimeout(1_500);
    const before = await mainThreadMs(cdp);
    const listMs = await tab.evaluate(async () => {
      const started = performance.now();
      location.hash = '#/keluarga';
      const marks = (window as { __paintMarks?: Marks }).__paintMarks ?? {};
      while ((marks.list ?? -1) <= 0) await new Promise((resolve) => setTimeout(resolve, 5));
      return (marks.list as number) - started;
    });
    const after = await mainThreadMs(cdp);
    add('home -> household list painted, ms', listMs);
    add('  main-thread tasks meanwhile, ms', after.task - before.task);
    await tab.close();
  }
} finally {
  await rig.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
console.log(`shell paint, ${ROUNDS} rounds, load average ${loadavg()[0]?.toFixed(2)}`);
for (const [name, values] of Object.entries(figures)) {
  console.log(
    `${name.padEnd(40)} median ${median(values).toFixed(0).padStart(5)}   all ${values.map((v) => v.toFixed(0)).join(' ')}`,
  );
}
