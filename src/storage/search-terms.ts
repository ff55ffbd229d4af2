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
 * A name word is indexed by its prefixes up to this many letters. A longer query word is looked up by its first
 * letters and checked whole on the row it finds: few names share their first five letters, so the check reads few
 * rows, and every stored term is one more IndexedDB index entry (and, with a PIN, one more HMAC) to write.
 */
export const NAME_PREFIX_MAX = 5;

/**
 * ...and from this many letters on: a one-letter prefix was 1.9 of a person's 16.4 terms in the generated posyandu
 * (12 % of the `_search` entries a first pull writes). A one-letter query is looked up by its two-letter
 * extensions instead (`lookupTerms`); a one-letter word is still stored whole.
 */
export const NAME_PREFIX_MIN = 2;

/** What `searchWords` keeps: the second letter of any stored two-letter term is one of these. */
const WORD_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A NIK or family card number is indexed at these prefix lengths only (and whole). Its first 6 digits are the
 * kecamatan's region code, which the whole posyandu shares, so a shorter prefix tells nobody apart; the next
 * four are a date (the NIK's day and month of birth, the card's day and month of issue), and 10 digits leave a
 * handful of people in a posyandu. A query is looked up at the longest indexed length it reaches and checked
 * whole on the rows found. Every prefix of both numbers made 32 of a person's ~39 terms before issue 14; the
 * lengths 7, 12 and 14 went later (each term is an index entry IndexedDB writes: docs/benchmarks.md, h37).
 */
export const NUMBER_PREFIX_LENGTHS: readonly number[] = [6, 8, 10, 16];

const DIGITS = /^[0-9]+$/;

/**
 * The multiEntry index terms of a person: short prefixes of every name word, and some prefixes of the NIK and of
 * the family card number (always the whole number). Prefixes, because on an encrypted phone each term is stored as
 * a blind index (an HMAC), which can only be matched whole: "sit" finds "siti" by equality on the stored prefix.
 */
export function personSearchTerms(person: Pick<Person, 'name' | 'nik'>, familyCardNumber?: string): string[] {
  const terms = new Set<string>();
  for (const word of searchWords(person.name)) {
    const first = Math.min(word.length, NAME_PREFIX_MIN);
    for (let end = first; end <= Math.min(word.length, NAME_PREFIX_MAX); end += 1) terms.add(word.slice(0, end));
  }
  for (const number of [person.nik, familyCardNumber]) {
    if (!number) continue;
    for (const length of NUMBER_PREFIX_LENGTHS) if (length < number.length) terms.add(number.slice(0, length));
    terms.add(number);
  }
  return [...terms];
}

/**
 * The stored term a query word is looked up by: the word itself when it is short, else the longest prefix of it
 * that is indexed. Phones indexed before these rules stored every prefix, so the same term finds their rows too
 * (nothing to re-index): the check on the row (`personMatches`) is the same for both.
 */
export function lookupTerm(word: string): string {
  if (DIGITS.test(word) && word.length >= (NUMBER_PREFIX_LENGTHS[0] ?? 0)) {
    const reached = NUMBER_PREFIX_LENGTHS.filter((length) => length <= word.length).at(-1) ?? word.length;
    return word.slice(0, reached);
  }
  return word.slice(0, NAME_PREFIX_MAX);
}

/**
 * Every stored term a query word may be found by: its `lookupTerm`, and for a one-letter word also each two-letter
 * term it begins (persons indexed since h42 keep no one-letter prefix; those indexed before, and one-letter name
 * words, are found by the letter itself). The union of their rows is exactly the rows the letter alone found before.
 */
export function lookupTerms(word: string): string[] {
  const term = lookupTerm(word);
  if (term.length >= NAME_PREFIX_MIN) return [term];
  return [term, ...Array.from(WORD_CHARACTERS, (next) => term + next)];
}

/**
 * Whether a stored (opened) person matches a query word as a prefix of a name word, of the NIK, or of a stored term
 * (the family card number is only on the household, and its whole is one of the member's terms).
 */
export function personMatches(row: PersonRow, word: string): boolean {
  return (
    searchWords(row.name).some((part) => part.startsWith(word)) ||
    (row.nik?.startsWith(word) ?? false) ||
    row._search.some((term) => term.startsWith(word))
  );
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
