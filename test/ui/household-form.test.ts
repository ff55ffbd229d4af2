import { describe, expect, it } from 'vitest';
import type { Household } from '../../protocol/index.ts';
import { areaChoices, rtChoicesFor } from '../../src/ui/screens/household-area.ts';
import { completeDraft, nextMember } from '../../src/ui/screens/household-draft-save.ts';
import { emptyMember, type HouseholdDraft } from '../../src/ui/screens/household-draft.ts';

const meta = {
  posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  recordedBy: { kaderId: 'k', deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60' },
  recordedAt: '2026-11-01T08:00:00Z',
  hlc: '001761984000000:00000:dev',
};

function household(id: string, dusun: string, rt: string, rw: string, extra: Partial<Household> = {}): Household {
  return {
    ...meta,
    id,
    headName: id,
    address: {
      street: '',
      provinceCode: '33',
      regencyCode: '3301',
      districtCode: '330101',
      villageCode: '3301012001',
      dusun,
      rt,
      rw,
    },
    pisPk: {},
    ...extra,
  };
}

const area = {
  desa: 'Sukamaju',
  provinceCode: '33',
  regencyCode: '3301',
  districtCode: '330101',
  villageCode: '3301012001',
  dusun: ['Krajan', 'Kidul'],
};

describe('dusun and RT to pick', () => {
  it("joins the enrollment's dusun with those of the households on the phone, one spelling each", () => {
    const choices = areaChoices(area, [
      household('a', 'krajan ', '02', '1'),
      household('b', 'Krajan', '2', '01'),
      household('c', 'Krajan', '10', '1'),
      household('d', 'Wetan', '1', '2'),
      household('e', 'Lor', '1', '1', { deletedAt: '2026-11-01T08:00:00Z' }),
    ]);
    expect(choices.map((c) => c.name)).toEqual(['Kidul', 'Krajan', 'Wetan']);
    // '02'/'1' and '2'/'01' are the same RT: one choice, in number order.
    expect(rtChoicesFor(choices, 'KRAJAN')).toEqual([
      { rt: '2', rw: '1' },
      { rt: '10', rw: '1' },
    ]);
    expect(rtChoicesFor(choices, 'Kidul')).toEqual([]);
  });

  it('offers nothing to pick on a phone with no enrollment dusun and no household yet', () => {
    expect(areaChoices(undefined, [])).toEqual([]);
  });
});

describe('the household as saved', () => {
  const draft = (): HouseholdDraft => ({
    headName: '',
    familyCardNumber: '',
    street: '',
    dusun: 'Krajan',
    rt: '2',
    rw: '1',
    provinceCode: '',
    regencyCode: '',
    districtCode: '',
    villageCode: '',
    pisPk: {},
    members: [{ ...emptyMember('head'), name: 'Joko Susilo' }],
  });

  it("takes the head's name from the head member, typed once", () => {
    expect(completeDraft(draft(), undefined).headName).toBe('Joko Susilo');
  });

  it("takes the desa's codes from the enrollment", () => {
    const saved = completeDraft(draft(), area);
    expect([saved.provinceCode, saved.regencyCode, saved.districtCode, saved.villageCode]).toEqual([
      '33',
      '3301',
      '330101',
      '3301012001',
    ]);
  });

  it('pre-answers the next rows as a family card runs, never the sex', () => {
    const head = { ...emptyMember('head'), name: 'Joko', sex: 'male' as const };
    const spouse = nextMember([head]);
    expect(spouse.relationToHead).toBe('spouse');
    expect(spouse.sex).toBe('');
    const wife = { ...spouse, name: 'Rina', sex: 'female' as const };
    const child = nextMember([head, wife]);
    expect(child).toMatchObject({ relationToHead: 'child', motherKey: wife.key, sex: '' });
    // No woman among head and spouse yet: no mother guessed.
    expect(nextMember([head, { ...spouse, name: 'X' }]).motherKey).toBe('');
  });
});
