import { describe, expect, it } from 'vitest';
import { PosyanduDb } from '../../src/storage/db.ts';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { lookupTerm, personSearchTerms, searchWords } from '../../src/storage/search-terms.ts';
import { enrollment, saveFamily, uniqueDbName } from './fixtures.ts';

/** The terms every phone stored before issue 14: every prefix of every name word, of the NIK and of the card. */
function everyPrefix(name: string, nik: string | undefined, card: string): string[] {
  const terms = new Set<string>();
  for (const word of [...searchWords(name), ...(nik ? [nik] : []), card]) {
    for (let end = 1; end <= word.length; end += 1) terms.add(word.slice(0, end));
  }
  return [...terms];
}

async function phone(pin: boolean): Promise<{ storage: Storage; db: PosyanduDb }> {
  const db = new PosyanduDb(uniqueDbName('terms'));
  const storage = openStorage({ db, pinIterations: 1_000 });
  await storage.saveEnrollment(enrollment);
  if (pin) await storage.setFirstPin('246810');
  await saveFamily(storage);
  await saveFamily(storage, { familyCardNumber: '3201010101230002', headName: 'Agus' });
  return { storage, db };
}

/** What a kader types, and whom it must find (the two families share their names). */
async function expectKaderSearches(storage: Storage): Promise<void> {
  const names = async (query: string, limit?: number) => (await storage.searchPeople(query, limit)).map((p) => p.name);
  expect(await names('sit')).toEqual(["Siti Nur'aini", "Siti Nur'aini"]);
  // Longer than the indexed prefixes: looked up by "nurai" / "lesta", checked whole.
  expect(await names("nur'aini")).toEqual(["Siti Nur'aini", "Siti Nur'aini"]);
  expect(await names('lestari dewi')).toEqual(['Dewi Lestari', 'Dewi Lestari']);
  expect(await names('nurainy')).toEqual([]);
  expect(await names('Siti Nur Aini')).toEqual([]);
  // NIK prefixes of every length from the region code on, indexed or not.
  for (const length of [6, 7, 9, 11, 13, 15, 16]) {
    expect(await names('3201015708900001'.slice(0, length), 2)).toContain("Siti Nur'aini");
  }
  expect(await names('3201015708900001')).toEqual(["Siti Nur'aini", "Siti Nur'aini"]);
  expect(await names('3201015708900009')).toEqual([]);
  // The family card numbers: whole, and at a length no term has.
  expect(await storage.searchPeople('3201010101230002')).toHaveLength(3);
  expect(await storage.searchPeople('320101010123000')).toHaveLength(6);
  expect(await storage.searchPeople('3201010101230002 budi')).toHaveLength(1);
}

/**
 * One-letter queries (no one-letter prefix is stored since h42): the people a name word of whom starts with each
 * letter, in id order as one index query lists them, computed from the opened rows themselves.
 */
async function expectOneLetterSearches(storage: Storage, db: PosyanduDb): Promise<void> {
  const everyone = (await db.persons.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1));
  const starting = (letter: string) =>
    everyone.filter((p) => searchWords(p.name).some((w) => w.startsWith(letter))).map((p) => p.id);
  for (const letter of ['s', 'n', 'd', 'b', 'a', 'l', 'z']) {
    const ids = async (query: string, limit?: number) => (await storage.searchPeople(query, limit)).map((p) => p.id);
    expect(await ids(letter)).toEqual(starting(letter).slice(0, 20));
    expect(await ids(letter, 2)).toEqual(starting(letter).slice(0, 2));
  }
  expect(starting('s').length).toBeGreaterThan(1);
  // Two one-letter words: looked up by the first, both checked on the rows.
  const both = starting('s').filter((id) => starting('n').includes(id));
  expect((await storage.searchPeople('s n')).map((p) => p.id)).toEqual(both);
  expect(both.length).toBeGreaterThan(0);
}

describe('search terms (issue 14: fewer terms per person)', () => {
  it('stores a short prefix of each name word and a few prefixes of each number', () => {
    const terms = personSearchTerms({ name: "Siti Nur'aini", nik: '3201015708900001' }, '3201010101230001');
    expect(terms).toEqual(expect.arrayContaining(['si', 'siti', 'nurai', '320101', '3201015708900001']));
    expect(terms).not.toContain('nuraini');
    // No one-letter prefix (h42), but a one-letter word is kept whole.
    expect(terms).not.toContain('s');
    expect(personSearchTerms({ name: 'A Rahman' })).toEqual(expect.arrayContaining(['a', 'ra']));
    expect(terms).not.toContain('32010');
    // Every prefix made 4 + 7 + 16 + 16 = 43 terms (less the shared "3", "32", ...: 37).
    expect(terms.length).toBeLessThanOrEqual(23);
    expect(lookupTerm('nuraini')).toBe('nurai');
    expect(lookupTerm('320101570')).toBe('32010157');
    expect(lookupTerm('32010')).toBe('32010');
  });

  for (const pin of [false, true]) {
    it(`finds what the kader types, ${pin ? 'with a PIN (blind terms)' : 'without a PIN'}`, async () => {
      const { storage, db } = await phone(pin);
      await expectKaderSearches(storage);
      await expectOneLetterSearches(storage, db);
    });

    it(`still finds people stored with every prefix (phones from before), ${pin ? 'with' : 'without'} a PIN`, async () => {
      const { storage, db } = await phone(pin);
      const households = new Map((await db.households.toArray()).map((h) => [h.id, h.familyCardNumber ?? '']));
      const rows = await db.persons.toArray();
      await db.persons.bulkPut(
        rows.map((row) => ({ ...row, _search: everyPrefix(row.name, row.nik, households.get(row.householdId) ?? '') })),
      );
      expect(
        (await db.persons.toArray()).every((row) => row._search.includes('nuraini') || !row.name.includes('Siti')),
      ).toBe(true);
      await expectKaderSearches(storage);
      await expectOneLetterSearches(storage, db);
    });
  }
});
