import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlock, setPin } from './app-lock.ts';
import { waitForServiceWorker } from './browser.ts';
import { openPerson, registerFamily } from './family.ts';
import { readOutbox } from './idb.ts';
import { startPosyanduRig, type PosyanduRig } from './posyandu-rig.ts';

/**
 * The one form kit (src/ui/forms), in Debian's Chromium: forms that used to keep their input in memory only keep
 * it across a reload, and a quick double tap on a save records once. And a list whose read fails says so.
 */
describe('every form on the one kit', () => {
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
    // Offline, so that nothing leaves the outbox while a test counts what a tap put in it.
    await rig.phone.context.setOffline(true);
    await rig.phone.context.route('**/api/**', (route) => route.abort());
    await registerFamily(page, {
      headName: 'Joko Susilo',
      dusun: 'Krajan',
      rt: '2',
      rw: '1',
      villageCode: '3301012001',
      members: [
        { name: 'Joko Susilo', sex: 'male', birthDate: '1990-04-02', relation: 'head' },
        { name: 'Rina Susilo', sex: 'female', birthDate: '1994-07-11', relation: 'spouse' },
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('keeps a last-period date typed on the person page across a reload', { timeout: 60_000 }, async () => {
    await openPerson(page, 'Rina Susilo');
    // An untouched form stores no draft; a typed one does, sealed (written once the encryption is done).
    expect(await draftKeys(page, 'pregnancy-')).toHaveLength(0);
    await page.fill('[data-testid="pregnancy-register"] input[name="lmp"]', '2026-06-01');
    await expect.poll(() => draftKeys(page, 'pregnancy-')).toHaveLength(1);
    await page.reload();
    await unlock(page);
    await page.waitForSelector('[data-testid="pregnancy-register"]');
    expect(await page.inputValue('[data-testid="pregnancy-register"] input[name="lmp"]')).toBe('2026-06-01');
    const before = (await readOutbox(page)).length;
    await page.click('[data-testid="pregnancy-register"] button[type="submit"]');
    await page.waitForSelector('[data-testid="pregnancy-register"]', { state: 'detached' });
    const added = (await readOutbox(page)).slice(before);
    expect(added.map((row) => row.table)).toEqual(['pregnancies']);
  });

  it('registers a visitor once on a double tap', { timeout: 60_000 }, async () => {
    await page.goto(`${base}/#/posyandu`);
    await page.fill('input[name="visitor-search"]', 'Joko');
    const register = page.locator('[data-testid="register-results"] li:has-text("Joko Susilo") button');
    await register.waitFor();
    const before = (await readOutbox(page)).length;
    await register.dblclick();
    await page.waitForSelector('h1:has-text("Joko Susilo")');
    const added = (await readOutbox(page)).slice(before);
    expect(added.map((row) => row.table)).toEqual(['visits']);
  });

  it('says a list that cannot be read failed, with a way back, instead of loading forever', async () => {
    // A household row the phone cannot open (damaged storage): every read of the household list fails.
    await damagedHousehold(page, true);
    await page.goto(`${base}/#/keluarga`);
    await page.locator('[data-testid="screen-crashed"]').waitFor();
    expect(await page.locator('a:has-text("Ke beranda")').count()).toBe(1);
    await damagedHousehold(page, false);
    await page.click('a:has-text("Ke beranda")');
    await page.waitForSelector('text=Posyandu Melati');
  });
});

/** The form drafts kept in localStorage whose key starts with `prefix` (src/storage/draft-store.ts). */
function draftKeys(page: Page, prefix: string): Promise<string[]> {
  return page.evaluate(
    (start) => Object.keys(localStorage).filter((key) => key.startsWith(`posyandu.draft.${start}`)),
    prefix,
  );
}

/**
 * Puts a sealed household row that cannot be opened (random bytes where the ciphertext goes), or takes it away,
 * straight in IndexedDB, past the app and its encryption, as only a fault could.
 */
async function damagedHousehold(page: Page, present: boolean): Promise<void> {
  await page.evaluate(
    (put) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('posyandu-ilp');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('households', 'readwrite').objectStore('households');
          const bytes = crypto.getRandomValues(new Uint8Array(48)).buffer;
          const request = put ? store.put({ id: 'damaged', _e: bytes }) : store.delete('damaged');
          request.onsuccess = () => {
            db.close();
            resolve();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    present,
  );
}
