import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnrollmentCode } from '../../protocol/index.ts';
import { createPosyandu, createPuskesmas } from '../../server/src/services/devices.ts';
import { createStaff } from '../../server/src/services/staff-accounts.ts';
import { startServer, type RunningServer } from '../../server/src/start-server.ts';
import {
  CHROMIUM_PATH,
  cutNetwork,
  launchPhone,
  restoreNetwork,
  waitForServiceWorker,
  type PhoneBrowser,
} from './browser.ts';
import { registerFamily } from './family.ts';
import { buildApp } from './build-app.ts';
import { readOutbox } from './idb.ts';
import { setPin, unlock } from './app-lock.ts';

// A test run never writes into the repository: the screenshots land in test-results/, and docs/screenshots/ holds
// the reviewed copies (docs/puskesmas.md says how they are refreshed).
const SHOTS = join(process.cwd(), 'test-results', 'screenshots', 'puskesmas');
const PASSWORD = 'sandi-bidan-ani-2026';
/** Each step drives a browser through several screens; on a shared 2-core machine the default 30 s is tight. */
const STEP_MS = 120_000;

/** A child 18 months old today, so she stays under five whenever the test runs. */
function birthDate18MonthsAgo(): string {
  const date = new Date();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - 18);
  return date.toISOString().slice(0, 10);
}

/**
 * Issue 11's loop in Debian's Chromium: the bidan signs in at /puskesmas/, enrolls a kader's phone from the QR
 * link, the phone records a child with MUAC 11.0 cm and a TB referral offline and syncs, the bidan finds the child
 * on the list and records the referral's outcome, and the phone pulls it and shows it.
 */
describe('the puskesmas web app', () => {
  let appDir: string;
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let staff: Page;
  let phone: PhoneBrowser;
  let posyanduId: string;
  let enrollmentLink = '';
  const childName = 'Putri Fauzi';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    appDir = await buildApp();
    dataDir = mkdtempSync(join(tmpdir(), 'posyandu-e2e-puskesmas-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir: appDir, demoData: false });
    const puskesmasId = await createPuskesmas(server.store, 'Puskesmas Sukamaju');
    posyanduId = await createPosyandu(server.store, 'Posyandu Kenanga', puskesmasId);
    await createPosyandu(server.store, 'Posyandu Melati', puskesmasId);
    await createStaff(server.store, { name: 'Bidan Ani', username: 'ani', role: 'admin', password: PASSWORD });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
    staff = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID' })).newPage();
    phone = await launchPhone();
  }, 180_000);

  afterAll(async () => {
    await phone?.close();
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(appDir, { recursive: true, force: true });
  });

  it(
    'signs the bidan in and lists the posyandu of her puskesmas',
    async () => {
      await staff.goto(`${server.url}/puskesmas/`);
      await staff.waitForSelector('text=Masuk staf puskesmas');
      await staff.fill('input[name="username"]', 'ani');
      await staff.fill('input[name="password"]', 'salah-sekali');
      await staff.click('button[type="submit"]');
      await staff.waitForSelector('text=Nama pengguna atau kata sandi salah.');
      await staff.fill('input[name="password"]', PASSWORD);
      await staff.screenshot({ path: join(SHOTS, 'puskesmas-01-sign-in.png') });
      await staff.click('button[type="submit"]');
      await staff.waitForSelector('a:has-text("Posyandu Kenanga")');
      expect(await staff.locator('table.list:not(.counts) tbody tr').count()).toBe(2);
      await staff.screenshot({ path: join(SHOTS, 'puskesmas-02-posyandu-list.png') });
    },
    STEP_MS,
  );

  it(
    'enrolls a kader phone and shows its link as a QR code',
    async () => {
      await staff.click('a:has-text("Posyandu Kenanga")');
      await staff.click('button[role="tab"]:has-text("HP kader")');
      await staff.waitForSelector('text=Belum ada HP terdaftar.');
      await staff.fill('input[name="kaderName"]', 'Bu Yati');
      await staff.click('button:has-text("Daftarkan HP")');
      await staff.waitForSelector('.qr svg');
      enrollmentLink = (await staff.getAttribute('.enroll-link', 'href')) ?? '';
      expect(await staff.getAttribute('.qr', 'data-link')).toBe(enrollmentLink);
      const code = enrollmentLink.split('#/daftar/')[1] ?? '';
      expect(decodeEnrollmentCode(code)).toMatchObject({ posyanduId, kaderName: 'Bu Yati' });
      await staff.screenshot({ path: join(SHOTS, 'puskesmas-03-enroll-qr.png') });
      await staff.click('.dialog button:has-text("Tutup")');
      await staff.waitForSelector('table.devices >> text=Bu Yati');
    },
    STEP_MS,
  );

  it(
    'the code enrolls the phone, which records a child with MUAC 11.0 cm offline and then syncs',
    async () => {
      const page = phone.page;
      await page.goto(enrollmentLink);
      await waitForServiceWorker(page);
      await page.click('button[type="submit"]');
      await setPin(page);
      await page.waitForSelector('text=Posyandu Kenanga');

      await cutNetwork(phone.context);
      expect((await page.reload())?.fromServiceWorker()).toBe(true);
      await unlock(page);
      const base = `${server.url}/`;
      const members = [
        {
          name: 'Ahmad Fauzi',
          sex: 'male' as const,
          birthDate: '1992-02-03',
          relation: 'head',
          nik: '3201010302920001',
        },
        {
          name: 'Dewi Lestari',
          sex: 'female' as const,
          birthDate: '1995-06-21',
          relation: 'spouse',
          nik: '3201016106950002',
        },
        {
          name: childName,
          sex: 'female' as const,
          birthDate: birthDate18MonthsAgo(),
          relation: 'child',
          mother: 'Dewi Lestari',
        },
      ];
      await registerFamily(page, {
        headName: 'Ahmad Fauzi',
        dusun: 'Sukamaju',
        rt: '3',
        rw: '1',
        villageCode: '3201012001',
        members,
      });

      await page.goto(`${base}#/posyandu`);
      await page.fill('input[name="visitor-search"]', childName);
      await page.click(`[data-testid="register-results"] li:has-text("${childName}") button`);
      await page.waitForSelector(`h1:has-text("${childName}")`);
      await page.fill('input[name="weightKg"]', '10.9');
      await page.fill('input[name="lengthHeightCm"]', '82');
      await page.fill('input[name="muacCm"]', '11.0');
      await page.click('text=Simpan hasil ukur');
      await page.waitForSelector('text=Hasil ukur tersimpan');
      const outbox = await readOutbox(page);
      expect(outbox.filter((entry) => entry.table === 'measurements')).toHaveLength(1);

      // The father coughs: the TB screening refers him to the puskesmas, still offline.
      await page.goto(`${base}#/posyandu`);
      await page.fill('input[name="visitor-search"]', 'Ahmad Fauzi');
      await page.click('[data-testid="register-results"] li:has-text("Ahmad Fauzi") button');
      await page.waitForSelector('h1:has-text("Ahmad Fauzi")');
      await page.click('[data-testid="screenings"] summary:has-text("Skrining gejala TBC")');
      await page.check('label:has-text("Batuk (berapa pun lamanya)") input');
      await page.click('[data-testid="screenings"] button[type="submit"]');
      await page.waitForSelector('text=Rujukan ke puskesmas sudah dicatat.');

      await restoreNetwork(phone.context);
      await page.goto(`${base}#/`);
      await page.click('text=Sinkronkan sekarang');
      await page.waitForSelector('text=Semua data sudah terkirim', { timeout: 60_000 });
      expect(await readOutbox(page)).toHaveLength(0);
    },
    STEP_MS,
  );

  it(
    'the bidan finds the child on the list that drives work, and opens her record',
    async () => {
      await staff.click('button[role="tab"]:has-text("Perlu tindak lanjut")');
      await staff.reload();
      await staff.waitForSelector(`table.flagged >> text=${childName}`);
      const row = staff.locator('table.flagged tbody tr', { hasText: childName });
      expect(await row.innerText()).toContain('LiLA < 11,5 cm');
      await staff.screenshot({ path: join(SHOTS, 'puskesmas-04-work-list.png') });
      // A bidan desa on her own phone: the same screen at phone width.
      await staff.setViewportSize({ width: 390, height: 844 });
      await staff.screenshot({ path: join(SHOTS, 'puskesmas-04-work-list-phone.png') });
      await staff.setViewportSize({ width: 1280, height: 800 });
      await row.locator('a').click();
      await staff.waitForSelector(`h2.person-name:has-text("${childName}")`);
      expect(await staff.locator('ul.events').innerText()).toContain('LiLA 11 cm');
      // The kader left the Buku KIA question unanswered at registration: "not asked yet", never "no".
      expect(await staff.locator('[data-testid="kia-book"]').innerText()).toBe(
        'Buku KIA / KMS: belum ditanyakan kader.',
      );
      await staff.screenshot({ path: join(SHOTS, 'puskesmas-05-person.png') });
    },
    STEP_MS,
  );

  it(
    'the dashboard counts the lists; each list names why, opens the record with its KMS chart; the phone reported its health',
    async () => {
      const shoot = async (name: string) => {
        await staff.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
        await staff.setViewportSize({ width: 360, height: 780 });
        await staff.screenshot({ path: join(SHOTS, `${name}-360.png`), fullPage: true });
        await staff.setViewportSize({ width: 1280, height: 800 });
      };
      await staff.goto(`${server.url}/puskesmas/#/`);
      const children = staff.locator('.list-cards li[data-list="children"]');
      await expect.poll(() => children.locator('.count').innerText()).toBe('1');
      expect(await staff.locator('.list-cards li[data-list="referrals"] .count').innerText()).toBe('1');
      await shoot('puskesmas-08-dashboard');

      await children.locator('a').click();
      const row = staff.locator('table.work-list tbody tr', { hasText: childName });
      await row.waitFor();
      expect(await row.innerText()).toContain('LiLA di bawah 11,5 cm');
      await shoot('puskesmas-09-list-children');

      await staff.goto(`${server.url}/puskesmas/#/daftar/referrals`);
      await staff.locator('table.work-list tbody tr', { hasText: 'Ahmad Fauzi' }).waitFor();
      expect(await staff.locator('table.work-list').innerText()).toContain('Rujukan biasa');
      await shoot('puskesmas-10-list-referrals');

      await staff.goto(`${server.url}/puskesmas/#/daftar/children`);
      await row.locator('a').click();
      await staff.waitForSelector('figure.kms-chart[data-variant="weight"] svg circle');
      // The bands are coloured: the chart's styles reached the page despite the CSP's style-src 'self'.
      const fill = await staff
        .locator('figure.kms-chart[data-variant="weight"] .bands path')
        .first()
        .evaluate((el) => getComputedStyle(el).fill);
      expect(fill).not.toBe('rgb(0, 0, 0)');
      // This machine has no WHO hcfa workbooks: the LK/U chart's place says so in plain words, never a blank.
      expect(await staff.locator('[data-testid="staff-head-chart-missing"]').innerText()).toContain(
        'tabel lingkar kepala WHO belum dipasang',
      );
      expect(await staff.locator('ul.history').innerText()).toContain('Bu Yati');
      await shoot('puskesmas-11-person-kms');

      await staff.goto(`${server.url}/puskesmas/#/posyandu/${posyanduId}`);
      await staff.click('button[role="tab"]:has-text("HP kader")');
      const device = staff.locator('table.devices tbody tr', { hasText: 'Bu Yati' });
      await device.waitFor();
      // The phone's own report came with its push: nothing waiting, nothing rejected, a storage estimate.
      await expect.poll(() => device.innerText()).toContain('laporan HP');
      expect(await device.innerText()).toMatch(/dari/);
      await shoot('puskesmas-12-devices-health');
      // Leave the posyandu page, so the next step's address mounts it afresh on its first tab.
      await staff.goto(`${server.url}/puskesmas/#/`);
    },
    STEP_MS,
  );

  it(
    'the bidan records the referral outcome; the phone pulls it, shows it and drops the follow-up task',
    async () => {
      await staff.goto(`${server.url}/puskesmas/#/posyandu/${posyanduId}`);
      const row = staff.locator('table.referrals tbody tr', { hasText: 'Ahmad Fauzi' });
      await row.waitFor();
      await row.locator('select[name="outcome"]').selectOption('treated');
      await row.locator('input[name="notes"]').fill('Periksa dahak, hasil negatif');
      await staff.screenshot({ path: join(SHOTS, 'puskesmas-06-referral-outcome.png') });
      await row.locator('button:has-text("Catat hasil")').click();
      await staff.waitForSelector('text=Tidak ada rujukan terbuka.');

      const page = phone.page;
      const base = `${server.url}/`;
      await page.goto(`${base}#/kunjungan`);
      await page.waitForSelector('[data-testid="follow-up-list"] li');
      // The referral waits for its result: the home-visit list names the finding it was made for.
      expect(await page.locator('[data-testid="follow-up-list"]').innerText()).toContain('Terduga TBC');
      await page.goto(`${base}#/`);
      // The records are ciphertext on the phone; the pull cursor (kept in clear) says when a pull has landed.
      const pullCursor = () =>
        new Promise<unknown>((resolve) => {
          const open = indexedDB.open('posyandu-ilp');
          open.onsuccess = () => {
            const request = open.result.transaction('meta').objectStore('meta').get('pullCursor');
            request.onsuccess = () => {
              open.result.close();
              resolve((request.result as { value?: unknown } | undefined)?.value ?? null);
            };
          };
        });
      const before = await page.evaluate(pullCursor);
      await page.click('text=Sinkronkan sekarang');
      await expect.poll(() => page.evaluate(pullCursor), { timeout: 60_000 }).not.toEqual(before);
      await page.goto(`${base}#/cari`);
      await page.fill('input[name="search"]', 'Ahmad Fauzi');
      await page.click('[data-testid="search-results"] >> text=Ahmad Fauzi');
      await page.waitForSelector('[data-testid="timeline"] >> text=Hasil rujukan: Sudah ditangani di puskesmas');
      await page.goto(`${base}#/kunjungan`);
      await page.waitForSelector('[data-testid="follow-up-list"] li');
      // The puskesmas answered the referral: Ahmad's task is closed (struck through, no visit to record).
      const ahmad = page.locator('[data-testid="follow-up-person"]', { hasText: 'Ahmad Fauzi' });
      await expect.poll(() => ahmad.locator('button').count()).toBe(0);
      expect(await ahmad.innerText()).toContain('Sudah dikunjungi');
      expect(await page.locator('[data-testid="follow-up-list"]').innerText()).not.toContain('Rujukan belum ada hasil');
    },
    STEP_MS,
  );

  it(
    "corrects the posyandu's name, codes and dusun; the phone's next sync brings them to its household form",
    async () => {
      await staff.goto(`${server.url}/puskesmas/#/posyandu/${posyanduId}`);
      await staff.click('button[role="tab"]:has-text("Wilayah & dusun")');
      await staff.waitForSelector('[data-testid="posyandu-area"] >> text=Kode wilayah belum diisi.');
      await staff.click('button:has-text("Ubah posyandu")');
      const form = staff.locator('[data-testid="posyandu-edit"]');
      await form.locator('input[name="name"]').fill('Posyandu Kenanga Asri');
      await form.locator('input[name="desa"]').fill('Sukamaju');
      await form.locator('input[name="provinceCode"]').fill('32');
      await form.locator('input[name="regencyCode"]').fill('3201');
      await form.locator('input[name="districtCode"]').fill('320101');
      // A village code outside the district is refused, in Indonesian, and nothing is saved.
      await form.locator('input[name="villageCode"]').fill('3202012001');
      await form.locator('textarea[name="dusun"]').fill('Krajan\nKidul  Kali\n');
      await form.locator('button[type="submit"]').click();
      await staff.waitForSelector('[data-testid="posyandu-edit"] .error >> text=kode desa tidak di kecamatan ini');
      // Named by the field's label, not the API's key.
      expect(await form.locator('.error').innerText()).toContain(
        'Kode desa (10 angka): kode desa tidak di kecamatan ini',
      );
      await form.locator('input[name="villageCode"]').fill('3201012001');
      await staff.screenshot({ path: join(SHOTS, 'puskesmas-13-posyandu-edit.png'), fullPage: true });
      await form.locator('button[type="submit"]').click();
      await staff.waitForSelector('[data-testid="posyandu-area"] >> text=Krajan, Kidul Kali');
      await staff.waitForSelector('h2:has-text("Posyandu Kenanga Asri")');
      await staff.screenshot({ path: join(SHOTS, 'puskesmas-14-posyandu-area.png'), fullPage: true });

      const page = phone.page;
      const base = `${server.url}/`;
      await page.goto(`${base}#/`);
      await page.click('text=Sinkronkan sekarang');
      await page.waitForSelector('text=Posyandu Kenanga Asri', { timeout: 60_000 });
      await page.goto(`${base}#/keluarga/baru`);
      await page.waitForSelector('input[name="dusun-choice"][value="Krajan"]');
      expect(await page.locator('input[name="dusun-choice"][value="Kidul Kali"]').count()).toBe(1);
    },
    STEP_MS,
  );

  it(
    'revokes the phone after a confirmation; its token then gets 401 at sync',
    async () => {
      await staff.goto(`${server.url}/puskesmas/#/posyandu/${posyanduId}`);
      await staff.click('button[role="tab"]:has-text("HP kader")');
      await staff.waitForSelector('table.devices >> text=Bu Yati');
      await staff.click('table.devices button:has-text("Cabut")');
      await staff.waitForSelector('text=Cabut HP milik Bu Yati?');
      await staff.screenshot({ path: join(SHOTS, 'puskesmas-07-revoke-confirm.png') });
      await staff.click('.dialog button:has-text("Ya, cabut")');
      await staff.waitForSelector('table.devices >> text=Dicabut');
      const token = decodeEnrollmentCode(enrollmentLink.split('#/daftar/')[1] ?? '')?.token ?? '';
      const pull = await fetch(`${server.url}/api/v1/sync/pull`, { headers: { Authorization: `Bearer ${token}` } });
      expect(pull.status).toBe(401);
    },
    STEP_MS,
  );
});
