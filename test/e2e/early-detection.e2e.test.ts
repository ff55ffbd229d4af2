import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForServiceWorker } from './browser.ts';
import { openPerson, registerFamily } from './family.ts';
import { readOutbox } from './idb.ts';
import { startPosyanduRig, type PosyanduRig } from './posyandu-rig.ts';
import { setPin, unlock } from './app-lock.ts';

/**
 * Issue 9 in Debian's Chromium, offline: a toddler with LiLA 11.4 cm and a pregnant woman at 160/110 are judged
 * the moment the numbers are saved, each gets a referral with one tap, and both are on the home-visit list after
 * an offline reload; the development checklist and a fasting glucose act the same way. Offline here means no network at all and every API call aborted; the page is judged served
 * by the service worker from the response itself (navigator.onLine is unreliable after setOffline + reload).
 */
describe('early detection that acts, offline', () => {
  let rig: PosyanduRig;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    rig = await startPosyanduRig('Posyandu Melati', 'Bu Ani');
    page = rig.page;
    base = rig.server.url;
    await page.clock.setFixedTime(new Date('2026-08-12T09:00:00+07:00'));
    await page.goto(`${base}/#/daftar/${rig.device.enrollmentCode}`);
    await waitForServiceWorker(page);
    await page.click('button[type="submit"]');
    await setPin(page);
    await page.waitForSelector('text=Posyandu Melati');
    await rig.phone.context.setOffline(true);
    await rig.phone.context.route('**/api/**', (route) => route.abort());
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await unlock(page);
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('registers a family: a toddler and his pregnant mother', { timeout: 60_000 }, async () => {
    await registerFamily(page, {
      headName: 'Joko Susilo',
      dusun: 'Krajan',
      rt: '2',
      rw: '4',
      villageCode: '3201012001',
      members: [
        { name: 'Joko Susilo', sex: 'male', birthDate: '1990-08-01', relation: 'head' },
        { name: 'Rina Susilo', sex: 'female', birthDate: '1996-09-09', relation: 'spouse' },
        { name: 'Bayu Susilo', sex: 'male', birthDate: '2025-02-12', relation: 'child', mother: 'Rina Susilo' },
      ],
    });

    await openPerson(page, 'Rina Susilo');
    await page.fill('input[name="lmp"]', '2026-03-01');
    await page.click('[data-testid="pregnancy-register"] button[type="submit"]');
    await page.waitForSelector('text=Sedang hamil');
  });

  it(
    'judges LiLA 11,4 cm as gizi buruk and records the urgent referral with one tap',
    { timeout: 60_000 },
    async () => {
      await registerVisitor(page, 'Bayu Susilo');
      await page.fill('input[name="weightKg"]', '8,9');
      await page.fill('input[name="muacCm"]', '11,4');
      await page.fill('input[name="headCircumferenceCm"]', '46,5');
      await saveMeasurement(page);
      const finding = page.locator('[data-testid="finding-child_muac"]');
      await expect.poll(() => finding.innerText()).toContain('Gizi buruk');
      expect(await finding.innerText()).toContain('11,4 cm');
      expect(await finding.innerText()).toContain('Rujuk SEGERA ke puskesmas');
      await shot(page, '10-finding-muac');
      await page.click('[data-testid="refer-child_muac"]');
      await page.waitForSelector('[data-testid="referred-child_muac"]');
    },
  );

  it('judges 160/110 in pregnancy as severe and refers her urgently to the hospital', { timeout: 60_000 }, async () => {
    await registerVisitor(page, 'Rina Susilo');
    await page.fill('input[name="systolicMmHg"]', '160');
    await page.fill('input[name="diastolicMmHg"]', '110');
    await saveMeasurement(page);
    const finding = page.locator('[data-testid="finding-bp_pregnancy"]');
    await expect.poll(() => finding.innerText()).toContain('160/110 mmHg');
    expect(await finding.innerText()).toContain('Rujuk SEGERA ke rumah sakit');
    await page.click('[data-testid="refer-bp_pregnancy"]');
    await page.waitForSelector('[data-testid="referred-bp_pregnancy"]');
    await shot(page, '11-finding-bp-referred');
  });

  it(
    'shows both on the home-visit list after a reload, served by the service worker',
    { timeout: 60_000 },
    async () => {
      await page.goto(`${base}/#/kunjungan`);
      const response = await page.reload({ waitUntil: 'domcontentloaded' });
      expect(response?.fromServiceWorker()).toBe(true);
      await unlock(page);
      await page.waitForSelector('[data-testid="follow-up-list"] >> text=Bayu Susilo');
      const list = await page.locator('[data-testid="follow-up-list"]').innerText();
      expect(list).toContain('Rina Susilo');
      expect(list).toContain('LiLA anak: Gizi buruk');
      expect(list).toContain('Tekanan darah ibu hamil/nifas');
      expect(list).toContain('Rujukan belum ada hasil');

      await shot(page, '12-follow-up-findings');
      const referrals = (await readOutbox(page)).filter((entry) => entry.table === 'referrals');
      expect(referrals).toHaveLength(2);

      // Recording a visit closes the person's tasks: it asks first, and "Batal" records nothing.
      const before = (await readOutbox(page)).length;
      const bayu = page.locator('[data-testid="follow-up-person"]:has-text("Bayu Susilo")');
      await bayu.locator('button:has-text("Catat kunjungan")').click();
      expect(await bayu.locator('[data-testid$="-confirm"]').innerText()).toContain('Sudah berkunjung ke Bayu Susilo');
      await bayu.locator('[data-testid$="-confirm"] button:has-text("Batal")').click();
      expect(await readOutbox(page)).toHaveLength(before);
    },
  );

  it('lists the father’s birthday check (1 August) for Cek Kesehatan Gratis', { timeout: 60_000 }, async () => {
    await page.goto(`${base}/#/ckg`);
    await page.waitForSelector('[data-testid="ckg-list"] >> text=Joko Susilo');
    expect(await page.locator('[data-testid="ckg-list"]').innerText()).toContain('Bisa sekarang, sampai 31/08/2026');
    // Marking the check done closes it for the year: asked first, and "Batal" records nothing.
    const before = (await readOutbox(page)).length;
    const joko = page.locator('[data-testid="ckg-list"] li:has-text("Joko Susilo")');
    await joko.locator('button:has-text("Sudah cek")').click();
    expect(await joko.locator('[data-testid$="-confirm"]').innerText()).toContain('Cek kesehatan Joko Susilo');
    await joko.locator('[data-testid$="-confirm"] button:has-text("Batal")').click();
    expect(await readOutbox(page)).toHaveLength(before);
  });

  it(
    'asks the Buku KIA development checklist of 18 months: one "tidak" refers Bayu for KPSP',
    { timeout: 60_000 },
    async () => {
      await registerVisitor(page, 'Bayu Susilo');
      await page.click('[data-testid="development-checklist"] summary');
      // Saving with an item unanswered is refused at the item, never read as "tidak".
      await page.click('[data-testid="development-checklist"] button[type="submit"]');
      await page.waitForSelector('[data-testid="development-checklist"] >> text=Pilih Ya atau Tidak dulu.');
      for (const item of ['m18_words_6', 'm18_body_part', 'm18_cup']) {
        await page.check(`input[name="dev-${item}"][value="yes"]`);
      }
      await page.check('input[name="dev-m18_walk"][value="no"]');
      await page.click('[data-testid="development-checklist"] button[type="submit"]');
      const result = page.locator('[data-testid="development-result"]');
      await expect.poll(() => result.innerText()).toContain('ada yang belum bisa');
      const finding = page.locator('[data-testid="finding-screening"]', { hasText: 'Perkembangan anak' });
      await expect.poll(() => finding.innerText()).toContain('perlu diperiksa perkembangannya (KPSP)');
      expect(await finding.innerText()).toContain('Rujuk ke puskesmas');
      expect(await finding.innerText()).toContain('Rujukan ke puskesmas sudah dicatat');
      await shot(page, '13-development-checklist');

      // Without WHO's hcfa table the head is not judged, but it is kept and shown in Bayu's history.
      expect(await page.locator('[data-testid="finding-head_circumference"]').count()).toBe(0);
      await page.goto(`${base}/#/cari`);
      await page.fill('input[name="search"]', 'Bayu Susilo');
      await page.click('[data-testid="search-results"] >> text=Bayu Susilo');
      await page.waitForSelector('h1:has-text("Bayu Susilo")');
      await page.waitForSelector('text=LK 46,5 cm');
      // The growth card says in plain words why there is no head chart, instead of drawing a blank one.
      await page.waitForSelector('[data-testid="head-chart-missing"] >> text=tabel lingkar kepala WHO belum dipasang');
    },
  );

  it(
    'judges the father’s fasting glucose 130 mg/dL as suspected diabetes and refers him',
    { timeout: 60_000 },
    async () => {
      await registerVisitor(page, 'Joko Susilo');
      await page.fill('input[name="fastingGlucoseMgDl"]', '130');
      await saveMeasurement(page);
      const finding = page.locator('[data-testid="finding-glucose_fasting"]');
      await expect.poll(() => finding.innerText()).toContain('130 mg/dL');
      expect(await finding.innerText()).toContain('Gula darah puasa tinggi');
      expect(await finding.innerText()).toContain('Rujuk ke puskesmas');
      await page.click('[data-testid="refer-glucose_fasting"]');
      await page.waitForSelector('[data-testid="referred-glucose_fasting"]');
      await shot(page, '14-finding-fasting-glucose');

      await page.goto(`${base}/#/kunjungan`);
      await page.waitForSelector('[data-testid="follow-up-list"] >> text=Bayu Susilo');
      expect(await page.locator('[data-testid="follow-up-list"]').innerText()).toContain(
        'Perkembangan anak (Buku KIA)',
      );
      const referrals = (await readOutbox(page)).filter((entry) => entry.table === 'referrals');
      expect(referrals).toHaveLength(4);
    },
  );
});

/** Screenshots for a reviewer, beside the posyandu-morning ones (CI keeps test-results/). */
async function shot(page: Page, name: string): Promise<void> {
  const dir = join(process.cwd(), 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

async function registerVisitor(page: Page, name: string): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#/posyandu`);
  await page.fill('input[name="visitor-search"]', name);
  await page.click(`[data-testid="register-results"] li:has-text("${name}") button`);
  await page.waitForSelector(`h1:has-text("${name}")`);
}

/** Saves, keeping a value the plausibility check doubts (the kader re-measured it). */
async function saveMeasurement(page: Page): Promise<void> {
  await page.click('text=Simpan hasil ukur');
  const saved = page.getByText('Hasil ukur tersimpan.');
  await saved.or(page.locator('[data-testid="re-measure"]')).first().waitFor();
  if (await page.isVisible('[data-testid="re-measure"]')) await page.click('text=Sudah diukur ulang, simpan');
  await saved.waitFor();
}
