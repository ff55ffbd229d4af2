import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutNetwork, cutServer, restoreNetwork, waitForServiceWorker } from './browser.ts';
import { readOutbox } from './idb.ts';
import { startPosyanduRig, type PosyanduRig } from './posyandu-rig.ts';
import { setPin, unlock } from './app-lock.ts';

/**
 * An app update in Chromium: it waits for the kader's consent, refuses to reload over a form she is filling in,
 * and the queued records are all there in the new version.
 */
describe('updating the app on the phone', () => {
  let rig: PosyanduRig;
  let page: Page;

  beforeAll(async () => {
    rig = await startPosyanduRig('Posyandu Anggrek', 'Bu Tini');
    page = rig.page;
    await page.goto(`${rig.server.url}/#/daftar/${rig.device.enrollmentCode}`);
    await waitForServiceWorker(page);
    await page.click('button[type="submit"]');
    await setPin(page);
    await page.waitForSelector('text=Versi aplikasi 0.1.0');
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('queues a family offline, then meets a new version that waits for consent', async () => {
    await cutNetwork(rig.phone.context);
    await page.goto(`${rig.server.url}/#/keluarga/baru`);
    await page.fill('input[name="rt"]', '1');
    await page.fill('input[name="rw"]', '2');
    for (const [field, value] of [
      ['provinceCode', '32'],
      ['regencyCode', '3201'],
      ['districtCode', '320101'],
      ['villageCode', '3201012001'],
    ] as const) {
      await page.fill(`input[name="${field}"]`, value);
    }
    await page.fill('input[name="member-0-name"]', 'Joko Susilo');
    await page.check('input[name="member-0-sex"][value="male"]');
    await page.fill('input[name="member-0-birthDate"]', '1985-05-05');
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-testid="member-list"] >> text=Joko Susilo');
    expect(await readOutbox(page)).toHaveLength(2);

    // Signal comes back, but the puskesmas API stays out of reach: the queue must cross the update untouched.
    await cutServer(rig.phone.context);
    await restoreNetwork(rig.phone.context);
    await rig.publishUpdate('0.2.0');
    // The kader is typing a new family when the update arrives.
    await page.goto(`${rig.server.url}/#/keluarga/baru`);
    await page.fill('input[name="member-0-name"]', 'Setengah diisi');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.waitForSelector('text=Versi baru aplikasi siap.');
  });

  it('does not reload over a half-filled form', async () => {
    await page.click('text=Perbarui sekarang');
    await page.waitForSelector('text=Selesaikan dan simpan isian dulu');
    expect(await page.inputValue('input[name="member-0-name"]')).toBe('Setengah diisi');
  });

  it('updates once the form is left, keeping every queued record', async () => {
    await page.goto(`${rig.server.url}/#/`);
    await Promise.all([page.waitForEvent('load'), page.click('text=Perbarui sekarang')]);
    await unlock(page);
    await page.waitForSelector('text=Versi aplikasi 0.2.0');
    const outbox = await readOutbox(page);
    expect(outbox.map((entry) => entry.table).sort()).toEqual(['households', 'persons']);
    // The half-filled form was kept as a draft through the update.
    await page.goto(`${rig.server.url}/#/keluarga/baru`);
    expect(await page.inputValue('input[name="member-0-name"]')).toBe('Setengah diisi');
  });
});
