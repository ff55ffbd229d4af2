import type { Page } from 'playwright-core';

/** One member as the household form asks for it; `mother` names another member of the same family. */
export interface FamilyMember {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  relation: string;
  mother?: string;
}

export interface Family {
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
  await page.waitForSelector('input[name="headName"]', { timeout: 15_000 }).catch(async (e: unknown) => {
    process.stderr.write(`page at ${page.url()}\n${(await page.content()).slice(0, 3000)}\n`);
    throw e;
  });
  await page.fill('input[name="headName"]', family.headName);
  await page.fill('input[name="rt"]', family.rt);
  await page.fill('input[name="rw"]', family.rw);
  await page.fill('input[name="dusun"]', family.dusun);
  const code = family.villageCode;
  await page.fill('input[name="provinceCode"]', code.slice(0, 2));
  await page.fill('input[name="regencyCode"]', code.slice(0, 4));
  await page.fill('input[name="districtCode"]', code.slice(0, 6));
  await page.fill('input[name="villageCode"]', code);
  for (const [index, member] of family.members.entries()) {
    if (index > 0) await page.click('text=Tambah anggota');
    await page.fill(`input[name="member-${index}-name"]`, member.name);
    await page.check(`input[name="member-${index}-sex"][value="${member.sex}"]`);
    await page.fill(`input[name="member-${index}-birthDate"]`, member.birthDate);
    await page.selectOption(`select[name="member-${index}-relation"]`, member.relation);
    if (member.mother) await page.selectOption(`select[name="member-${index}-mother"]`, { label: member.mother });
  }
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
