import type { Household, Person, PisPkIndicator } from '../../../../protocol/index.ts';
import type { HouseholdPatch, PersonInput, PersonPatch } from '../../../storage/index.ts';
import { todayIsoDate } from '../../format.ts';
import { addressOf, type HouseholdDraft, type MemberDraft } from '../household-draft.ts';
import { kiaBookAnswerOf, kiaBookFrom } from '../kia-book.ts';

/*
 * Editing a stored record turns it into the same string-only draft the registration form uses, and back into a
 * patch that names only what the kader changed: the outbox sends those fields alone, so an edit on this phone
 * never overwrites a field another phone changed meanwhile (the server merges field by field).
 */

export type HouseholdFields = Omit<HouseholdDraft, 'members'>;
type PisPkAnswers = HouseholdDraft['pisPk'];

export function householdToDraft(household: Household): HouseholdFields {
  const { address } = household;
  return {
    headName: household.headName,
    familyCardNumber: household.familyCardNumber ?? '',
    street: address.street,
    dusun: address.dusun,
    rt: address.rt,
    rw: address.rw,
    provinceCode: address.provinceCode,
    regencyCode: address.regencyCode,
    districtCode: address.districtCode,
    villageCode: address.villageCode,
    pisPk: { ...household.pisPk },
  };
}

export function householdPatch(household: Household, draft: HouseholdFields): HouseholdPatch {
  const patch: HouseholdPatch = {};
  if (draft.headName.trim() !== household.headName) patch.headName = draft.headName;
  const familyCardNumber = draft.familyCardNumber || undefined;
  if (familyCardNumber !== household.familyCardNumber) patch.familyCardNumber = familyCardNumber;
  const address = addressOf(draft);
  // The address is one field on the wire: any part changed sends all of it.
  const addressKeys = Object.keys(address) as (keyof typeof address)[];
  if (addressKeys.some((key) => address[key] !== household.address[key])) patch.address = address;
  const pisPk = answeredOnly(draft.pisPk);
  if (!sameAnswers(pisPk, household.pisPk)) patch.pisPk = pisPk;
  return patch;
}

function answeredOnly(answers: PisPkAnswers): PisPkAnswers {
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => value)) as PisPkAnswers;
}

function sameAnswers(a: PisPkAnswers, b: PisPkAnswers): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as PisPkIndicator[]);
  return [...keys].every((key) => a[key] === b[key]);
}

/** A stored person as the member form's draft; the mother is named by her record id. */
export function personToDraft(person: Person): MemberDraft {
  return {
    key: person.id,
    name: person.name,
    nik: person.nik ?? '',
    sex: person.sex,
    birthDate: person.birthDate,
    relationToHead: person.relationToHead,
    motherKey: person.motherId ?? '',
    jknMember: person.jkn.member,
    phone: person.phone ?? '',
    kiaBook: kiaBookAnswerOf(person.kiaBook),
  };
}

export function personPatch(person: Person, draft: MemberDraft, now: Date = new Date()): PersonPatch {
  const patch: PersonPatch = {};
  if (draft.name.trim() !== person.name) patch.name = draft.name;
  if (draft.sex !== person.sex) patch.sex = (draft.sex || undefined) as PersonPatch['sex'];
  if (draft.birthDate !== person.birthDate) patch.birthDate = draft.birthDate;
  if ((draft.nik || undefined) !== person.nik) patch.nik = draft.nik || undefined;
  if (draft.relationToHead !== person.relationToHead) {
    patch.relationToHead = (draft.relationToHead || undefined) as PersonPatch['relationToHead'];
  }
  if ((draft.motherKey || undefined) !== person.motherId) patch.motherId = draft.motherKey || undefined;
  if (draft.jknMember !== person.jkn.member) {
    // A person leaving JKN has no membership kind left; one joining gets it from the puskesmas later.
    patch.jkn = draft.jknMember ? { ...person.jkn, member: true } : { member: false };
  }
  if ((draft.phone || undefined) !== person.phone) patch.phone = draft.phone || undefined;
  // A changed answer is noted today; an unchanged one keeps the day it was first noted.
  if ((draft.kiaBook ?? '') !== kiaBookAnswerOf(person.kiaBook)) {
    const kiaBook = kiaBookFrom(draft.kiaBook, draft.birthDate, todayIsoDate(now));
    if (kiaBook) patch.kiaBook = kiaBook;
  }
  return patch;
}

/** A member added to a stored household later (moved in, or missed on the first visit). */
export function newMemberInput(householdId: string, draft: MemberDraft, now: Date = new Date()): PersonInput {
  const kiaBook = kiaBookFrom(draft.kiaBook, draft.birthDate, todayIsoDate(now));
  return {
    householdId,
    name: draft.name,
    // An unanswered choice goes through as missing, so the schema names it in the kader's words.
    sex: (draft.sex || undefined) as PersonInput['sex'],
    birthDate: draft.birthDate,
    relationToHead: (draft.relationToHead || undefined) as PersonInput['relationToHead'],
    jkn: { member: draft.jknMember },
    ...(draft.nik ? { nik: draft.nik } : {}),
    ...(draft.phone ? { phone: draft.phone } : {}),
    ...(draft.motherKey ? { motherId: draft.motherKey } : {}),
    ...(kiaBook ? { kiaBook } : {}),
  };
}

/** Repository issues on one person (paths `name`, `nik` …) as the member form names them (`members.0.name`). */
export function memberErrors(errors: Record<string, string>, index = 0): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [path === 'form' ? path : `members.${index}.${path}`, message]),
  );
}
