import type { Person } from '../../protocol/person.ts';
import { loadWireSchemas } from '../../protocol/wire-schemas.ts';
import { NotFoundError } from './errors.ts';
import type { PersonInput, PersonPatch } from './input-types.ts';
import { checkMother } from './person-checks.ts';
import { fromPersonRow, lookupTerm, lookupTerms, personMatches, searchWords, toPersonRow } from './search-terms.ts';
import { IssueCollector } from './validate.ts';
import type { StorageContext } from './write-context.ts';

/** Adds one person to a stored household (a birth, someone moving in). */
export async function savePerson(context: StorageContext, input: PersonInput): Promise<Person> {
  const { db } = context;
  const { PersonSchema } = await loadWireSchemas();
  return db.transaction('rw', [db.households, db.persons, db.outbox, db.meta], async () => {
    const household = await db.households.get(input.householdId);
    if (!household) throw new NotFoundError('households', input.householdId);
    const scope = await context.beginWrite();
    const issues = new IssueCollector();
    const person = issues.parse(PersonSchema, { ...input, ...scope.newMeta() });
    if (person) await checkMother(db, person, issues, '');
    issues.throwIfAny();
    if (!person) throw new Error('unreachable: person parsed without issues');

    await db.persons.add(toPersonRow(person, household.familyCardNumber));
    await scope.appendOutbox({ table: 'persons', op: 'upsert', record: person });
    await scope.finish();
    return person;
  });
}

/** Edits a person; the outbox entry records which fields the kader changed. */
export async function updatePerson(context: StorageContext, id: string, patch: PersonPatch): Promise<Person> {
  const { db } = context;
  const { PersonSchema } = await loadWireSchemas();
  return db.transaction('rw', [db.households, db.persons, db.outbox, db.meta], async () => {
    const row = await db.persons.get(id);
    if (!row) throw new NotFoundError('persons', id);
    const existing = fromPersonRow(row);
    const household = await db.households.get(patch.householdId ?? existing.householdId);
    if (!household) throw new NotFoundError('households', patch.householdId ?? existing.householdId);
    const scope = await context.beginWrite();
    const issues = new IssueCollector();
    const person = issues.parse(PersonSchema, { ...existing, ...patch, ...scope.editMeta(existing) });
    if (person) await checkMother(db, person, issues, '');
    issues.throwIfAny();
    if (!person) throw new Error('unreachable: person parsed without issues');

    await db.persons.put(toPersonRow(person, household.familyCardNumber));
    await scope.appendOutbox({ table: 'persons', op: 'upsert', record: person, fields: Object.keys(patch) });
    await scope.finish();
    return person;
  });
}

/** Moving out keeps the person and all their history; only the status changes. */
export function markPersonMovedOut(context: StorageContext, id: string, date: string): Promise<Person> {
  return updatePerson(context, id, { status: 'moved_out', statusDate: date });
}

export function markPersonDeceased(context: StorageContext, id: string, date: string): Promise<Person> {
  return updatePerson(context, id, { status: 'deceased', statusDate: date });
}

export async function getPerson(context: StorageContext, id: string): Promise<Person | undefined> {
  const row = await context.db.persons.get(id);
  return row ? fromPersonRow(row) : undefined;
}

/** Members of a household (moved-out and deceased included, deleted records not), oldest first. */
export async function listMembers(context: StorageContext, householdId: string): Promise<Person[]> {
  const rows = await context.db.persons.where('householdId').equals(householdId).toArray();
  return rows
    .filter((row) => row.deletedAt === undefined)
    .map(fromPersonRow)
    .sort((a, b) => (a.birthDate < b.birthDate ? -1 : a.birthDate > b.birthDate ? 1 : 0));
}

/**
 * People whose name has a word starting with each word of the query, or whose NIK or family card number starts
 * with it. Answered by equality on the multiEntry index of prefixes (blind terms on an encrypted phone) for the
 * query word with the longest stored term (search-terms.ts); the other words, and that word itself when its term
 * is only its prefix, are checked on the rows found.
 */
export async function searchPeople(context: StorageContext, query: string, limit = 20): Promise<Person[]> {
  const words = searchWords(query).map((word) => ({ word, term: lookupTerm(word) }));
  if (words.length === 0) return [];
  const [key, ...rest] = [...words].sort((a, b) => b.term.length - a.term.length) as [
    (typeof words)[number],
    ...typeof words,
  ];
  const checked = (key.term === key.word ? rest : words).map((item) => item.word);
  const terms = lookupTerms(key.word);
  if (terms.length > 1) return searchByTerms(context, terms, checked, limit);
  const hits = context.db.persons.where('_search').equals(key.term);
  // Nothing to check: the index alone answers, and only `limit` rows are read and decrypted.
  const rows =
    checked.length === 0
      ? await hits.limit(limit).toArray()
      : await hits
          .filter((row) => checked.every((word) => personMatches(row, word)))
          .limit(limit)
          .toArray();
  return rows
    .filter((row) => row.deletedAt === undefined)
    .slice(0, limit)
    .map(fromPersonRow);
}

/**
 * A query whose longest word is one letter: the rows of each of its terms (search-terms.ts, `lookupTerms`), by
 * keys only, in id order as one index query would give them; then only as many rows as the answer needs are read,
 * decrypted and checked.
 */
async function searchByTerms(
  context: StorageContext,
  terms: readonly string[],
  checked: readonly string[],
  limit: number,
): Promise<Person[]> {
  const { persons } = context.db;
  const ids = new Set<string>();
  for (const term of terms) for (const id of await persons.where('_search').equals(term).primaryKeys()) ids.add(id);
  const ordered = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const found: Person[] = [];
  for (let at = 0; at < ordered.length && found.length < limit; at += limit) {
    for (const row of await persons.bulkGet(ordered.slice(at, at + limit))) {
      if (!row || row.deletedAt !== undefined || !checked.every((word) => personMatches(row, word))) continue;
      if (found.length < limit) found.push(fromPersonRow(row));
    }
  }
  return found;
}
