import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations, smallTouchTargets } from './axe.ts';
import { waitForServiceWorker } from './browser.ts';
import { openPerson, registerFamily } from './family.ts';
import { startPosyanduRig, type PosyanduRig } from './posyandu-rig.ts';
import { setPin, unlock } from './app-lock.ts';

const SHOTS = join(process.cwd(), 'test-results', 'screenshots', 'kader');

/**
 * Every screen of the kader's app at 360 px in Debian's Chromium: axe-core finds no serious or critical
 * violation, every touch target is at least 44 px tall, and a full-page screenshot is kept for review
 * (test-results/screenshots/kader/, copied to docs/screenshots/kader/).
 */
describe('every kader screen at 360 px', () => {
  let rig: PosyanduRig;
  let page: Page;
  const ids = { household: '', child: '' };

  beforeAll(async () => {
    rig = await startPosyanduRig('Posyandu Melati', 'Bu Ani');
    page = rig.page;
    await page.clock.setFixedTime(new Date('2026-08-12T09:00:00+07:00'));
    await page.goto(`${rig.server.url}/#/daftar/${rig.device.enrollmentCode}`);
    await waitForServiceWorker(page);
    await page.click('button[type="submit"]');
    await setPin(page);
    await page.waitForSelector('text=Posyandu Melati');
    await registerFamily(page, {
      headName: 'Agus Salim',
      dusun: 'Krajan',
      rt: '2',
      rw: '1',
      villageCode: '3301012001',
      members: [
        { name: 'Agus Salim', sex: 'male', birthDate: '1991-05-02', relation: 'head' },
        { name: 'Wati Salim', sex: 'female', birthDate: '1995-01-20', relation: 'spouse' },
        { name: 'Dimas Salim', sex: 'male', birthDate: '2025-06-10', relation: 'child', mother: 'Wati Salim' },
      ],
    });
    ids.household = decodeURIComponent(page.url().split('#/keluarga/')[1] ?? '');
    await openPerson(page, 'Dimas Salim');
    ids.child = decodeURIComponent(page.url().split('#/warga/')[1] ?? '');
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  });

  const screens: { name: string; path: () => string; ready: string }[] = [
    { name: '01-home', path: () => '/', ready: 'text=Posyandu Melati' },
    { name: '02-enroll', path: () => '/daftar', ready: 'input[name="enrollmentCode"]' },
    { name: '03-households', path: () => '/keluarga', ready: 'text=Agus Salim' },
    { name: '04-household-form', path: () => '/keluarga/baru', ready: 'input[name="member-0-name"]' },
    { name: '05-household', path: () => `/keluarga/${ids.household}`, ready: '[data-testid="member-list"] li' },
    {
      name: '06-household-edit',
      path: () => `/keluarga/${ids.household}/ubah`,
      ready: '[data-testid="household-edit"]',
    },
    { name: '07-member-add', path: () => `/keluarga/${ids.household}/tambah`, ready: '[data-testid="member-add"]' },
    { name: '08-person', path: () => `/warga/${ids.child}`, ready: '[data-testid="immunization-status"]' },
    { name: '09-person-edit', path: () => `/warga/${ids.child}/ubah`, ready: '[data-testid="person-edit"]' },
    { name: '10-buku-kia', path: () => `/warga/${ids.child}/buku-kia`, ready: '[data-testid="kia-form"]' },
    { name: '11-search', path: () => '/cari', ready: 'input[name="search"]' },
    { name: '12-posyandu-day', path: () => '/posyandu', ready: 'input[name="visitor-search"]' },
    { name: '13-visitor', path: () => `/posyandu/${ids.child}`, ready: 'input[name="weightKg"]' },
    { name: '14-home-visits', path: () => '/kunjungan', ready: '[data-testid="follow-up-house"]' },
    { name: '15-report', path: () => '/laporan', ready: 'h1' },
    { name: '16-ckg', path: () => '/ckg', ready: 'h1' },
    { name: '17-rejected', path: () => '/periksa', ready: 'h1' },
  ];

  it('the checks see a violation and a small target when there is one', async () => {
    await page.goto(`${rig.server.url}/#/`);
    await page.waitForSelector('text=Posyandu Melati');
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'planted';
      button.style.minHeight = '0';
      button.style.height = '20px';
      document.querySelector('main')?.append(button);
    });
    expect((await seriousAxeViolations(page)).map((v) => v.id)).toContain('button-name');
    expect(await smallTouchTargets(page)).toEqual(['button "" 20 px']);
    await page.evaluate(() => document.getElementById('planted')?.remove());
  });

  for (const screen of screens) {
    it(`${screen.name}: no serious axe violation, every target at least 44 px`, { timeout: 60_000 }, async () => {
      await page.goto(`${rig.server.url}/#${screen.path()}`);
      await page.waitForSelector(screen.ready);
      if (screen.name === '11-search') {
        await page.fill('input[name="search"]', 'Salim');
        await page.waitForSelector('[data-testid="search-results"] li');
      }
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `${screen.name}.png`), fullPage: true });
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await smallTouchTargets(page)).toEqual([]);
    });
  }

  it('18-lock: the PIN screen after a restart, no serious axe violation, every target at least 44 px', async () => {
    await page.reload();
    await page.waitForSelector('[data-testid="lock-screen"][data-mode="unlock"] input[name="pin"]:enabled');
    await page.screenshot({ path: join(SHOTS, '18-lock.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    await unlock(page);
  });
});
