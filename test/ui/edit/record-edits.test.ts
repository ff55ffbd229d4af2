import { describe, expect, it } from 'vitest';
import type { Household, Person } from '../../../protocol/index.ts';
import {
  householdPatch,
  householdToDraft,
  memberErrors,
  newMemberInput,
  personPatch,
  personToDraft,
} from '../../../src/ui/screens/edit/record-edits.ts';

const meta = {
  posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  recordedBy: { kaderId: 'k', deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60' },
  recordedAt: '2026-11-01T08:00:00Z',
  hlc: '001761984000000:00000:dev',
};

const household: Household = {
  ...meta,
  id: 'h1',
  headName: 'Joko Susilo',
  address: {
    street: 'Jl. Mawar 3',
    provinceCode: '33',
    regencyCode: '3301',
    districtCode: '330101',
    villageCode: '3301012001',
    dusun: 'Krajan',
    rt: '2',
    rw: '1',
  },
  pisPk: { cleanWater: 'yes' },
};

const person: Person = {
  ...meta,
  id: 'p1',
  householdId: 'h1',
  name: 'Sekar Wulan',
  sex: 'female',
  birthDate: '2025-09-01',
  relationToHead: 'child',
  motherId: 'p0',
  jkn: { member: true, kind: 'pbi' },
  phone: '081234567890',
  status: 'active',
};

describe('household edit', () => {
  it('sends nothing when nothing changed', () => {
    expect(householdPatch(household, householdToDraft(household))).toEqual({});
  });

  it('names only the changed fields, the whole address when a part of it changed', () => {
    const draft = { ...householdToDraft(household), rt: '3', familyCardNumber: '3301010101010001' };
    expect(householdPatch(household, draft)).toEqual({
      familyCardNumber: '3301010101010001',
      address: { ...household.address, rt: '3' },
    });
  });

  it('clears a family card number emptied, and keeps PIS-PK answers only when they differ', () => {
    const withCard = { ...household, familyCardNumber: '3301010101010001' };
    const draft = { ...householdToDraft(withCard), familyCardNumber: '', pisPk: { cleanWater: 'yes' as const } };
    const patch = householdPatch(withCard, draft);
    expect(Object.keys(patch)).toEqual(['familyCardNumber']);
    expect(patch.familyCardNumber).toBeUndefined();
    const answered = householdPatch(household, { ...householdToDraft(household), pisPk: { noSmoker: 'no' } });
    expect(answered).toEqual({ pisPk: { noSmoker: 'no' } });
  });

  it('ignores spaces the kader left around an unchanged head name', () => {
    expect(householdPatch(household, { ...householdToDraft(household), headName: ' Joko Susilo ' })).toEqual({});
  });
});

describe('person edit', () => {
  it('round-trips a person with no change', () => {
    expect(personPatch(person, personToDraft(person))).toEqual({});
  });

  it('names the corrected birth date and NIK, and clears an emptied phone', () => {
    const draft = { ...personToDraft(person), birthDate: '2025-08-30', nik: '3301014108250001', phone: '' };
    const patch = personPatch(person, draft);
    expect(patch).toEqual({ birthDate: '2025-08-30', nik: '3301014108250001', phone: undefined });
    expect(Object.keys(patch)).toContain('phone');
  });

  it('drops the JKN kind when the person leaves JKN, keeps it otherwise', () => {
    expect(personPatch(person, { ...personToDraft(person), jknMember: false })).toEqual({ jkn: { member: false } });
    const outside = { ...person, jkn: { member: false } };
    expect(personPatch(outside, { ...personToDraft(outside), jknMember: true })).toEqual({ jkn: { member: true } });
  });

  it('changes or removes the mother', () => {
    expect(personPatch(person, { ...personToDraft(person), motherKey: 'p9' })).toEqual({ motherId: 'p9' });
    expect(personPatch(person, { ...personToDraft(person), motherKey: '' })).toEqual({ motherId: undefined });
  });
});

describe('the Buku KIA / KMS question', () => {
  const now = new Date('2026-11-20T03:00:00Z');

  it('is unanswered for a person nobody asked, and sends nothing until the kader answers', () => {
    expect(personToDraft(person).kiaBook).toBe('');
    expect(personPatch(person, personToDraft(person), now)).toEqual({});
  });

  it('sends an answer noted today, and keeps the first day when the answer is unchanged', () => {
    expect(personPatch(person, { ...personToDraft(person), kiaBook: 'yes' }, now)).toEqual({
      kiaBook: { owned: true, notedOn: '2026-11-20' },
    });
    const known = { ...person, kiaBook: { owned: true, notedOn: '2026-02-01' } };
    expect(personPatch(known, personToDraft(known), now)).toEqual({});
    expect(personPatch(known, { ...personToDraft(known), kiaBook: 'no' }, now)).toEqual({
      kiaBook: { owned: false, notedOn: '2026-11-20' },
    });
  });

  it('is not recorded for someone who is no longer a balita', () => {
    const adult = { ...person, birthDate: '1990-01-01' };
    expect(personPatch(adult, { ...personToDraft(adult), kiaBook: 'yes' }, now)).toEqual({});
  });

  it('goes with a child added later, and is left out when not answered', () => {
    const draft = {
      key: 'k',
      name: 'Bima',
      nik: '',
      sex: 'male' as const,
      birthDate: '2026-06-01',
      relationToHead: 'child' as const,
      motherKey: '',
      jknMember: false,
      phone: '',
    };
    expect(newMemberInput('h1', { ...draft, kiaBook: 'no' }, now).kiaBook).toEqual({
      owned: false,
      notedOn: '2026-11-20',
    });
    expect(newMemberInput('h1', { ...draft, kiaBook: '' }, now)).not.toHaveProperty('kiaBook');
    expect(newMemberInput('h1', draft, now)).not.toHaveProperty('kiaBook');
  });
});

describe('member added later', () => {
  it('leaves empty optional fields out and unanswered choices missing', () => {
    const input = newMemberInput('h1', {
      key: 'k',
      name: 'Tono',
      nik: '',
      sex: '',
      birthDate: '2020-01-01',
      relationToHead: '',
      motherKey: 'p0',
      jknMember: false,
      phone: '',
    });
    expect(input).toEqual({
      householdId: 'h1',
      name: 'Tono',
      sex: undefined,
      birthDate: '2020-01-01',
      relationToHead: undefined,
      jkn: { member: false },
      motherId: 'p0',
    });
  });

  it("maps a repository's paths to the member form's", () => {
    expect(memberErrors({ birthDate: 'x', form: 'y' })).toEqual({ 'members.0.birthDate': 'x', form: 'y' });
  });
});
