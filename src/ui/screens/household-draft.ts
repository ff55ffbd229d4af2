import { PIS_PK_INDICATORS, type PisPkIndicator, type Relation } from '../../../protocol/code-lists.ts';
import type { KiaBookAnswer } from './kia-book.ts';

/** A household form as typed, strings only, so that an interrupted form can be stored and restored as is. */
export interface MemberDraft {
  key: string;
  name: string;
  nik: string;
  sex: '' | 'male' | 'female';
  birthDate: string;
  relationToHead: Relation | '';
  motherKey: string;
  jknMember: boolean;
  phone: string;
  /** Owns the paper Buku KIA / KMS (balita only); optional because a draft saved before the question has none. */
  kiaBook?: KiaBookAnswer;
}

export interface HouseholdDraft {
  headName: string;
  familyCardNumber: string;
  street: string;
  dusun: string;
  rt: string;
  rw: string;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
  pisPk: Partial<Record<PisPkIndicator, 'yes' | 'no' | 'na'>>;
  members: MemberDraft[];
}

const LAST_AREA_KEY = 'posyandu.lastArea';

type AreaFields = Pick<HouseholdDraft, 'dusun' | 'provinceCode' | 'regencyCode' | 'districtCode' | 'villageCode'>;

/** A kader registers households of one village: the area codes of the last household are the best guess. */
/** The address as the wire holds it: one field, so an edit of any part sends all of it. */
export function addressOf(draft: Omit<HouseholdDraft, 'members'>) {
  return {
    street: draft.street,
    dusun: draft.dusun,
    rt: draft.rt,
    rw: draft.rw,
    provinceCode: draft.provinceCode,
    regencyCode: draft.regencyCode,
    districtCode: draft.districtCode,
    villageCode: draft.villageCode,
  };
}

export function rememberArea(draft: HouseholdDraft): void {
  const area: AreaFields = {
    dusun: draft.dusun,
    provinceCode: draft.provinceCode,
    regencyCode: draft.regencyCode,
    districtCode: draft.districtCode,
    villageCode: draft.villageCode,
  };
  localStorage.setItem(LAST_AREA_KEY, JSON.stringify(area));
}

function lastArea(): AreaFields {
  try {
    const stored = localStorage.getItem(LAST_AREA_KEY);
    if (stored) return JSON.parse(stored) as AreaFields;
  } catch {
    // fall through to empty
  }
  return { dusun: '', provinceCode: '', regencyCode: '', districtCode: '', villageCode: '' };
}

let memberCounter = 0;

export function emptyMember(relationToHead: Relation | '' = ''): MemberDraft {
  memberCounter += 1;
  return {
    key: `m${Date.now().toString(36)}${memberCounter}`,
    name: '',
    nik: '',
    sex: '',
    birthDate: '',
    relationToHead,
    motherKey: '',
    jknMember: false,
    phone: '',
    kiaBook: '',
  };
}

export function emptyHouseholdDraft(): HouseholdDraft {
  return {
    headName: '',
    familyCardNumber: '',
    street: '',
    rt: '',
    rw: '',
    ...lastArea(),
    pisPk: {},
    members: [emptyMember('head')],
  };
}

export const PIS_PK_ORDER = PIS_PK_INDICATORS;
