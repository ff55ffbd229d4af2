import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPin, TEST_PIN, unlock } from './app-lock.ts';
import { cutNetwork, restoreNetwork, waitForServiceWorker } from './browser.ts';
import { fillArea, fillMembers, fillNik } from './family.ts';
import { readOutbox } from './idb.ts';
import { startPosyanduRig, type PosyanduRig } from './posyandu-rig.ts';

const HEAD = 'Bambang Sutrisno';
const CHILD = 'Kartika Sutrisno';
const NIK = '3201011204880007';
const KK = '3201010101200077';
const WEIGHT = '9,35';
/** Steps on a loaded two-core machine: PBKDF2 at 600,000 iterations runs at every PIN. */
const STEP_MS = 90_000;

/** Every file of the profile's `folder` folders (IndexedDB: LevelDB logs and tables, blob files), as raw bytes. */
function indexedDbFiles(profile: string, folder = 'IndexedDB'): { path: string; bytes: Buffer }[] {
  const found: { path: string; bytes: Buffer }[] = [];
  const walk = (dir: string, inside: boolean) => {
    for (const name of unlessGone(() => readdirSync(dir)) ?? []) {
      const path = join(dir, name);
      const within = inside || name === folder;
      const stat = unlessGone(() => lstatSync(path));
      if (stat?.isDirectory()) walk(path, within);
      // Chromium's Singleton* files are symlinks to nowhere; only regular files hold data.
      else if (within && stat?.isFile()) {
        const bytes = unlessGone(() => readFileSync(path));
        if (bytes) found.push({ path, bytes });
      }
    }
  };
  walk(profile, false);
  return found;
}

/**
 * The running Chromium deletes files as the walk goes (its cache's `todelete_*`, LevelDB's compacted logs): a file
 * gone between its listing and its reading holds nothing on disk any more, so it is passed over, not an error.
 */
function unlessGone<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The ways a value can sit in Chromium's IndexedDB files: Latin-1/UTF-8, UTF-16 (V8 two-byte strings), a double. */
function encodings(value: string | number): Buffer[] {
  if (typeof value === 'number') {
    const double = Buffer.alloc(8);
    double.writeDoubleLE(value);
    return [double, Buffer.from(String(value), 'latin1')];
  }
  return [Buffer.from(value, 'latin1'), Buffer.from(value, 'utf16le')];
}

function filesHolding(profile: string, value: string | number): string[] {
  return indexedDbFiles(profile)
    .filter(({ bytes }) => encodings(value).some((needle) => bytes.includes(needle)))
    .map(({ path }) => path);
}

/** Every row of every store, read with a raw cursor (no app code), byte fields as Latin-1 text. */
async function rawRows(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('posyandu-ilp');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const names = [...db.objectStoreNames];
    const rows: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(names);
      for (const name of names) {
        const cursor = tx.objectStore(name).openCursor();
        cursor.onsuccess = () => {
          if (!cursor.result) return;
          rows.push(name, cursor.result.value);
          cursor.result.continue();
        };
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return JSON.stringify(rows, (_key, value: unknown) =>
      value instanceof Uint8Array ? String.fromCharCode(...value) : value,
    );
  });
}

/** Issue 13's phone, in Debian's Chromium: a PIN, records encrypted on disk, the idle lock, wrong tries, offline. */
describe('the phone guards its data', () => {
  let rig: PosyanduRig;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    rig = await startPosyanduRig('Posyandu Kenanga', 'Bu Wati');
    page = rig.page;
    base = rig.server.url;
    // A clock the test moves (the idle lock and the wait after wrong PINs); it runs on by itself meanwhile.
    await page.clock.install();
    await page.goto(`${base}/#/daftar/${rig.device.enrollmentCode}`);
    await waitForServiceWorker(page);
    await page.click('button[type="submit"]');
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('asks for a PIN of six digits, typed twice, on the number pad', { timeout: STEP_MS }, async () => {
    await page.waitForSelector('[data-testid="lock-screen"][data-mode="set"]');
    const input = page.locator('input[name="pin"]');
    expect(await input.getAttribute('inputmode')).toBe('numeric');
    expect(await input.getAttribute('type')).toBe('password');
    const heights = await page.$$eval(
      '[data-testid="lock-screen"] input, [data-testid="lock-screen"] button',
      (nodes) => nodes.map((node) => node.getBoundingClientRect().height),
    );
    expect(heights.filter((height) => height < 44)).toEqual([]);
    await input.fill('111111');
    await page.click('[data-testid="lock-screen"] button[type="submit"]');
    await input.fill('222222');
    await page.click('[data-testid="lock-screen"] button[type="submit"]');
    await page.waitForSelector('[data-testid="pin-message"] >> text=Kedua PIN tidak sama');
    await setPin(page);
    await page.waitForSelector('text=Posyandu Kenanga');
  });

  it(
    'records a family with a name, a NIK and a weight, and none of them lies on disk in clear',
    { timeout: STEP_MS },
    async () => {
      await page.goto(`${base}/#/keluarga/baru`);
      await page.waitForSelector('input[name="member-0-name"]');
      await fillArea(page, { dusun: 'Krajan', rt: '3', rw: '1', villageCode: '3201012001' });
      await page.fill('input[name="familyCardNumber"]', KK);
      await fillMembers(page, [
        { name: HEAD, sex: 'male', birthDate: '1988-04-12', relation: 'head', nik: NIK },
        { name: CHILD, sex: 'female', birthDate: '2025-11-02', relation: 'child' },
      ]);
      await page.click('button[type="submit"]');
      await page.waitForSelector(`[data-testid="member-list"] >> text=${CHILD}`);
      await page.click(`[data-testid="member-list"] >> text=${CHILD}`);
      await page.waitForSelector(`h1:has-text("${CHILD}")`);
      const childId = decodeURIComponent(page.url().split('#/warga/')[1] ?? '');
      await page.goto(`${base}/#/posyandu/${childId}`);
      await page.fill('input[name="weightKg"]', WEIGHT);
      await page.fill('input[name="lengthHeightCm"]', '74');
      await page.getByText('Berbaring (panjang)', { exact: true }).tap();
      await page.click('button:has-text("Simpan hasil ukur")');
      await page.locator('[data-testid="growth-result"]').waitFor();

      // The queue holds them (readable with the PIN only: readOutbox derives the key from it).
      const outbox = await readOutbox(page);
      expect(outbox.map((entry) => entry.table).sort()).toEqual(['households', 'measurements', 'persons', 'persons']);
      expect(outbox.find((entry) => entry.table === 'measurements')?.record.weightKg).toBe(9.35);
      await expect(readOutbox(page, '000000')).rejects.toThrow();

      // The files on disk: the kader's name (enrollment, kept in clear on purpose) proves the search would find a
      // value stored in clear; no health value is found.
      expect(indexedDbFiles(rig.phone.profile).some(({ path }) => path.includes('.indexeddb.leveldb'))).toBe(true);
      expect(filesHolding(rig.phone.profile, 'Bu Wati').length).toBeGreaterThan(0);
      // And the child's id, kept in clear on her encrypted rows: the record rows themselves are searchable bytes.
      expect(filesHolding(rig.phone.profile, childId).length).toBeGreaterThan(0);
      for (const secret of [HEAD, 'Bambang', 'Sutrisno', CHILD, 'Kartika', NIK, KK, WEIGHT, '9.35', 9.35]) {
        expect(filesHolding(rig.phone.profile, secret), String(secret)).toEqual([]);
      }
      const rows = await rawRows(page);
      expect(rows).toContain('Bu Wati');
      for (const secret of ['Bambang', 'Sutrisno', 'Kartika', NIK, KK, '9.35', '9,35'])
        expect(rows).not.toContain(secret);
    },
  );

  it(
    'keeps a half-filled form as a sealed draft: the name typed is nowhere in localStorage',
    { timeout: STEP_MS },
    async () => {
      await page.goto(`${base}/#/keluarga/baru`);
      await page.fill('input[name="member-0-name"]', 'Sulastri Wibowo');
      await fillNik(page, 0, '3201014506910003');
      const stored = () => page.evaluate(() => localStorage.getItem('posyandu.draft.household-new') ?? '');
      await expect.poll(stored).toMatch(/^sealed:/);
      expect(await stored()).not.toContain('Sulastri');
      // Chromium writes localStorage to disk lazily; the raw files must not hold it either once it has.
      await page.goto(`${base}/#/`);
      const local = () => indexedDbFiles(rig.phone.profile, 'Local Storage');
      await expect
        .poll(() => local().some(({ bytes }) => bytes.includes(Buffer.from('posyandu.draft', 'latin1'))), {
          timeout: 30_000,
        })
        .toBe(true);
      for (const secret of ['Sulastri', 'Wibowo', '3201014506910003']) {
        expect(local().filter(({ bytes }) => encodings(secret).some((needle) => bytes.includes(needle)))).toEqual([]);
      }
      await page.goto(`${base}/#/keluarga/baru`);
      expect(await page.inputValue('input[name="member-0-name"]')).toBe('Sulastri Wibowo');
    },
  );

  it('finds the child by a name prefix and by the NIK, through the blind index', { timeout: STEP_MS }, async () => {
    await page.goto(`${base}/#/cari`);
    await page.fill('input[name="search"]', 'kart');
    await page.waitForSelector(`[data-testid="search-results"] >> text=${CHILD}`);
    await page.fill('input[name="search"]', NIK.slice(0, 10));
    await page.waitForSelector(`[data-testid="search-results"] >> text=${HEAD}`);
  });

  it(
    'locks after five idle minutes; five wrong PINs make her wait; the right PIN opens it after the wait',
    { timeout: STEP_MS },
    async () => {
      await page.goto(`${base}/#/`);
      await page.waitForSelector('text=Posyandu Kenanga');
      await page.clock.fastForward('05:10');
      await page.waitForSelector('[data-testid="lock-screen"][data-mode="unlock"]');
      expect(await page.locator(`text=${HEAD}`).count()).toBe(0);
      for (let left = 4; left >= 1; left -= 1) {
        await page.fill('input[name="pin"]', '000000');
        await page.click('[data-testid="lock-screen"] button[type="submit"]');
        await page.waitForSelector(`[data-testid="pin-message"] >> text=Masih bisa mencoba ${left} kali lagi`);
      }
      await page.fill('input[name="pin"]', '000000');
      await page.click('[data-testid="lock-screen"] button[type="submit"]');
      const wait = page.locator('[data-testid="pin-wait"]');
      await wait.waitFor();
      expect(await wait.innerText()).toMatch(/Tunggu (30|29|28) detik/);
      expect(await page.locator('input[name="pin"]').isDisabled()).toBe(true);
      await page.clock.fastForward('00:31');
      await unlock(page, TEST_PIN);
      await page.waitForSelector('text=Posyandu Kenanga');
    },
  );

  it(
    'starts cold offline at the PIN screen and opens with the PIN, records and all',
    { timeout: STEP_MS },
    async () => {
      await cutNetwork(rig.phone.context);
      const response = await page.reload();
      expect(response?.fromServiceWorker()).toBe(true);
      await unlock(page);
      await page.goto(`${base}/#/cari`);
      await page.fill('input[name="search"]', 'bamb');
      await page.waitForSelector(`[data-testid="search-results"] >> text=${HEAD}`);
    },
  );

  it(
    'refuses to sign out while a record waits, then signs out once it is sent and leaves nothing behind',
    { timeout: STEP_MS },
    async () => {
      // Still offline from the step before: a weighing recorded now waits on the phone.
      await page.goto(`${base}/#/cari`);
      await page.fill('input[name="search"]', 'kart');
      await page.click(`[data-testid="search-results"] >> text=${CHILD}`);
      await page.waitForSelector(`h1:has-text("${CHILD}")`);
      const childId = decodeURIComponent(page.url().split('#/warga/')[1] ?? '');
      await page.goto(`${base}/#/posyandu/${childId}`);
      await page.fill('input[name="weightKg"]', '9,5');
      await page.fill('input[name="lengthHeightCm"]', '75');
      await page.getByText('Berbaring (panjang)', { exact: true }).tap();
      await page.click('button:has-text("Simpan hasil ukur")');
      await page.locator('[data-testid="growth-result"]').waitFor();

      await page.goto(`${base}/#/`);
      await page.click('[data-testid="sign-out"]');
      await page.click('[data-testid="sign-out-confirm"] >> text=Ya, keluar dan hapus dari HP');
      expect(await page.locator('[data-testid="sign-out-refused"]').innerText()).toMatch(
        /Belum bisa keluar: \d+ catatan/,
      );
      expect((await readOutbox(page)).length).toBeGreaterThan(0);

      await restoreNetwork(rig.phone.context);
      await page.click('text=Sinkronkan sekarang');
      await page.waitForSelector('[data-testid="sync-card"] >> text=Semua data sudah terkirim');
      await page.click('[data-testid="sign-out"]');
      await page.click('[data-testid="sign-out-confirm"] >> text=Ya, keluar dan hapus dari HP');
      await page.waitForSelector('input[name="enrollmentCode"]');
      const rows = await rawRows(page);
      for (const left of ['Bu Wati', 'Posyandu Kenanga']) expect(rows).not.toContain(left);
      expect(
        await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('posyandu.draft.'))),
      ).toEqual([]);
    },
  );
});
