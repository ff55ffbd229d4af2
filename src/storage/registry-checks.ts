import type { Person, Relation } from '../../protocol/person.ts';
import type { Pregnancy } from '../../protocol/events.ts';
import { NotFoundError } from './errors.ts';
import { recordEvent } from './event-repo.ts';
import { savePerson } from './person-repo.ts';
import { fromPersonRow, lookupTerm, searchWords } from './search-terms.ts';
import type { StorageContext } from './write-context.ts';

export interface DuplicateCandidate {
  name: string;
  birthDate: string;
  nik?: string;
  /** The mother's name as typed, when the candidate has one: two children with one name and birthday and
   * different mothers are two children. */
  motherName?: string;
}

export interface PossibleDuplicate {
  /** Index of the candidate in the list asked about. */
  index: number;
  reason: 'same_nik' | 'same_name_birth_date';
  existing: Person;
}

/**
 * People already registered who are probably the same person as a candidate: the same NIK, or the same name
 * (as search words), birth date and, when both are known, mother. Asked before saving so the kader decides.
 */
export async function findPossibleDuplicates(
  context: StorageContext,
  candidates: readonly DuplicateCandidate[],
): Promise<PossibleDuplicate[]> {
  const { db } = context;
  const found: PossibleDuplicate[] = [];
  for (const [index, candidate] of candidates.entries()) {
    if (candidate.nik) {
      const sameNik = await db.persons.where('nik').equals(candidate.nik).toArray();
      for (const row of sameNik) found.push({ index, reason: 'same_nik', existing: fromPersonRow(row) });
      if (sameNik.length > 0) continue;
    }
    const words = searchWords(candidate.name);
    const [first] = words;
    if (!first || !candidate.birthDate) continue;
    const sameName = await db.persons
      .where('_search')
      .equals(lookupTerm(first))
      .filter((row) => row.birthDate === candidate.birthDate && sameWords(searchWords(row.name), words))
      .toArray();
    for (const row of sameName) {
      if (candidate.motherName && row.motherId) {
        const mother = await db.persons.get(row.motherId);
        if (mother && !sameWords(searchWords(mother.name), searchWords(candidate.motherName))) continue;
      }
      found.push({ index, reason: 'same_name_birth_date', existing: fromPersonRow(row) });
    }
  }
  return found;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

export interface BirthInput {
  motherId: string;
  /** The ongoing pregnancy this birth ends, if it was registered. */
  pregnancy?: Pregnancy;
  child: { name: string; sex: 'male' | 'female'; birthDate: string; birthPlace?: string };
  birthWeightKg?: number;
}

/** The child's relation to the head of family follows from the mother's own relation. */
function childRelation(motherRelation: Relation): Relation {
  if (motherRelation === 'head' || motherRelation === 'spouse') return 'child';
  if (motherRelation === 'child' || motherRelation === 'child_in_law') return 'grandchild';
  return 'other_relative';
}

/**
 * A birth, in one transaction: the baby joins the mother's household linked to her, the pregnancy record is
 * superseded by one that says how it ended, and the birth weight is the child's first measurement.
 */
export async function recordBirth(context: StorageContext, input: BirthInput): Promise<Person> {
  const { db } = context;
  const tables = [db.households, db.persons, db.pregnancies, db.measurements, db.outbox, db.meta];
  return db.transaction('rw', tables, async () => {
    const motherRow = await db.persons.get(input.motherId);
    if (!motherRow) throw new NotFoundError('persons', input.motherId);
    const child = await savePerson(context, {
      ...input.child,
      householdId: motherRow.householdId,
      motherId: motherRow.id,
      relationToHead: childRelation(motherRow.relationToHead),
    });
    if (input.pregnancy) {
      const { id, posyanduId: _p, recordedBy: _r, recordedAt: _a, hlc: _h, ...pregnancy } = input.pregnancy;
      await recordEvent(context, 'pregnancies', {
        ...pregnancy,
        supersedes: id,
        outcome: 'live_birth',
        outcomeDate: input.child.birthDate,
      });
    }
    if (input.birthWeightKg !== undefined) {
      await recordEvent(context, 'measurements', {
        personId: child.id,
        date: input.child.birthDate,
        weightKg: input.birthWeightKg,
      });
    }
    return child;
  });
}
