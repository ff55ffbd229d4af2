import type { Page } from 'playwright-core';

/** One member as the household form asks for it; `mother` names another member of the same family. */
export interface FamilyMember {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  relation: string;
  mother?: string;
  nik?: string;
}

export interface Family {
  /** The head is the first member: the form asks the name once. */
  headName: string;
  dusun: string;
  rt: string;
  rw: string;
  /** The village's Kemendagri code (10 digits); the province, regency and district codes are its prefixes. */
  villageCode: string;
  members: FamilyMember[];
}

/**
 * Registers a family through the household form as a kader would, and waits for the household's page with its
 * last member. The steps every browser test shares, written once so a change to the form is made in one place.
 */
export async function registerFamily(page: Page, family: Family): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#/keluarga/baru`);
  // Once in a busy run the first screen after an offline reload never came; the page is printed if it recurs.
  await page.waitForSelector('input[name="member-0-name"]', { timeout: 15_000 }).catch(async (e: unknown) => {
    process.stderr.write(`page at ${page.url()}\n${(await page.content()).slice(0, 3000)}\n`);
    throw e;
  });
  await fillArea(page, family);
  await fillMembers(page, family.members);
  await page.click('button[type="submit"]');
  const last = family.members.at(-1)?.name ?? family.headName;
  await page.waitForSelector(`[data-testid="member-list"] >> text=${last}`);
}

/** Opens a person's page through search, as a kader finds someone. */
export async function openPerson(page: Page, name: string): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#/cari`);
  await page.fill('input[name="search"]', name);
  await page.click(`[data-testid="search-results"] >> text=${name}`);
  await page.waitForSelector(`h1:has-text("${name}")`);
}

/**
 * Dusun, RT/RW and the desa's codes, whichever way the form asks for them: typed on a phone that knows none, picked
 * once the phone knows the dusun and its RTs, and the codes only when neither the enrollment nor the last family
 * gave them.
 */
export async function fillArea(page: Page, area: Pick<Family, 'dusun' | 'rt' | 'rw' | 'villageCode'>): Promise<void> {
  // The area fields render once the households on the phone are read (they offer their dusun and RT); the member
  // rows come before that, so waiting for them alone raced the choice between typed and picked fields.
  await page.waitForSelector('input[name="dusun"], input[name="dusun-choice"]');
  if (await page.isVisible('input[name="dusun"]')) {
    await page.fill('input[name="dusun"]', area.dusun);
  } else {
    const choice = page.locator(`input[name="dusun-choice"][value="${area.dusun}"]`);
    if ((await choice.count()) > 0) await choice.check();
    else {
      await page.check('input[name="dusun-choice"][value="__other"]');
      await page.fill('input[name="dusun"]', area.dusun);
    }
  }
  if (await page.isVisible('input[name="rt"]')) {
    await page.fill('input[name="rt"]', area.rt);
    await page.fill('input[name="rw"]', area.rw);
  } else {
    const choice = page.locator(`input[name="rt-choice"][value="${Number(area.rt)}/${Number(area.rw)}"]`);
    if ((await choice.count()) > 0) await choice.check();
    else {
      await page.check('input[name="rt-choice"][value="__other"]');
      await page.fill('input[name="rt"]', area.rt);
      await page.fill('input[name="rw"]', area.rw);
    }
  }
  if (await page.isVisible('input[name="villageCode"]')) {
    const code = area.villageCode;
    await page.fill('input[name="provinceCode"]', code.slice(0, 2));
    await page.fill('input[name="regencyCode"]', code.slice(0, 4));
    await page.fill('input[name="districtCode"]', code.slice(0, 6));
    await page.fill('input[name="villageCode"]', code);
  }
}

/** Fills the member rows in order, adding a row for each after the first. */
export async function fillMembers(page: Page, members: readonly FamilyMember[]): Promise<void> {
  for (const [index, member] of members.entries()) {
    if (index > 0) await page.click('text=Tambah anggota');
    await page.fill(`input[name="member-${index}-name"]`, member.name);
    await page.check(`input[name="member-${index}-sex"][value="${member.sex}"]`);
    await page.fill(`input[name="member-${index}-birthDate"]`, member.birthDate);
    await page.selectOption(`select[name="member-${index}-relation"]`, member.relation);
    if (member.mother) await page.selectOption(`select[name="member-${index}-mother"]`, { label: member.mother });
    if (member.nik) await fillNik(page, index, member.nik);
  }
}

/** The NIK sits folded with JKN and the phone number: opened first when still closed. */
export async function fillNik(page: Page, index: number, nik: string): Promise<void> {
  const input = page.locator(`input[name="member-${index}-nik"]`);
  if (!(await input.isVisible())) await page.click(`[data-testid="member-${index}"] summary`);
  await input.fill(nik);
}
