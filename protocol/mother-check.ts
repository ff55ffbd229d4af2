import type { Person } from './person.ts';

/** A mother must be born before her child, and years before: 10 years is the lowest age we accept. */
export const MIN_MOTHER_AGE_YEARS = 10;

export function checkChildAgainstMother(
  child: Pick<Person, 'birthDate'>,
  mother: Pick<Person, 'birthDate' | 'sex'>,
): 'mother_not_female' | 'child_older_than_mother' | null {
  if (mother.sex !== 'female') return 'mother_not_female';
  const [y, m, d] = mother.birthDate.split('-');
  const earliestChildBirth = `${String(Number(y) + MIN_MOTHER_AGE_YEARS).padStart(4, '0')}-${m}-${d}`;
  if (child.birthDate < earliestChildBirth) return 'child_older_than_mother';
  return null;
}
