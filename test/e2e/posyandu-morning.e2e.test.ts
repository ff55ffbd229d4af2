import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutNetwork, restoreNetwork, waitForServiceWorker } from './browser.ts';
import { fillArea, fillMembers } from './family.ts';
import { readOutbox } from './idb.ts';
import { startPosyanduRig, type PosyanduRig } from './posyandu-rig.ts';
import { setPin, unlock } from './app-lock.ts';

/** Screenshots of the main screens at 360 px, kept for a reviewer (CI keeps test-results/). */
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

interface Member {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  relation: string;
  nik?: string;
  mother?: string;
}

/**
 * Issue 5's posyandu morning, in Debian's Chromium, offline from start to end, on an August posyandu day (the
 * vitamin A month): register two households, weigh four toddlers and see their status, give vitamin A and a
 * vaccine, record an antenatal visit, see the follow-up list; reload offline and find everything; go online and
 * find everything on the server.
 */
describe('a posyandu morning, offline', () => {
  let rig: PosyanduRig;
  let server: PosyanduRig['server'];
  let phone: PosyanduRig['phone'];
  let page: Page;
  let device: PosyanduRig['device'];
  let posyanduId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    rig = await startPosyanduRig('Posyandu Kenanga', 'Bu Yati');
    ({ server, phone, page, device, posyanduId } = rig);
    // 12 August 2026, 09:00 WIB: a vitamin A month. Timers keep running; only the date is fixed.
    await page.clock.setFixedTime(new Date('2026-08-12T09:00:00+07:00'));
    await page.goto(`${server.url}/#/daftar/${device.enrollmentCode}`);
    await waitForServiceWorker(page);
    await page.click('button[type="submit"]');
    await setPin(page);
    await page.waitForSelector('text=Posyandu Kenanga');
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  });

  // Its own step, not part of beforeAll: if it fails, the steps after it still run and say what else broke.
  it('starts the morning offline, served by the service worker', async () => {
    await cutNetwork(phone.context);
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await unlock(page);
    await page.waitForSelector('text=Posyandu Kenanga');
    await page.locator('[data-testid="connectivity"]').waitFor();
  });

  it('registers two households', async () => {
    await shot(page, '01-home');
    await registerHousehold(page, 'Ahmad Fauzi', '3201012001', [
      { name: 'Ahmad Fauzi', sex: 'male', birthDate: '1992-02-03', relation: 'head', nik: '3201010302920001' },
      { name: 'Dewi Lestari', sex: 'female', birthDate: '1995-06-21', relation: 'spouse', nik: '3201016106950002' },
      { name: 'Putri Fauzi', sex: 'female', birthDate: '2026-01-05', relation: 'child', mother: 'Dewi Lestari' },
      { name: 'Bima Fauzi', sex: 'male', birthDate: '2025-06-02', relation: 'child', mother: 'Dewi Lestari' },
    ]);
    await registerHousehold(page, 'Rudi Hartono', '3201012001', [
      { name: 'Rudi Hartono', sex: 'male', birthDate: '1990-11-30', relation: 'head', nik: '3201013011900003' },
      { name: 'Sri Wahyuni', sex: 'female', birthDate: '1996-09-09', relation: 'spouse', nik: '3201014909960004' },
      { name: 'Adi Hartono', sex: 'male', birthDate: '2024-06-15', relation: 'child', mother: 'Sri Wahyuni' },
      { name: 'Nina Hartono', sex: 'female', birthDate: '2023-03-10', relation: 'child', mother: 'Sri Wahyuni' },
    ]);
    await page.goto(`${server.url}/#/keluarga`);
    await page.waitForSelector('text=Rudi Hartono');
    expect(await page.locator('[data-testid="household-list"] li').count()).toBe(2);
  });

  it('registers a pregnancy for Sri Wahyuni', async () => {
    await openPerson(page, 'Sri Wahyuni');
    await page.fill('input[name="lmp"]', '2026-05-01');
    await page.waitForSelector('text=05/02/2027');
    await page.click('[data-testid="pregnancy-register"] button[type="submit"]');
    await page.waitForSelector('text=Sedang hamil');
  });

  it('weighs four toddlers and shows each one’s status at once', async () => {
    const toddlers: [string, string, string][] = [
      ['Putri Fauzi', '7.6', '66.5'],
      ['Bima Fauzi', '9.8', '76'],
      ['Adi Hartono', '11.9', '86.5'],
      ['Nina Hartono', '14.1', '97'],
    ];
    for (const [name, weight, length] of toddlers) {
      await registerVisitor(page, name);
      await page.fill('input[name="weightKg"]', weight);
      await page.fill('input[name="lengthHeightCm"]', length);
      await page.click('text=Simpan hasil ukur');
      await page.waitForSelector('text=Hasil ukur tersimpan');
      const result = await page.locator('[data-testid="growth-result"]').innerText();
      expect(result).toContain('B — Baru pertama ditimbang');
      expect(result).toMatch(/BB\/U\s+Berat badan normal/);
      // The values just saved are read back in Indonesian numbers, and the KMS chart is one tap away.
      expect(await page.locator('[data-testid="growth-saved"]').innerText()).toContain(
        `BB ${weight.replace('.', ',')} kg`,
      );
      expect(await page.getAttribute('[data-testid="growth-kms-link"]', 'href')).toMatch(/^#\/warga\//);
      if (name === 'Putri Fauzi') await shot(page, '04-visitor-growth-result');
    }
    // One tap from the last result to her chart.
    await page.click('[data-testid="growth-kms-link"]');
    await page.waitForSelector('h1:has-text("Nina Hartono")');
    await page.waitForSelector('[data-testid="kms-chart"] svg');
  });

  it('gives vitamin A and a vaccine', async () => {
    await registerVisitor(page, 'Putri Fauzi');
    await give(page, 'vitamin_a_blue');
    await page.waitForSelector('[data-testid="services-due"] >> text=Sudah diberi');
    const vaccine = page.locator('[data-testid="services-due"] button[data-testid^="give-"]').first();
    const code = (await vaccine.getAttribute('data-testid'))?.replace('give-', '');
    await give(page, code ?? '');
    await expect.poll(() => page.locator('[data-testid="services-due"] >> text=Sudah diberi').count()).toBe(2);
    expect(code).toBeTruthy();
    await shot(page, '05-services-given');
    // Diarrhoea told at the table: ORS and zinc become due, and can be given too.
    await page.check('input[name="diarrhoea"]');
    await give(page, 'oralit');
    await expect.poll(() => page.locator('[data-testid="services-due"] >> text=Sudah diberi').count()).toBe(3);
  });

  it('screens an adult for TB and records the referral', async () => {
    await registerVisitor(page, 'Ahmad Fauzi');
    await page.click('[data-testid="screenings"] summary:has-text("Skrining gejala TBC")');
    await page.check('label:has-text("Batuk (berapa pun lamanya)") input');
    await page.click('[data-testid="screenings"] button[type="submit"]');
    await page.waitForSelector('text=Hasil: terduga TBC.');
    await page.waitForSelector('text=Rujukan ke puskesmas sudah dicatat.');
  });

  it('records a birth, and the newborn visit due on the baby’s page', async () => {
    await openPerson(page, 'Dewi Lestari');
    await page.click('text=Catat kelahiran');
    await page.fill('input[name="babyName"]', 'Bayi Dewi');
    await page.check('input[name="babySex"][value="female"]');
    await page.fill('input[name="birthWeight"]', '3,1');
    await page.click('[data-testid="birth-form"] button[type="submit"]');
    await page.waitForSelector('h1:has-text("Bayi Dewi")');
    await page.waitForSelector('[data-testid="after-birth-neonatal"] >> text=Waktunya sekarang');
    await page.click('text=Catat kunjungan KN1');
    await expect
      .poll(() => page.locator('[data-testid="after-birth-neonatal"] .badge', { hasText: 'Sudah' }).count())
      .toBe(1);
    expect(await page.locator('[data-testid="timeline"]').innerText()).toContain('BB 3,1 kg');
  });

  it('records an antenatal visit', async () => {
    await registerVisitor(page, 'Sri Wahyuni');
    await page.waitForSelector('[data-testid="pregnancy-card"] >> text=trimester 2');
    await page.click('[data-testid="record-antenatal"]');
    await page.waitForSelector('text=Pemeriksaan kehamilan tercatat');
    await shot(page, '06-antenatal');
  });

  it('shows the day by life-stage group and the follow-up list', async () => {
    await page.goto(`${server.url}/#/posyandu`);
    await page.waitForSelector('text=Pengunjung hari ini (6)');
    expect(await page.locator('[data-testid="stage-baby_toddler"] li').count()).toBe(4);
    expect(await page.locator('[data-testid="stage-adult"] li').count()).toBe(1);
    expect(await page.locator('[data-testid="stage-pregnant"] li').count()).toBe(1);
    await shot(page, '03-posyandu-day');
    await page.goto(`${server.url}/#/kunjungan`);
    await page.waitForSelector('[data-testid="follow-up-list"] li');
    const tasks = await page.locator('[data-testid="follow-up-list"]').innerText();
    expect(tasks).toContain('Imunisasi terlambat');
    expect(tasks).toContain('Rujukan belum ada hasil');
    await shot(page, '07-follow-up');
    await page.locator('[data-testid="follow-up-list"] button').first().click();
    // Recording a visit closes tasks, so it asks first.
    await page.click('[data-testid="follow-up-list"] button:has-text("Ya, sudah berkunjung")');
    await page.waitForSelector('[data-testid="follow-up-list"] >> text=Sudah dikunjungi');
  });

  it('shows the KMS chart on the child’s page', async () => {
    await openPerson(page, 'Nina Hartono');
    await page.waitForSelector('[data-testid="kms-chart"] svg');
    // The bands are coloured: the chart's styles reached the page under the CSP's style-src 'self'.
    const fill = await page
      .locator('[data-testid="kms-chart"] figure.kms-chart .bands path')
      .first()
      .evaluate((el) => getComputedStyle(el).fill);
    expect(fill).not.toBe('rgb(0, 0, 0)');
    await shot(page, '08-kms-chart', true);
  });

  it('keeps everything after an offline reload', async () => {
    // Step by step with its own deadline, so a slow step names itself.
    await page.goto(`${server.url}/#/posyandu`, { timeout: 10_000 });
    const response = await page.reload({ waitUntil: 'domcontentloaded', timeout: 10_000 });
    expect(response?.fromServiceWorker()).toBe(true);
    await unlock(page);
    await page.waitForSelector('text=Pengunjung hari ini (6)', { timeout: 15_000 });
    const outbox = await readOutbox(page);
    const count = (table: string) => outbox.filter((entry) => entry.table === table).length;
    expect(count('households')).toBe(2);
    expect(count('persons')).toBe(9);
    expect(count('measurements')).toBe(5);
    expect(count('services')).toBe(2);
    expect(count('screenings')).toBe(1);
    expect(count('referrals')).toBe(1);
    expect(count('immunizations')).toBe(1);
    expect(count('pregnancies')).toBe(1);
    // Six registrations (registering Putri again the same day adds none), one newborn, one antenatal, one home.
    expect(count('visits')).toBe(6 + 1 + 1 + 1);
    expect(outbox.every((entry) => entry.state === 'pending')).toBe(true);
  });

  it('shows the posyandu’s monthly report from the phone’s own records, offline', async () => {
    await page.goto(`${server.url}/#/laporan`);
    await page.fill('input[name="report-month"]', '2026-08');
    await page.waitForSelector('[data-testid="skdn-chart"]');
    // Four toddlers and the newborn, all weighed for the first time this August: S = D = B = 5, N = 0.
    const figure = (id: string) => page.locator(`[data-testid="${id}"]`).innerText();
    expect([await figure('skdn-S'), await figure('skdn-D'), await figure('skdn-B'), await figure('skdn-N')]).toEqual([
      '5',
      '5',
      '5',
      '0',
    ]);
    expect(await figure('figure-births')).toBe('1');
    expect(await figure('figure-vitamin_a_blue')).toBe('1');
    expect(await figure('figure-tb_presumptive')).toBe('1');
    await shot(page, '10-monthly-report', true);
  });

  it('sends everything to the puskesmas once the phone is online', async () => {
    await restoreNetwork(phone.context);
    await page.goto(`${server.url}/#/`);
    await page.click('text=Sinkronkan sekarang');
    await page.waitForSelector('text=Semua data sudah terkirim', { timeout: 20_000 });
    await shot(page, '02-home-synced');
    expect(await readOutbox(page)).toHaveLength(0);
    const stored = await server.store.listRecordsAfter(posyanduId, 0, 1000);
    const count = (table: string) => stored.filter((record) => record.table === table).length;
    expect([count('households'), count('persons'), count('measurements'), count('services')]).toEqual([2, 9, 5, 2]);
    expect([count('immunizations'), count('pregnancies'), count('visits')]).toEqual([1, 1, 9]);
    expect([count('screenings'), count('referrals')]).toEqual([1, 1]);
  });
});

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

async function registerHousehold(page: Page, head: string, villageCode: string, members: Member[]): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#/keluarga/baru`);
  await page.waitForSelector('input[name="member-0-name"]');
  if (!(await page.isVisible('input[name="villageCode"]'))) {
    // The next family of the same village: the dusun is picked already and the codes are remembered.
    expect(await page.isChecked('input[name="dusun-choice"][value="Sukamaju"]')).toBe(true);
    expect(await page.inputValue('input[name="villageCode"]')).toBe(villageCode);
  }
  await fillArea(page, { dusun: 'Sukamaju', rt: '3', rw: '1', villageCode });
  await fillMembers(page, members);
  if (head === 'Ahmad Fauzi') await shot(page, '09-household-form', true);
  await page.click('button[type="submit"]');
  await page.waitForSelector(`[data-testid="member-list"] >> text=${members.at(-1)?.name ?? head}`);
}

/** "Beri" asks first: one tap on the button, one on "Ya, sudah diberi". */
async function give(page: Page, code: string): Promise<void> {
  await page.click(`[data-testid="give-${code}"]`);
  await page.click(`[data-testid="give-${code}-confirm"] button:has-text("Ya, sudah diberi")`);
}

async function openPerson(page: Page, name: string): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#/cari`);
  await page.fill('input[name="search"]', name);
  await page.click(`[data-testid="search-results"] >> text=${name}`);
  await page.waitForSelector(`h1:has-text("${name}")`);
}

async function registerVisitor(page: Page, name: string): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#/posyandu`);
  await page.fill('input[name="visitor-search"]', name);
  await page.click(`[data-testid="register-results"] li:has-text("${name}") button`);
  await page.waitForSelector(`h1:has-text("${name}")`);
}
