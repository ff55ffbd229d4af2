import type { Household } from '../../protocol/household.ts';
import type { Person } from '../../protocol/person.ts';
import { loadWireSchemas } from '../../protocol/wire-schemas.ts';
import { NotFoundError } from './errors.ts';
import type { HouseholdInput, HouseholdPatch, MemberInput } from './input-types.ts';
import { checkMother } from './person-checks.ts';
import { fromPersonRow, toPersonRow } from './search-terms.ts';
import { IssueCollector } from './validate.ts';
import type { StorageContext } from './write-context.ts';

export interface HouseholdWithMembers {
  household: Household;
  members: Person[];
}

/**
 * Registers a family card: the household and all its members, with one outbox entry each, in one transaction.
 * Any problem in any member saves nothing and reports every problem, with paths like `members.2.nik`.
 */
export async function saveHouseholdWithMembers(
  context: StorageContext,
  input: { household: HouseholdInput; members: MemberInput[] },
): Promise<HouseholdWithMembers> {
  const { db } = context;
  const { HouseholdSchema, PersonSchema } = await loadWireSchemas();
  return db.transaction('rw', [db.households, db.persons, db.outbox, db.meta], async () => {
    const scope = await context.beginWrite();
    const issues = new IssueCollector();
    const household = issues.parse(HouseholdSchema, { ...input.household, ...scope.newMeta() }, 'household');
    const householdId = household?.id ?? '';

    const metas = input.members.map(() => scope.newMeta());
    const idByRef = new Map<string, string>();
    input.members.forEach((member, index) => {
      if (member.ref !== undefined) idByRef.set(member.ref, (metas[index] as { id: string }).id);
    });

    const members: Person[] = [];
    const indexOf = new Map<string, number>();
    input.members.forEach((member, index) => {
      const { ref: _ref, motherRef, ...fields } = member;
      let motherId = fields.motherId;
      if (motherRef !== undefined) {
        motherId = idByRef.get(motherRef);
        if (!motherId) issues.add(`members.${index}.motherId`, 'mother_not_found');
      }
      const candidate = { ...fields, motherId, householdId, ...metas[index] };
      if (candidate.motherId === undefined) delete candidate.motherId;
      const person = issues.parse(PersonSchema, candidate, `members.${index}`);
      if (person) {
        members.push(person);
        indexOf.set(person.id, index);
      }
    });

    const unsaved = new Map(members.map((person) => [person.id, person]));
    for (const person of members) {
      await checkMother(db, person, issues, `members.${indexOf.get(person.id)}`, unsaved);
    }
    issues.throwIfAny();
    if (!household) throw new Error('unreachable: household parsed without issues');

    await db.households.add(household);
    await scope.appendOutbox({ table: 'households', op: 'upsert', record: household });
    for (const person of members) {
      await db.persons.add(toPersonRow(person, household.familyCardNumber));
      await scope.appendOutbox({ table: 'persons', op: 'upsert', record: person });
    }
    await scope.finish();
    return { household, members };
  });
}

/** Edits a household; the outbox entry names the edited fields so the server merges only those. */
export async function updateHousehold(context: StorageContext, id: string, patch: HouseholdPatch): Promise<Household> {
  const { db } = context;
  const { HouseholdSchema } = await loadWireSchemas();
  return db.transaction('rw', [db.households, db.persons, db.outbox, db.meta], async () => {
    const existing = await db.households.get(id);
    if (!existing) throw new NotFoundError('households', id);
    const scope = await context.beginWrite();
    const issues = new IssueCollector();
    const household = issues.parse(HouseholdSchema, { ...existing, ...patch, ...scope.editMeta(existing) });
    issues.throwIfAny();
    if (!household) throw new Error('unreachable: household parsed without issues');

    await db.households.put(household);
    if (household.familyCardNumber !== existing.familyCardNumber) {
      // The family card number is a search term of every member.
      const members = await db.persons.where('householdId').equals(id).toArray();
      await db.persons.bulkPut(members.map((row) => toPersonRow(fromPersonRow(row), household.familyCardNumber)));
    }
    await scope.appendOutbox({ table: 'households', op: 'upsert', record: household, fields: Object.keys(patch) });
    await scope.finish();
    return household;
  });
}

export async function getHousehold(context: StorageContext, id: string): Promise<Household | undefined> {
  return context.db.households.get(id);
}

/** Households not deleted, by head of family name. */
export async function listHouseholds(context: StorageContext): Promise<Household[]> {
  const all = await context.db.households.toArray();
  return all
    .filter((household) => household.deletedAt === undefined)
    .sort((a, b) => a.headName.localeCompare(b.headName, 'id'));
}
