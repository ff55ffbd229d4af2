import type { PisPkIndicator } from '../../../protocol/index.ts';
import {
  findPossibleDuplicates,
  saveHouseholdWithMembers,
  type MemberInput,
  type PossibleDuplicate,
} from '../../storage/index.ts';
import type { EnrollmentArea } from '../../../protocol/index.ts';
import { todayIsoDate } from '../format.ts';
import { addressOf, emptyMember, type HouseholdDraft, type MemberDraft } from './household-draft.ts';
import { kiaBookFrom } from './kia-book.ts';

/**
 * Turns the typed form into repository input (empty optional fields left out) and saves it in one go; a refusal
 * is thrown as the repository's ValidationError, for the form kit to put at its fields.
 */
export async function saveHouseholdDraft(draft: HouseholdDraft): Promise<string> {
  const saved = await saveHouseholdWithMembers({
    household: {
      headName: draft.headName,
      ...(draft.familyCardNumber ? { familyCardNumber: draft.familyCardNumber } : {}),
      address: addressOf(draft),
      pisPk: definedAnswers(draft.pisPk),
    },
    members: draft.members.map(toMemberInput),
  });
  return saved.household.id;
}

function toMemberInput(member: MemberDraft): MemberInput {
  const kiaBook = kiaBookFrom(member.kiaBook, member.birthDate, todayIsoDate());
  return {
    ref: member.key,
    name: member.name,
    // An unanswered choice goes through as missing, so the schema names it in the kader's words.
    sex: (member.sex || undefined) as MemberInput['sex'],
    birthDate: member.birthDate,
    relationToHead: (member.relationToHead || undefined) as MemberInput['relationToHead'],
    jkn: { member: member.jknMember },
    ...(member.nik ? { nik: member.nik } : {}),
    ...(member.phone ? { phone: member.phone } : {}),
    ...(member.motherKey ? { motherRef: member.motherKey } : {}),
    ...(kiaBook ? { kiaBook } : {}),
  };
}

function definedAnswers(answers: HouseholdDraft['pisPk']): Partial<Record<PisPkIndicator, 'yes' | 'no' | 'na'>> {
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => value)) as Partial<
    Record<PisPkIndicator, 'yes' | 'no' | 'na'>
  >;
}

/** Members of the form who may already be registered: same NIK, or same name, birth date and mother. */
export function findDraftDuplicates(draft: HouseholdDraft): Promise<PossibleDuplicate[]> {
  return findPossibleDuplicates(
    draft.members.map((member) => {
      const mother = draft.members.find((m) => m.key === member.motherKey);
      return {
        name: member.name,
        birthDate: member.birthDate,
        ...(member.nik ? { nik: member.nik } : {}),
        ...(mother?.name ? { motherName: mother.name } : {}),
      };
    }),
  );
}

/**
 * The draft as saved: the head's name is the head member's (typed once, in the members), and the desa's codes are
 * the enrollment's when it carries them.
 */
export function completeDraft(draft: HouseholdDraft, area: EnrollmentArea | undefined): HouseholdDraft {
  const head = draft.members.find((m) => m.relationToHead === 'head') ?? draft.members[0];
  return {
    ...draft,
    headName: head?.name ?? '',
    ...(area
      ? {
          provinceCode: area.provinceCode,
          regencyCode: area.regencyCode,
          districtCode: area.districtCode,
          villageCode: area.villageCode,
        }
      : {}),
  };
}

/**
 * The next member row, pre-answered as a Kartu Keluarga usually runs: the second is the spouse, the rest are
 * children whose mother is the woman among head and spouse. Visible and changeable; sex is never guessed.
 */
export function nextMember(members: readonly MemberDraft[]): MemberDraft {
  if (members.length === 1) return emptyMember('spouse');
  const mother = members.find(
    (m) => (m.relationToHead === 'head' || m.relationToHead === 'spouse') && m.sex === 'female' && m.name.trim() !== '',
  );
  return { ...emptyMember('child'), motherKey: mother?.key ?? '' };
}
