import type { Person } from '../../protocol/person.ts';
import type { PersonRow } from './db.ts';

/** Splits a name or a query into lowercased words without accents: "Siti Nur'aini" -> ["siti", "nuraini"]. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * The multiEntry index terms of a person: every prefix of every name word, of the NIK and of the family card
 * number. Prefixes, because on an encrypted phone each term is stored as a blind index (an HMAC), which can only
 * be matched whole: "sit" finds "siti" by equality on the stored prefix, and the search stays one index query.
 */
export function personSearchTerms(person: Pick<Person, 'name' | 'nik'>, familyCardNumber?: string): string[] {
  const terms = new Set<string>();
  const addPrefixes = (word: string) => {
    for (let end = 1; end <= word.length; end += 1) terms.add(word.slice(0, end));
  };
  for (const word of searchWords(person.name)) addPrefixes(word);
  if (person.nik) addPrefixes(person.nik);
  if (familyCardNumber) addPrefixes(familyCardNumber);
  return [...terms];
}

/** A deleted person keeps no search terms, so a search never finds (and never decrypts) them. */
export function toPersonRow(person: Person, familyCardNumber?: string): PersonRow {
  return { ...person, _search: person.deletedAt === undefined ? personSearchTerms(person, familyCardNumber) : [] };
}

/** The wire record of a stored row: local index fields never leave storage. */
export function fromPersonRow(row: PersonRow): Person {
  const { _search: _ignored, ...person } = row;
  return person;
}
