import { describe, expect, it } from 'vitest';
import { checkChildAgainstMother, checkNikAgainstPerson, parseNik, PersonSchema } from '../../protocol/index.ts';

const meta = {
  id: '019a0000-0000-7000-8000-000000000001',
  posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  recordedBy: { kaderId: 'kader-1', deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60' },
  recordedAt: '2026-11-22T08:00:00+07:00',
  hlc: '001763773200000:00000:dev1',
};

const siti = {
  ...meta,
  householdId: '019a0000-0000-7000-8000-000000000002',
  nik: '3201015708900001',
  name: 'Siti Aminah',
  sex: 'female',
  birthDate: '1990-08-17',
  relationToHead: 'spouse',
};

describe('NIK', () => {
  it('reads the birth date and sex (day + 40 for women) out of a NIK', () => {
    expect(parseNik('3201015708900001')).toMatchObject({
      birthDay: 17,
      birthMonth: 8,
      birthYearTwoDigits: 90,
      sex: 'female',
    });
    expect(parseNik('3201011708900001')).toMatchObject({ birthDay: 17, sex: 'male' });
  });

  it('rejects malformed NIKs', () => {
    for (const bad of [
      '320101570890000',
      '32010157089000011',
      '3201015713900001',
      '3201013208900001',
      'abcdefghijklmnop',
      '3201015708900000',
    ]) {
      expect(parseNik(bad), bad).toBeNull();
    }
  });

  it('catches a NIK that contradicts the birth date or sex', () => {
    expect(checkNikAgainstPerson('3201015708900001', '1990-08-17', 'female')).toBeNull();
    expect(checkNikAgainstPerson('3201015708900001', '1990-08-18', 'female')).toBe('nik_birth_date');
    expect(checkNikAgainstPerson('3201015708900001', '1991-08-17', 'female')).toBe('nik_birth_date');
    expect(checkNikAgainstPerson('3201015708900001', '1990-08-17', 'male')).toBe('nik_sex');
  });
});

describe('PersonSchema', () => {
  it('accepts a valid person and a newborn without NIK', () => {
    expect(PersonSchema.safeParse(siti).success).toBe(true);
    const { nik: _nik, ...newborn } = { ...siti, name: 'Bayi Siti', birthDate: '2026-11-20', relationToHead: 'child' };
    expect(PersonSchema.safeParse(newborn).success).toBe(true);
  });

  it('reports each problem with its key at its field', () => {
    const result = PersonSchema.safeParse({ ...siti, name: '  ', birthDate: '2027-01-01' });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
    expect(issues).toContainEqual(['name', 'name_required']);
    expect(issues).toContainEqual(['birthDate', 'birth_date_future']);
  });

  it('rejects a NIK whose embedded sex contradicts the record', () => {
    const result = PersonSchema.safeParse({ ...siti, sex: 'male' });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['nik_sex']);
  });
});

describe('child and mother', () => {
  it('refuses a child older than its mother, or a mother younger than 10 at the birth', () => {
    expect(checkChildAgainstMother({ birthDate: '2020-01-01' }, { birthDate: '1990-08-17', sex: 'female' })).toBeNull();
    expect(checkChildAgainstMother({ birthDate: '1989-01-01' }, { birthDate: '1990-08-17', sex: 'female' })).toBe(
      'child_older_than_mother',
    );
    expect(checkChildAgainstMother({ birthDate: '2000-08-16' }, { birthDate: '1990-08-17', sex: 'female' })).toBe(
      'child_older_than_mother',
    );
    expect(checkChildAgainstMother({ birthDate: '2020-01-01' }, { birthDate: '1990-08-17', sex: 'male' })).toBe(
      'mother_not_female',
    );
  });
});
