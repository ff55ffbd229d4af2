import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dosesToCopy } from '../../src/ui/screens/person/kia-doses.ts';
import { waitForServiceWorker } from './browser.ts';
import { openPerson, registerFamily } from './family.ts';
import { readOutbox, type OutboxRow } from './idb.ts';
import { startPosyanduRig, type PosyanduRig } from './posyandu-rig.ts';
import { setPin } from './app-lock.ts';

const TODAY = '2026-08-12';
const CHILD_BIRTH = '2025-06-10'; // 14 months old today, vaccinated at the puskesmas before the family moved in

/**
 * Issue 10's corrections and completion, in Debian's Chromium with no network: a kader fixes a household and a
 * person, adds a member later and copies the Buku KIA, so a 14-month-old registered late stops showing ten
 * "Terlambat" doses and a home visit for them. Every edit is one outbox change naming only the fields changed.
 */
describe('correcting and completing records', () => {
  let rig: PosyanduRig;
  let page: Page;
  let base: string;
  let childId: string;
  let householdId: string;

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
    await registerFamily(page, {
      headName: 'Agus Salim',
      dusun: 'Krajan',
      rt: '2',
      rw: '1',
      villageCode: '3301012001',
      members: [
        { name: 'Agus Salim', sex: 'male', birthDate: '1991-05-02', relation: 'head' },
        { name: 'Wati Salim', sex: 'female', birthDate: '1995-01-20', relation: 'spouse' },
        { name: 'Dimas Salim', sex: 'male', birthDate: CHILD_BIRTH, relation: 'child', mother: 'Wati Salim' },
      ],
    });
    householdId = decodeURIComponent(page.url().split('#/keluarga/')[1] ?? '');
    await openPerson(page, 'Dimas Salim');
    childId = decodeURIComponent(page.url().split('#/warga/')[1] ?? '');
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('corrects the household: one change naming only the address', { timeout: 60_000 }, async () => {
    await page.goto(`${base}/#/keluarga/${householdId}`);
    await page.click('[data-testid="household-edit-link"]');
    await page.waitForSelector('[data-testid="household-edit"]');
    await shot(page, 'corrections-1-household-edit');
    expect(await page.inputValue('input[name="headName"]')).toBe('Agus Salim');
    // The dusun and RT/RW are picked as on the registration form, the household's own already chosen.
    expect(await page.isChecked('input[name="dusun-choice"][value="Krajan"]')).toBe(true);
    expect(await page.isChecked('input[name="rt-choice"][value="2/1"]')).toBe(true);
    // "Lainnya" swaps the choice for the RT and RW fields, emptied to type.
    await page.click('input[name="rt-choice"][value="__other"]');
    await page.click('button:has-text("Simpan perubahan")');
    expect(await page.locator('[data-testid="household-edit"] .error').first().innerText()).toMatch(/RT/);
    expect(await page.inputValue('input[name="headName"]')).toBe('Agus Salim');
    await page.fill('input[name="rt"]', '3');
    await page.fill('input[name="rw"]', '1');
    const before = (await readOutbox(page)).length;
    await page.click('button:has-text("Simpan perubahan")');
    await page.waitForSelector('[data-testid="member-list"]');
    expect(await page.locator('main').innerText()).toContain('RT 3/RW 1');
    const added = (await readOutbox(page)).slice(before);
    expect(added.map(tableAndFields)).toEqual([{ table: 'households', fields: ['address'] }]);
  });

  it('corrects a person: the name, as one change naming only the name', { timeout: 60_000 }, async () => {
    await openPerson(page, 'Wati Salim');
    await page.click('[data-testid="person-edit-link"]');
    await page.waitForSelector('[data-testid="person-edit"]');
    await shot(page, 'corrections-2-person-edit');
    await page.fill('input[name="member-0-name"]', '');
    await page.click('button:has-text("Simpan perubahan")');
    expect(await page.locator('[data-testid="person-edit"] .error').first().innerText()).not.toBe('');
    await page.fill('input[name="member-0-name"]', 'Wati Rahayu');
    const before = (await readOutbox(page)).length;
    await page.click('button:has-text("Simpan perubahan")');
    await page.waitForSelector('h1:has-text("Wati Rahayu")');
    const added = (await readOutbox(page)).slice(before);
    expect(added.map(tableAndFields)).toEqual([{ table: 'persons', fields: ['name'] }]);
    // The child's mother is the same record: the new name is found by search and the link still holds.
    await openPerson(page, 'Wati Rahayu');
  });

  it('adds a member to the registered family later', { timeout: 60_000 }, async () => {
    await page.goto(`${base}/#/keluarga/${householdId}`);
    await page.click('[data-testid="member-add-link"]');
    await page.waitForSelector('[data-testid="member-add"]');
    await shot(page, 'corrections-3-member-add');
    await page.fill('input[name="member-0-name"]', 'Sari Salim');
    await page.check('input[name="member-0-sex"][value="female"]');
    await page.fill('input[name="member-0-birthDate"]', '2019-02-14');
    await page.selectOption('select[name="member-0-relation"]', 'child');
    await page.selectOption('select[name="member-0-mother"]', { label: 'Wati Rahayu' });
    const before = (await readOutbox(page)).length;
    await page.click('[data-testid="member-add"] button[type="submit"]');
    await page.waitForSelector('[data-testid="member-list"] >> text=Sari Salim');
    const added = (await readOutbox(page)).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]?.record).toMatchObject({ name: 'Sari Salim', householdId, relationToHead: 'child' });
  });

  it(
    'copies the Buku KIA: the doses given elsewhere stop being late, and no home visit asks for them',
    {
      timeout: 90_000,
    },
    async () => {
      await page.goto(`${base}/#/warga/${childId}`);
      const card = page.locator('[data-testid="immunization-status"]');
      await card.waitFor();
      const late = await card.locator('li[data-status="overdue"]').count();
      expect(late).toBeGreaterThanOrEqual(10);
      // A date due is not a date given: every dose not given says so in words.
      expect(await card.locator('li[data-status="overdue"]').first().innerText()).toContain('Belum diberi');
      await shot(page, 'corrections-4-immunization-before-kia');
      expect(await followUpText(page, 'Dimas Salim')).toContain('Imunisasi terlambat');

      await page.goto(`${base}/#/warga/${childId}`);
      await page.click('[data-testid="kia-link"]');
      await page.waitForSelector('[data-testid="kia-form"]');
      // A date before the birth is refused at its field, and nothing is saved.
      const before = (await readOutbox(page)).length;
      await page.fill('input[name="kia-bcg"]', '2025-05-01');
      await page.click('button:has-text("Simpan imunisasi dari Buku KIA")');
      expect(await page.locator('[data-testid="kia-form"] .error').innerText()).toContain('sebelum anak lahir');
      expect(await readOutbox(page)).toHaveLength(before);
      // The book as a puskesmas fills it: each dose on the day it fell due.
      const doses = dosesToCopy({ birthDate: CHILD_BIRTH, sex: 'male' }, [], TODAY);
      for (const dose of doses) await page.fill(`input[name="kia-${dose.code}"]`, dose.dueDate);
      await shot(page, 'corrections-5-kia-form');
      await page.click('button:has-text("Simpan imunisasi dari Buku KIA")');
      await page.waitForSelector(`h1:has-text("Dimas Salim")`);
      const saved = (await readOutbox(page)).slice(before);
      expect(saved).toHaveLength(doses.length);
      expect(saved.every((row) => row.table === 'immunizations' && row.record.givenElsewhere === true)).toBe(true);

      await card.waitFor();
      await page.waitForSelector('[data-testid="immunization-status"] >> text=di tempat lain');
      expect(await card.locator('li[data-status="overdue"]').count()).toBe(0);
      await shot(page, 'corrections-6-immunization-after-kia');
      expect(await followUpText(page, 'Dimas Salim')).not.toContain('Imunisasi terlambat');
    },
  );
});

function tableAndFields(row: OutboxRow): { table: string; fields: unknown } {
  return { table: row.table, fields: row.fields };
}

/** The home-visit list's text about one person ('' when they are not on it). */
async function followUpText(page: Page, name: string): Promise<string> {
  await page.goto(`${page.url().split('#')[0]}#/kunjungan`);
  await page.waitForSelector('h1:has-text("Kunjungan rumah")');
  await page.waitForSelector('[data-testid="follow-up-list"]', { state: 'attached' });
  const row = page.locator('[data-testid="follow-up-person"]', { hasText: name });
  return (await row.count()) > 0 ? row.first().innerText() : '';
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = join(process.cwd(), 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
