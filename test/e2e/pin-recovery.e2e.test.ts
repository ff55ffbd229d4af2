import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revealRecoveryCode } from '../../server/src/services/device-recovery.ts';
import { readRecoveryKey } from '../../server/src/services/recovery-key.ts';
import { setPin } from './app-lock.ts';
import { cutNetwork, restoreNetwork, waitForServiceWorker } from './browser.ts';
import { registerFamily } from './family.ts';
import { readOutbox } from './idb.ts';
import { startPosyanduRig, type PosyanduRig } from './posyandu-rig.ts';

/** PBKDF2 at 600,000 iterations runs several times per step on a loaded two-core machine. */
const STEP_MS = 120_000;
const NEW_PIN = '730164';

/** Issue 13's last phone item in Debian's Chromium: a forgotten PIN, recovered through the puskesmas, loses nothing. */
describe('a forgotten PIN recovered with the puskesmas code', () => {
  let rig: PosyanduRig;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    rig = await startPosyanduRig('Posyandu Anggrek', 'Bu Yati');
    page = rig.page;
    base = rig.server.url;
    await page.goto(`${base}/#/daftar/${rig.device.enrollmentCode}`);
    await waitForServiceWorker(page);
    await page.click('button[type="submit"]');
    await setPin(page);
    await page.waitForSelector('text=Posyandu Anggrek');
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  });

  const recovery = () => rig.server.store.getDeviceRecovery(rig.device.deviceId);

  it('sends the recovery code, encrypted, with its first sync', { timeout: STEP_MS }, async () => {
    await expect.poll(recovery, { timeout: 60_000 }).not.toBeNull();
  });

  it(
    'records a family offline, forgets the PIN, recovers, and the unsynced records then sync',
    { timeout: STEP_MS },
    async () => {
      const first = await recovery();
      await cutNetwork(rig.phone.context);
      await registerFamily(page, {
        headName: 'Slamet Riyadi',
        dusun: 'Krajan',
        rt: '4',
        rw: '2',
        villageCode: '3301012001',
        members: [
          { name: 'Slamet Riyadi', sex: 'male', birthDate: '1987-02-03', relation: 'head' },
          { name: 'Ayu Riyadi', sex: 'female', birthDate: '2025-12-20', relation: 'child' },
        ],
      });
      const queued = await readOutbox(page);
      expect(queued.map((entry) => entry.table).sort()).toEqual(['households', 'persons', 'persons']);

      // A new page, as after the phone restarted: the PIN is asked, and she does not know it any more.
      const fresh = await rig.phone.context.newPage();
      await page.close();
      page = fresh;
      await page.goto(`${base}/#/`);
      await page.click('[data-testid="pin-forgot"]');
      await page.waitForSelector('[data-testid="recovery-screen"][data-step="code"]');
      const heights = await page.$$eval(
        '[data-testid="recovery-screen"] input, [data-testid="recovery-screen"] button',
        (nodes) => nodes.map((node) => node.getBoundingClientRect().height),
      );
      expect(heights.filter((height) => height < 44)).toEqual([]);

      // At the puskesmas, after checking who she is.
      const key = readRecoveryKey(rig.dataDir);
      if (!key) throw new Error('the server made no recovery key');
      const { recoveryCode } = await revealRecoveryCode(
        rig.server.store,
        key,
        rig.device.deviceId,
        { username: 'e2e-staff', address: null },
        new Date(),
      );

      await page.fill('input[name="recovery-code"]', 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
      await page.click('[data-testid="recovery-screen"] button[type="submit"]');
      await page.waitForSelector('[data-testid="recovery-message"] >> text=Masih bisa mencoba 4 kali lagi');
      await page.fill('input[name="recovery-code"]', recoveryCode.toLowerCase().replaceAll('-', ' '));
      await page.click('[data-testid="recovery-screen"] button[type="submit"]');
      await page.waitForSelector('[data-testid="recovery-screen"][data-step="pin"]', { timeout: 60_000 });
      await page.fill('input[name="pin"]', NEW_PIN);
      await page.click('[data-testid="recovery-screen"] button[type="submit"]');
      await page.waitForSelector('[data-testid="recovery-screen"][data-step="confirm"]');
      await page.fill('input[name="pin"]', NEW_PIN);
      await page.click('[data-testid="recovery-screen"] button[type="submit"]');
      await page.locator('[data-testid="recovery-screen"]').waitFor({ state: 'detached', timeout: 60_000 });
      await page.waitForSelector('text=Posyandu Anggrek');

      // Everything is still there, queue included, now behind the new PIN.
      expect(
        (await readOutbox(page, NEW_PIN)).map((entry) => `${entry.table}:${String(entry.record.id)}`).sort(),
      ).toEqual(queued.map((entry) => `${entry.table}:${String(entry.record.id)}`).sort());
      await page.goto(`${base}/#/cari`);
      await page.fill('input[name="search"]', 'ayu');
      await page.waitForSelector('[data-testid="search-results"] >> text=Ayu Riyadi');

      await restoreNetwork(rig.phone.context);
      await page.goto(`${base}/#/`);
      await page.click('text=Sinkronkan sekarang');
      await page.waitForSelector('text=Semua data sudah terkirim', { timeout: 30_000 });
      expect(await readOutbox(page, NEW_PIN)).toHaveLength(0);
      const stored = await rig.server.store.listRecordsAfter(rig.posyanduId, 0, 100);
      expect(stored.filter((record) => record.table === 'persons')).toHaveLength(2);
      // The spent code was replaced by a new one.
      await expect.poll(async () => (await recovery())?.recoveryId, { timeout: 30_000 }).not.toBe(first?.recoveryId);
    },
  );
});
