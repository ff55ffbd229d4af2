import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPin } from './app-lock.ts';
import { waitForServiceWorker } from './browser.ts';
import { fillArea, fillMembers } from './family.ts';
import { readOutbox, type OutboxRow } from './idb.ts';
import { startPosyanduRig, type PosyanduRig } from './posyandu-rig.ts';

const TODAY = '2026-08-12';

const personNamed = (rows: OutboxRow[], name: string) =>
  rows.filter((r) => r.table === 'persons' && r.record.name === name).map((r) => r.record);

/**
 * Issue 12's K of SKDN, in Debian's Chromium with no network: the household form asks "Punya Buku KIA / KMS?" of
 * each balita (of nobody else, and answers nothing for her), and the weighing screen asks it once, in one tap, of
 * a child whose answer is not yet known. Each answer is saved on the phone with the day it was noted.
 */
describe('the Buku KIA / KMS question', () => {
  let rig: PosyanduRig;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    rig = await startPosyanduRig('Posyandu Melati', 'Bu Ani');
    page = rig.page;
    base = rig.server.url;
    await page.clock.setFixedTime(new Date(`${TODAY}T09:00:00+07:00`));
    await page.goto(`${base}/#/daftar/${rig.device.enrollmentCode}`);
    await waitForServiceWorker(page);
    await page.click('button[type="submit"]');
    await setPin(page);
    await page.waitForSelector('text=Posyandu Melati');
    await rig.phone.context.setOffline(true);
    await rig.phone.context.route('**/api/**', (route) => route.abort());
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('is asked of each balita on registration, unanswered until tapped, and saved', { timeout: 90_000 }, async () => {
    await page.goto(`${base}/#/keluarga/baru`);
    await page.waitForSelector('input[name="member-0-name"]');
    await fillArea(page, { dusun: 'Krajan', rt: '2', rw: '1', villageCode: '3301012001' });
    await fillMembers(page, [
      { name: 'Agus Salim', sex: 'male', birthDate: '1991-05-02', relation: 'head' },
      { name: 'Wati Salim', sex: 'female', birthDate: '1995-01-20', relation: 'spouse' },
      { name: 'Dimas Salim', sex: 'male', birthDate: '2025-06-10', relation: 'child', mother: 'Wati Salim' },
      { name: 'Nina Salim', sex: 'female', birthDate: '2023-02-01', relation: 'child', mother: 'Wati Salim' },
    ]);
    // Adults are not asked; the children are, and nothing is chosen for the kader.
    expect(await page.locator('input[name="member-0-kiaBook"]').count()).toBe(0);
    expect(await page.locator('input[name="member-1-kiaBook"]').count()).toBe(0);
    expect(await page.locator('input[name="member-2-kiaBook"]').count()).toBe(2);
    expect(await page.locator('input[name^="member-"][name$="-kiaBook"]:checked').count()).toBe(0);
    await page.check('input[name="member-2-kiaBook"][value="yes"]');
    await shot(page, 'kia-book-1-registration');
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-testid="member-list"] >> text=Nina Salim');

    const outbox = await readOutbox(page);
    expect(personNamed(outbox, 'Dimas Salim')).toEqual([
      expect.objectContaining({ kiaBook: { owned: true, notedOn: TODAY } }),
    ]);
    // Not answered: not "no", simply unknown.
    expect(personNamed(outbox, 'Nina Salim')[0]).not.toHaveProperty('kiaBook');
    expect(personNamed(outbox, 'Agus Salim')[0]).not.toHaveProperty('kiaBook');
  });

  it(
    'is asked once at the weighing of a child whose answer is unknown, one tap saving it',
    { timeout: 90_000 },
    async () => {
      await openVisitor(page, base, 'Nina Salim');
      await page.waitForSelector('[data-testid="kia-book-ask"]');
      await shot(page, 'kia-book-2-weighing');
      await page.click('[data-testid="kia-book-ask"] button:has-text("Tidak punya")');
      await page.waitForSelector('[data-testid="kia-book-saved"] >> text=Tersimpan: Tidak punya.');
      const edits = personNamed(await readOutbox(page), 'Nina Salim');
      expect(edits.at(-1)).toMatchObject({ kiaBook: { owned: false, notedOn: TODAY } });

      // Known now, for her and for Dimas (answered at registration): the weighing screen does not ask again.
      for (const name of ['Nina Salim', 'Dimas Salim']) {
        await openVisitor(page, base, name);
        await page.waitForSelector('[data-testid="measurement-form"]');
        expect(await page.locator('[data-testid="kia-book-ask"]').count(), name).toBe(0);
      }
    },
  );

  it("shows the answer on the person's edit form, where it can be corrected", { timeout: 90_000 }, async () => {
    await page.goto(`${base}/#/cari`);
    await page.fill('input[name="search"]', 'Nina Salim');
    await page.click('[data-testid="search-results"] >> text=Nina Salim');
    await page.click('[data-testid="person-edit-link"]');
    await page.waitForSelector('[data-testid="person-edit"]');
    expect(await page.isChecked('input[name="member-0-kiaBook"][value="no"]')).toBe(true);
    await page.check('input[name="member-0-kiaBook"][value="yes"]');
    await page.click('button:has-text("Simpan perubahan")');
    await page.waitForSelector('h1:has-text("Nina Salim")');
    const edits = personNamed(await readOutbox(page), 'Nina Salim');
    expect(edits.at(-1)).toMatchObject({ kiaBook: { owned: true, notedOn: TODAY } });
  });
});

async function openVisitor(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}/#/posyandu`);
  await page.fill('input[name="visitor-search"]', name);
  await page.click(`[data-testid="register-results"] li:has-text("${name}") button`);
  await page.waitForSelector(`h1:has-text("${name}")`);
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = join(process.cwd(), 'test-results', 'screenshots', 'kader');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
