import { describe, expect, it } from 'vitest';
import { birthdayCheck, dueBirthdayChecks } from '../../../src/domain/ckg/birthday-check.ts';

describe('CKG birthday check', () => {
  const adult = { birthDate: '1990-08-10', sex: 'female' as const };

  it('is open from the birthday to 30 days after, upcoming the day before, closed on day 31', () => {
    expect(birthdayCheck(adult, '2026-08-09')).toMatchObject({ status: 'upcoming', birthday: '2026-08-10' });
    expect(birthdayCheck(adult, '2026-08-10')).toMatchObject({ status: 'open', ageYears: 36, windowTo: '2026-09-09' });
    expect(birthdayCheck(adult, '2026-09-09')?.status).toBe('open');
    expect(birthdayCheck(adult, '2026-09-10')).toMatchObject({ status: 'upcoming', birthday: '2027-08-10' });
  });

  it('keeps a December window open into January', () => {
    const december = { birthDate: '1980-12-20', sex: 'male' as const };
    expect(birthdayCheck(december, '2027-01-19')).toMatchObject({ status: 'open', birthday: '2026-12-20' });
    expect(birthdayCheck(december, '2027-01-20')?.birthday).toBe('2027-12-20');
  });

  it('opens a 29 February birthday on 28 February in a common year', () => {
    const leap = { birthDate: '2000-02-29', sex: 'male' as const };
    expect(birthdayCheck(leap, '2026-02-27')?.status).toBe('upcoming');
    expect(birthdayCheck(leap, '2026-02-28')).toMatchObject({ status: 'open', birthday: '2026-02-28' });
    expect(birthdayCheck(leap, '2028-02-29')).toMatchObject({ status: 'open', birthday: '2028-02-29' });
  });

  it('leaves ages 7-17 to the school scheme and picks the package by age and sex', () => {
    expect(birthdayCheck({ birthDate: '2019-08-10', sex: 'male' }, '2026-08-10')).toBeNull(); // turns 7
    expect(birthdayCheck({ birthDate: '2019-08-11', sex: 'male' }, '2026-08-10')).toBeNull(); // next one is the 7th
    expect(birthdayCheck({ birthDate: '2020-08-10', sex: 'male' }, '2026-08-10')?.ageYears).toBe(6);
    expect(birthdayCheck({ birthDate: '2008-08-10', sex: 'male' }, '2026-08-10')?.ageYears).toBe(18);
    const two = birthdayCheck({ birthDate: '2024-08-10', sex: 'male' }, '2026-08-10')?.items ?? [];
    const three = birthdayCheck({ birthDate: '2023-08-10', sex: 'male' }, '2026-08-10')?.items ?? [];
    expect(two).toContain('thalassaemia');
    expect(three).not.toContain('thalassaemia');
    expect(birthdayCheck(adult, '2026-08-10')?.items).toContain('breast_cervical_cancer');
    expect(birthdayCheck({ ...adult, sex: 'male' }, '2026-08-10')?.items).not.toContain('breast_cervical_cancer');
    expect(birthdayCheck({ birthDate: '1960-08-10', sex: 'male' }, '2026-08-10')?.items).toContain('geriatric');
  });

  it('lists this month’s people: open now or still to come this month, done ones last', () => {
    const people = [
      { id: 'open', birthDate: '1990-08-01', sex: 'female' as const },
      { id: 'later', birthDate: '1990-08-31', sex: 'male' as const },
      { id: 'next-month', birthDate: '1990-09-01', sex: 'male' as const },
      { id: 'july-still-open', birthDate: '1990-07-20', sex: 'male' as const },
      { id: 'july-closed', birthDate: '1990-07-10', sex: 'male' as const },
      {
        id: 'done',
        birthDate: '1990-08-05',
        sex: 'female' as const,
        services: [{ date: '2026-08-06', service: 'ckg_birthday' }],
      },
    ];
    const date = '2026-08-12';
    const list = dueBirthdayChecks(
      people.map((person) => ({ person, check: birthdayCheck(person, date) })),
      date,
    );
    expect(list.map((e) => e.person.id)).toEqual(['july-still-open', 'open', 'later', 'done']);
    expect(list.at(-1)?.check.done).toBe(true);
  });
});
