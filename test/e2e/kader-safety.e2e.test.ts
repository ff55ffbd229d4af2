import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForServiceWorker } from './browser.ts';
import { openPerson, registerFamily } from './family.ts';
import { startPosyanduRig, type PosyanduRig } from './posyandu-rig.ts';
import { setPin, unlock } from './app-lock.ts';

/**
 * Issue 10's robustness, in Debian's Chromium: no screen waits forever or goes blank, and a tap does only what
 * the kader meant.
 */
describe('the kader app holds up', () => {
  let rig: PosyanduRig;
  let page: Page;
  let base: string;
  let babyId: string;

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
    await registerFamily(page, {
      headName: 'Joko Susilo',
      dusun: 'Krajan',
      rt: '2',
      rw: '1',
      villageCode: '3301012001',
      members: [
        { name: 'Joko Susilo', sex: 'male', birthDate: '1990-04-02', relation: 'head' },
        { name: 'Rina Susilo', sex: 'female', birthDate: '1994-07-11', relation: 'spouse' },
        { name: 'Sekar Wulan', sex: 'female', birthDate: '2026-03-01', relation: 'child', mother: 'Rina Susilo' },
      ],
    });
    await openPerson(page, 'Sekar Wulan');
    babyId = decodeURIComponent(page.url().split('#/warga/')[1] ?? '');
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('asks to re-measure a baby under nine months measured standing, instead of crashing', async () => {
    await page.goto(`${base}/#/posyandu/${babyId}`);
    await page.fill('input[name="lengthHeightCm"]', '61');
    await page.getByText('Berdiri (tinggi)', { exact: true }).tap();
    await page.click('button:has-text("Simpan hasil ukur")');
    const doubt = await page.locator('[data-testid="re-measure"]').innerText();
    expect(doubt).toContain('bukan berdiri');
    await page.click('[data-testid="re-measure"] button:has-text("Ukur ulang")');
    expect(await page.locator('[data-testid="screen-crashed"]').count()).toBe(0);
  });

  it('says an unknown person or household is not found instead of loading forever', async () => {
    await page.goto(`${base}/#/warga/no-such-person`);
    await page.locator('[data-testid="not-found"]').waitFor();
    expect(await page.textContent('h1')).toBe('Tidak ditemukan');
    await page.goto(`${base}/#/keluarga/no-such-household`);
    await page.locator('[data-testid="not-found"]').waitFor();
    await page.goto(`${base}/#/posyandu/no-such-person`);
    await page.locator('[data-testid="not-found"]').waitFor();
  });

  it("says the day's list is loading while it is, not that nobody came", async () => {
    await page.goto(`${base}/#/`);
    await holdTables(page, ['persons', 'visits']);
    await page.evaluate(() => {
      location.hash = '#/posyandu';
    });
    await page.locator('[data-testid="visitors-loading"]').waitFor();
    expect(await page.locator('text=Pengunjung hari ini (0)').count()).toBe(0);
    expect(await page.locator('text=Belum ada pengunjung').count()).toBe(0);
    await releaseTables(page);
    await page.waitForSelector('text=Pengunjung hari ini (0)');
  });

  it("answers nothing when the kader taps a question's text", async () => {
    await page.goto(`${base}/#/keluarga/baru`);
    await page.getByText('Jenis kelamin', { exact: true }).first().tap();
    await page.tap('summary:has-text("PIS-PK")');
    await page.getByText('Keluarga ikut KB', { exact: true }).tap();
    // (The dusun picked for the last family stays picked: that is an answer given before, not by this tap.)
    expect(await page.locator('input[name="member-0-sex"]:checked, input[name^="pisPk-"]:checked').count()).toBe(0);
    // The answer itself still takes one tap.
    await page.getByText('Perempuan', { exact: true }).first().tap();
    expect(await page.locator('input[name="member-0-sex"]:checked').getAttribute('value')).toBe('female');
  });

  it('asks before removing a member from the form', async () => {
    await page.goto(`${base}/#/keluarga/baru`);
    await page.click('text=Tambah anggota');
    await page.fill('input[name="member-1-name"]', 'Tono');
    await page.click('[data-testid="member-1"] button:has-text("Hapus anggota ini")');
    await page.click('[data-testid="member-1"] button:has-text("Batal")');
    expect(await page.inputValue('input[name="member-1-name"]')).toBe('Tono');
    await page.click('[data-testid="member-1"] button:has-text("Hapus anggota ini")');
    expect(await page.textContent('[data-testid="member-1"] .confirm')).toContain('Yakin hapus Tono');
    await page.click('[data-testid="member-1"] button:has-text("Ya, hapus")');
    expect(await page.locator('input[name="member-1-name"]').count()).toBe(0);
  });

  it('asks before giving a vaccine or a service', async () => {
    await page.goto(`${base}/#/posyandu/${babyId}`);
    const give = page.locator('[data-testid="services-due"] button[data-testid^="give-"]').first();
    const code = ((await give.getAttribute('data-testid')) ?? '').replace('give-', '');
    await give.click();
    await page.click(`[data-testid="give-${code}-confirm"] button:has-text("Batal")`);
    expect(await page.locator('[data-testid="services-due"] >> text=Sudah diberi').count()).toBe(0);
    await page.click(`[data-testid="give-${code}"]`);
    await page.click(`[data-testid="give-${code}-confirm"] button:has-text("Ya, sudah diberi")`);
    await page.waitForSelector('[data-testid="services-due"] >> text=Sudah diberi');
  });

  it('asks before marking a death or a move, and does not offer registration afterwards', async () => {
    await openPerson(page, 'Rina Susilo');
    await page.click('[data-testid="mark-deceased"]');
    expect(await page.textContent('[data-testid="mark-deceased-confirm"]')).toContain('Yakin Rina Susilo');
    await page.click('[data-testid="mark-deceased-confirm"] button:has-text("Batal")');
    expect(await page.locator('.banner:has-text("Meninggal")').count()).toBe(0);
    await page.click('[data-testid="mark-moved-out"]');
    await page.click('[data-testid="mark-moved-out-confirm"] button:has-text("Ya, tandai pindah")');
    await page.waitForSelector('.banner:has-text("Pindah")');
    await page.goto(`${base}/#/posyandu`);
    await page.fill('input[name="visitor-search"]', 'Rina');
    await page.waitForSelector('[data-testid="register-results"] li:has-text("Rina Susilo") >> text=Pindah');
    expect(await page.locator('[data-testid="register-results"] li:has-text("Rina Susilo") button').count()).toBe(0);
  });

  it('fills the code when an enrollment link is opened in the app already open', async () => {
    await page.goto(`${base}/#/daftar`);
    await page.waitForSelector('input[name="enrollmentCode"]');
    expect(await page.inputValue('input[name="enrollmentCode"]')).toBe('');
    const code = rig.device.enrollmentCode;
    await page.evaluate((link) => {
      location.hash = `#/daftar/${link}`;
    }, code);
    await expect.poll(() => page.inputValue('input[name="enrollmentCode"]')).toBe(code);
  });

  it('gives every details summary and home-visit name a target of at least 44 px', async () => {
    const heights = (selector: string) =>
      page.$$eval(selector, (nodes) => nodes.map((node) => node.getBoundingClientRect().height));
    await page.goto(`${base}/#/posyandu`);
    await page.waitForSelector('[data-testid="due-today"] summary');
    await page.goto(`${base}/#/kunjungan`);
    await page.waitForSelector('a.inline-link');
    const names = await heights('a.inline-link');
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((h) => h < 44)).toEqual([]);
    await page.goto(`${base}/#/keluarga/baru`);
    await page.waitForSelector('summary');
    const summaries = await heights('summary');
    expect(summaries.length).toBeGreaterThan(0);
    expect(summaries.filter((h) => h < 44)).toEqual([]);
  });

  it('writes numbers the Indonesian way on the growth result and the history', async () => {
    await page.goto(`${base}/#/posyandu/${babyId}`);
    await page.fill('input[name="weightKg"]', '6,4');
    await page.fill('input[name="lengthHeightCm"]', '62');
    await page.getByText('Berbaring (panjang)', { exact: true }).tap();
    await page.click('button:has-text("Simpan hasil ukur")');
    const result = await page.locator('[data-testid="growth-result"]').innerText();
    expect(result).toMatch(/\(-?\d+,\d\d\)/);
    expect(result).not.toMatch(/\(-?\d+\.\d\d\)/);
    await page.goto(`${base}/#/warga/${babyId}`);
    const history = await page.locator('[data-testid="timeline"]').innerText();
    expect(history).toContain('BB 6,4 kg');
    expect(history).toContain('Imunisasi ');
    expect(history).not.toMatch(/Imunisasi [A-Z0-9_]+_\d/);
  });

  it('shows a screen that crashed with a way back home', async () => {
    // A record the screen cannot read (as a faulty older build or a bad pull might leave behind).
    await page.goto(`${base}/#/`);
    await writeBirthDate(page, babyId, 20260301);
    await page.goto(`${base}/#/warga/${babyId}`);
    await page.locator('[data-testid="screen-crashed"]').waitFor();
    await page.click('a:has-text("Ke beranda")');
    await page.waitForSelector('text=Posyandu Melati');
    expect(await page.locator('[data-testid="screen-crashed"]').count()).toBe(0);
    await writeBirthDate(page, babyId, '2026-03-01');
  });

  it('says so when a screen cannot be loaded, and loads it on "Coba lagi"', async () => {
    const assets = join(rig.appDir, 'assets');
    const chunk = readdirSync(assets).find((file) => file.startsWith('FollowUpScreen') && file.endsWith('.js'));
    expect(chunk).toBeDefined();
    const name = chunk as string;
    // Gone from the phone's cache and from the server: what a half-finished update or a cleared cache leaves.
    renameSync(join(assets, name), join(assets, `${name}.away`));
    await page.goto(`${base}/#/`);
    await page.reload();
    await unlock(page);
    await page.evaluate(async (file) => {
      for (const cacheName of await caches.keys()) {
        const cache = await caches.open(cacheName);
        for (const request of await cache.keys()) if (request.url.includes(file)) await cache.delete(request);
      }
    }, name);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await cdp.detach();
    await page.goto(`${base}/#/kunjungan`);
    await page.locator('[data-testid="chunk-failed"]').waitFor();
    renameSync(join(assets, `${name}.away`), join(assets, name));
    // "Coba lagi" reloads the page, and a reload asks for the PIN.
    await page.click('button:has-text("Coba lagi")');
    await unlock(page);
    await page.waitForSelector('h1:has-text("Kunjungan rumah")');
  });
});

/**
 * Keeps a read-write transaction on `tables` open (a request chain that never lets it commit), so every read of
 * them waits: the app is seen exactly while it is still loading.
 */
async function holdTables(page: Page, tables: string[]): Promise<void> {
  await page.evaluate(
    (names) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('posyandu-ilp');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction(names, 'readwrite');
          const store = transaction.objectStore(names[0] ?? '');
          const state = globalThis as unknown as { releaseHeldTables?: boolean };
          state.releaseHeldTables = false;
          const spin = () => {
            if (state.releaseHeldTables) return;
            store.count().onsuccess = spin;
          };
          spin();
          transaction.oncomplete = () => db.close();
          resolve();
        };
      }),
    tables,
  );
}

async function releaseTables(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as { releaseHeldTables?: boolean }).releaseHeldTables = true;
  });
}

/** Writes straight to IndexedDB, past the app's validation, as only a fault could. */
/**
 * Sets a person's stored birth date behind the app's back. On an encrypted phone the stored row is ciphertext:
 * the first call keeps it aside and stores a plain row with the bad value (which the app reads as it is), a call
 * with a valid date puts the kept row back.
 */
async function writeBirthDate(page: Page, personId: string, birthDate: unknown): Promise<void> {
  await page.evaluate(
    ({ id, value }) =>
      new Promise<void>((resolve, reject) => {
        const kept = ((globalThis as { keptRows?: Map<string, object> }).keptRows ??= new Map<string, object>());
        const open = indexedDB.open('posyandu-ilp');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('persons', 'readwrite').objectStore('persons');
          const read = store.get(id);
          read.onsuccess = () => {
            const row = read.result as Record<string, unknown>;
            let next: object = { ...row, birthDate: value };
            if ('_e' in row) {
              const original = kept.get(id);
              if (typeof value === 'string' && original) next = original;
              else {
                kept.set(id, row);
                next = { id: row.id, householdId: row.householdId, name: '?', sex: 'female', birthDate: value };
              }
            }
            const write = store.put(next);
            write.onsuccess = () => {
              db.close();
              resolve();
            };
            write.onerror = () => reject(write.error);
          };
        };
      }),
    { id: personId, value: birthDate },
  );
}
