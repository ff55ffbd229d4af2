import { checkChildAgainstMother } from '../../protocol/mother-check.ts';
import type { Person } from '../../protocol/person.ts';
import type { PosyanduDb } from './db.ts';
import type { IssueCollector } from './validate.ts';

/**
 * Checks a person's mother: she must exist (in the same form or stored), be female and be at least
 * MIN_MOTHER_AGE_YEARS older. `unsaved` holds the persons of the same form, not yet stored.
 */
export async function checkMother(
  db: PosyanduDb,
  person: Person,
  issues: IssueCollector,
  prefix: string,
  unsaved: ReadonlyMap<string, Person> = new Map(),
): Promise<void> {
  if (!person.motherId) return;
  const path = prefix ? `${prefix}.motherId` : 'motherId';
  if (person.motherId === person.id) {
    issues.add(path, 'mother_not_found');
    return;
  }
  const mother = unsaved.get(person.motherId) ?? (await db.persons.get(person.motherId));
  if (!mother) {
    issues.add(path, 'mother_not_found');
    return;
  }
  const problem = checkChildAgainstMother(person, mother);
  if (problem) issues.add(prefix ? `${prefix}.birthDate` : 'birthDate', problem);
}
