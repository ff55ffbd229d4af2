import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.ts';
import { applyBatch } from '../../server/src/services/apply-batch.ts';
import { createDevice, createPuskesmas } from '../../server/src/services/devices.ts';
import { createStaff } from '../../server/src/services/staff-accounts.ts';
import { startServer, type RunningServer } from '../../server/src/start-server.ts';
import { change, household, measurement, person } from '../server/support/records.ts';
import { CHROMIUM_PATH } from './browser.ts';
import { buildApp } from './build-app.ts';

const PASSWORD = 'sandi-bidan-ani-2026';
const STEP_MS = 120_000;
const AREA = { provinceCode: '33', regencyCode: '3302', districtCode: '330201', villageCode: '3302012001' };

/**
 * The staff report page in Debian's Chromium: March 2026 of a posyandu with two balita, one weighed (S 2, D 1),
 * shown with the balok SKDN, downloaded as XLSX, and printed on A4 without the controls.
 */
describe('the puskesmas report page', () => {
  let appDir: string;
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    appDir = await buildApp();
    dataDir = mkdtempSync(join(tmpdir(), 'posyandu-e2e-report-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir: appDir, demoData: false });
    const puskesmasId = await createPuskesmas(server.store, 'Puskesmas Sukamaju');
    const posyanduId = randomUUID();
    await server.store.createPosyandu({
      id: posyanduId,
      name: 'Posyandu Kenanga',
      puskesmasId,
      area: { desa: 'Karangrejo', ...AREA },
    });
    await createStaff(server.store, {
      name: 'Bidan Ani',
      username: 'ani',
      role: 'admin',
      password: PASSWORD,
      puskesmasId,
    });
    const created = await createDevice(server.store, { posyanduId, kaderName: 'Bu Yati' });
    const device = {
      posyanduId,
      deviceId: created.deviceId,
      kaderId: created.enrollment.kaderId,
      token: created.token,
    };
    const late = { recordedAt: '2026-04-02T08:00:00.000Z' };
    const home = household(device, late);
    const kid = (name: string, birthDate: string, extra: Record<string, unknown> = {}) =>
      person(device, String(home.id), { ...late, name, birthDate, relationToHead: 'child', nik: undefined, ...extra });
    // Rina's Buku KIA was seen at her weighing (K); nobody asked about Sari's (not K).
    const rina = kid('Rina', '2025-06-01', { kiaBook: { owned: true, notedOn: '2026-03-10' } });
    const sari = kid('Sari', '2024-11-01');
    const changes = [
      change('households', home),
      change('persons', rina),
      change('persons', sari),
      change('measurements', measurement(device, String(rina.id), { ...late, date: '2026-03-10', weightKg: 8.0 })),
    ];
    const answer = await applyBatch(
      server.store,
      { deviceId: device.deviceId, posyanduId, kaderId: device.kaderId },
      { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, batchId: 'b1', changes },
    );
    expect(answer.results.filter((r) => r.status !== 'applied')).toEqual([]);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'id-ID',
      acceptDownloads: true,
    });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(appDir, { recursive: true, force: true });
  });

  it(
    "shows a posyandu's March with the balok SKDN",
    async () => {
      await page.goto(`${server.url}/puskesmas/`);
      await page.fill('input[name="username"]', 'ani');
      await page.fill('input[name="password"]', PASSWORD);
      await page.click('button[type="submit"]');
      await page.click('a:has-text("Laporan bulanan")');
      await page.fill('input[name="month"]', '2026-03');
      await page.waitForSelector('option:has-text("Desa Karangrejo")', { state: 'attached' });
      await page.selectOption('select[name="scope"]', { label: 'Posyandu Kenanga' });
      await page.waitForSelector('h2:has-text("Laporan Posyandu Kenanga, Maret 2026")');
      expect(await page.textContent('[data-figure="S"]')).toBe('2');
      expect(await page.textContent('[data-figure="D"]')).toBe('1');
      expect(await page.getAttribute('[data-testid="skdn-chart"]', 'aria-label')).toBe(
        'Balok SKDN: S 2, K 1, D 1, N 0',
      );
      expect(await page.textContent('.report')).toContain('50%'); // D/S
      await page.screenshot({
        path: join(process.cwd(), 'test-results', 'screenshots', 'puskesmas', 'puskesmas-report.png'),
        fullPage: true,
      });
    },
    STEP_MS,
  );

  it(
    'downloads the report as an XLSX with the same figures',
    async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('a:has-text("Laporan (Excel)")'),
      ]);
      expect(download.suggestedFilename()).toBe('laporan-posyandu-posyandu-kenanga-2026-03.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile((await download.path()) ?? '');
      expect(book.getWorksheet('SKDN')?.getRow(10).values).toEqual([
        undefined,
        'jumlah',
        '0-59',
        2,
        1, // K: Rina's book only
        1,
        0,
        0,
        0,
        1,
        0,
        0,
      ]);
    },
    STEP_MS,
  );

  it(
    'prints on A4 without the controls',
    async () => {
      await page.emulateMedia({ media: 'print' });
      expect(await page.isVisible('header')).toBe(false);
      expect(await page.isVisible('select[name="scope"]')).toBe(false);
      expect(await page.isVisible('[data-testid="skdn-chart"]')).toBe(true);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      // A4 is 595 x 842 points; the report fits on at most three pages.
      const text = pdf.toString('latin1');
      // Every page is A4 (595 x 842 points) within a point: the @page rule, not the browser's Letter default.
      const boxes = [...text.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ]);
      expect(boxes.length).toBeGreaterThan(0);
      for (const [w, h] of boxes) {
        expect(Math.abs((w ?? 0) - 595)).toBeLessThan(1);
        expect(Math.abs((h ?? 0) - 842)).toBeLessThan(1);
      }
      const pages = text.match(/\/Type \/Page\b(?!s)/g) ?? [];
      expect(pages.length).toBeGreaterThan(0);
      expect(pages.length).toBeLessThanOrEqual(3);
      await page.emulateMedia({ media: 'screen' });
    },
    STEP_MS,
  );
});
