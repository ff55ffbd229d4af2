// The speed work on the shared rules (epoch-day calendar, the immunisation status computed once per schedule)
// must not change a single result: the new code against a frozen copy of the code before it (test/domain/reference/,
// taken from main at 218512c) on every date of several years and on every child of a seeded posyandu.
import { describe, expect, it } from 'vitest';
import { seededPeople } from '../../../bench/domain/seeded-people.ts';
import * as calendar from '../../../src/domain/dates/calendar.ts';
import {
  childImmunizationStatus,
  posyanduDosesPossible,
  posyanduDueList,
} from '../../../src/domain/schedules/child-immunization-status.ts';
import { NATIONAL_IMMUNIZATION_SCHEDULE } from '../../../src/domain/schedules/immunization-schedule.ts';
import * as calendarV1 from '../reference/calendar-v1.ts';
import * as statusV1 from '../reference/child-immunization-status-v1.ts';

/** Every day from 2019-12-25 to 2029-01-05: leap days, month ends, century rules of 2000 are covered by the span. */
function everyDay(): string[] {
  const out: string[] = [];
  for (let day = calendarV1.toEpochDay('2019-12-25'); day <= calendarV1.toEpochDay('2029-01-05'); day++) {
    out.push(calendarV1.addDays('1970-01-01', day));
  }
  return out;
}

describe('calendar: the epoch-day code gives what the Date.UTC code gave', () => {
  const days = everyDay();
  it('parses, adds and formats every day the same', () => {
    for (const date of days) {
      expect(calendar.toEpochDay(date)).toBe(calendarV1.toEpochDay(date));
      for (const n of [-400, -31, -1, 0, 1, 28, 29, 30, 31, 365, 366]) {
        expect(calendar.addDays(date, n)).toBe(calendarV1.addDays(date, n));
      }
      for (const m of [-13, -1, 1, 2, 6, 12, 59])
        expect(calendar.addMonths(date, m)).toBe(calendarV1.addMonths(date, m));
      expect(calendar.addSpan(date, { months: 1, days: 1 })).toBe(calendarV1.addSpan(date, { months: 1, days: 1 }));
      expect(calendar.monthNumber(date)).toBe(calendarV1.monthNumber(date));
    }
  });

  it('counts completed months and years the same, at month ends and leap days', () => {
    const births = ['2020-02-29', '2024-01-31', '2023-03-31', '2024-12-31', '2021-06-15', '2025-11-30'];
    for (const birth of births) {
      for (let i = 0; i < days.length; i += 3) {
        const date = days[i] as string;
        expect(calendar.completedMonths(birth, date)).toBe(calendarV1.completedMonths(birth, date));
        expect(calendar.completedYears(birth, date)).toBe(calendarV1.completedYears(birth, date));
      }
    }
  });

  it('far dates and years before 100 too', () => {
    for (const date of [
      '0001-01-01',
      '0050-06-15',
      '0099-12-31',
      '0100-03-01',
      '1600-02-29',
      '1900-02-28',
      '9999-12-31',
    ]) {
      expect(calendar.toEpochDay(date)).toBe(calendarV1.toEpochDay(date));
      expect(calendar.addDays(date, -1)).toBe(calendarV1.addDays(date, -1));
      expect(calendar.addMonths(date, 1)).toBe(calendarV1.addMonths(date, 1));
    }
  });

  it('refuses the same strings', () => {
    const bad = [
      '2024-02-30',
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-1-01',
      ' 2024-01-01',
      '2024-01-01\n',
      '2024/01/01',
      '２０２４-01-01',
      '2024-01-00',
      '',
      'abcd-ef-gh',
      '2024-01-32',
    ];
    for (const value of bad) {
      expect(calendarV1.isDateOnly(value)).toBe(false);
      expect(() => calendar.toEpochDay(value)).toThrow(RangeError);
    }
  });
});

describe('immunisation status: the same on a seeded posyandu', () => {
  const asOf = '2026-12-01';
  const children = seededPeople(1_100, asOf)
    .filter((p) => calendarV1.completedMonths(p.person.birthDate, asOf) < 72)
    .map((p) => ({
      personId: p.person.id,
      birthDate: p.person.birthDate,
      sex: p.person.sex,
      immunizations: p.immunizations,
    }));
  const dates = ['2024-02-29', '2025-01-31', '2025-08-15', '2026-03-01', asOf];

  it('has children with doses to compare', () => {
    expect(children.length).toBeGreaterThan(50);
    expect(children.some((c) => c.immunizations.length > 5)).toBe(true);
  });

  it('childImmunizationStatus and posyanduDosesPossible per child and date', () => {
    for (const date of dates) {
      for (const child of children) {
        if (child.birthDate > date) continue;
        const given = child.immunizations.filter((i) => i.date <= date);
        expect(childImmunizationStatus(child, given, date)).toEqual(
          statusV1.childImmunizationStatus(child, given, date),
        );
        expect(posyanduDosesPossible(NATIONAL_IMMUNIZATION_SCHEDULE, child.birthDate, date)).toBe(
          statusV1.posyanduDosesPossible(NATIONAL_IMMUNIZATION_SCHEDULE, child.birthDate, date),
        );
      }
    }
  });

  it('posyanduDueList, in the same order', () => {
    for (const date of dates) {
      const born = children.filter((c) => c.birthDate <= date);
      const list = posyanduDueList(born, date);
      expect(list.length).toBeGreaterThan(0);
      expect(list).toEqual(statusV1.posyanduDueList(born, date));
    }
  });
});
