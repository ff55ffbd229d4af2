import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { openPages } from './failure-report.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface PhoneBrowser {
  context: BrowserContext;
  page: Page;
  /** The user-data-dir on disk (the encrypted-at-rest test reads its IndexedDB files). */
  profile: string;
  close(): Promise<void>;
}

/**
 * Debian's Chromium with a fresh profile and a 360 px wide phone screen. The background-networking flags keep
 * Chromium from calling out of this closed network.
 */
export async function launchPhone(): Promise<PhoneBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'posyandu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // A page that stops answering must say where it stopped: Playwright's own default wait (30 s) equals the test's
  // timeout, which wins the race and names no step. What the page threw, or its crash, goes to the test's output.
  context.setDefaultTimeout(25_000);
  context.on('weberror', (error) =>
    console.error(`[phone] uncaught in the page: ${error.error().stack ?? error.error().message}`),
  );
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('crash', () => console.error(`[phone] the page crashed at ${page.url()}`));
  const track = (opened: Page) => {
    openPages.add(opened);
    opened.once('close', () => openPages.delete(opened));
  };
  context.on('page', track);
  track(page);
  return {
    context,
    page,
    profile,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Resolves once a service worker controls the page and is `activated` (ready can resolve while activating). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker && worker.state !== 'activated') {
      await new Promise<void>((resolve) => {
        worker.addEventListener('statechange', () => {
          if (worker.state === 'activated') resolve();
        });
      });
    }
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
      );
    }
  });
}

export async function installabilityErrors(page: Page): Promise<unknown[]> {
  const cdp = await page.context().newCDPSession(page);
  const result = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
  await cdp.detach();
  return result.installabilityErrors;
}

/**
 * No network for the phone, made two ways at once, so the test holds whatever the Chromium build: the browser's
 * offline emulation (which some builds forget in a document loaded while offline: `navigator.onLine` is true
 * again) and every request that reaches the network refused. Requests the service worker answers from its cache
 * never reach the network, which is exactly the guarantee under test.
 */
export async function cutNetwork(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
}

export async function restoreNetwork(context: BrowserContext): Promise<void> {
  await context.unroute('**/*');
  await context.setOffline(false);
}

/**
 * The pustu's wifi with no uplink: the phone has a network (`navigator.onLine` is true) but the puskesmas server
 * answers nothing.
 */
export async function cutServer(context: BrowserContext): Promise<void> {
  await context.route('**/api/**', (route) => route.abort('connectionrefused'));
}

export async function restoreServer(context: BrowserContext): Promise<void> {
  await context.unroute('**/api/**');
}
