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

/** The multiEntry index terms of a person: every name word, the NIK, and the family card number. */
export function personSearchTerms(person: Pick<Person, 'name' | 'nik'>, familyCardNumber?: string): string[] {
  const terms = new Set(searchWords(person.name));
  if (person.nik) terms.add(person.nik);
  if (familyCardNumber) terms.add(familyCardNumber);
  return [...terms];
}

export function toPersonRow(person: Person, familyCardNumber?: string): PersonRow {
  return { ...person, _search: personSearchTerms(person, familyCardNumber) };
}

/** The wire record of a stored row: local index fields never leave storage. */
export function fromPersonRow(row: PersonRow): Person {
  const { _search: _ignored, ...person } = row;
  return person;
}
