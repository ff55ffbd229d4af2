import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForServiceWorker } from './browser.ts';
import { startPosyanduRig, type PosyanduRig } from './posyandu-rig.ts';
import { setPin, unlock } from './app-lock.ts';

/** Sum of layout shifts not caused by input, as the page saw them so far (what CLS adds up). */
async function layoutShifts(page: Page): Promise<{ total: number; sources: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ total: number; sources: string[] }>((resolve) => {
        const entries: { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] }[] = [];
        new PerformanceObserver((list) => {
          entries.push(...(list.getEntries() as unknown as typeof entries));
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => {
          const shifts = entries.filter((entry) => !entry.hadRecentInput);
          resolve({
            total: shifts.reduce((sum, entry) => sum + entry.value, 0),
            sources: shifts.flatMap((entry) =>
              (entry.sources ?? []).map((source) => (source.node as Element | null)?.outerHTML?.slice(0, 80) ?? '?'),
            ),
          });
        }, 500);
      }),
  );
}

/** Issue 14, the first load: the enrolled home does not move, and the server sends compressed files. */
describe('the enrolled home on first paint', () => {
  let rig: PosyanduRig;
  let page: Page;

  beforeAll(async () => {
    rig = await startPosyanduRig('Posyandu Kenanga', 'Bu Ani');
    page = rig.page;
    await page.goto(`${rig.server.url}/#/daftar/${rig.device.enrollmentCode}`);
    await waitForServiceWorker(page);
    await page.waitForFunction(
      (code) => (document.querySelector('input[name="enrollmentCode"]') as HTMLInputElement | null)?.value === code,
      rig.device.enrollmentCode,
    );
    await page.click('button[type="submit"]');
    await setPin(page);
    await page.waitForSelector('[data-testid="sync-card"] >> text=Semua data sudah terkirim');
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('shifts nothing while the sync and storage cards get their data and a sync runs (CLS 0)', async () => {
    // A fresh page, not a reload: the observer must see the load from its first paint.
    const fresh = await rig.phone.context.newPage();
    try {
      await fresh.goto(`${rig.server.url}/#/`);
      await unlock(fresh);
      await fresh.waitForSelector('[data-testid="sync-card"] >> text=Semua data sudah terkirim');
      await fresh.waitForSelector('[data-testid="storage-card"] p');
      const shifts = await layoutShifts(fresh);
      expect(shifts.sources).toEqual([]);
      expect(shifts.total).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('starts with nothing in the browser issue log: no CSP violation, no header the browser does not know', async () => {
    // What Lighthouse's best-practices score counts: zod's eval probe under our CSP and an unknown
    // Permissions-Policy feature were each logged on every start before.
    const fresh = await rig.phone.context.newPage();
    const logged: string[] = [];
    fresh.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') logged.push(message.text());
    });
    await fresh.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`CSP ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`),
      );
    });
    try {
      await fresh.goto(`${rig.server.url}/#/`);
      await unlock(fresh);
      await fresh.waitForSelector('[data-testid="sync-card"] >> text=Semua data sudah terkirim');
      await fresh.goto(`${rig.server.url}/#/keluarga/baru`);
      await fresh.waitForSelector('form');
      expect(logged).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('gets the app script brotli-compressed from the server, and a real robots.txt', async () => {
    const script = await page.evaluate(() => document.querySelector('script[type="module"]')?.getAttribute('src'));
    expect(script).toMatch(/^\/assets\//);
    const response = await fetch(`${rig.server.url}${script}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    const robots = await fetch(`${rig.server.url}/robots.txt`);
    expect(await robots.text()).toContain('User-agent: *');
  });
});
