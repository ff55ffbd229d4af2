import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addSpan,
  completedMonths,
  completedYears,
  daysBetween,
  toEpochDay,
} from '../../../src/domain/dates/calendar.ts';

describe('calendar arithmetic on date-only strings', () => {
  it('clamps month ends: 31 Jan + 1 month is the last day of February', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-12-31', 2)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
  });

  it('adds months before days', () => {
    expect(addSpan('2025-01-31', { months: 1, days: 1 })).toBe('2025-03-01');
    expect(addSpan('2024-02-29', { months: 60, days: -1 })).toBe('2029-02-27');
  });

  it('counts completed months the way the clamped anniversary falls', () => {
    expect(completedMonths('2025-01-31', '2025-02-27')).toBe(0);
    expect(completedMonths('2025-01-31', '2025-02-28')).toBe(1);
    expect(completedMonths('2025-01-31', '2025-03-30')).toBe(1);
    expect(completedMonths('2025-01-31', '2025-03-31')).toBe(2);
    expect(completedMonths('2024-02-29', '2025-02-27')).toBe(11);
    expect(completedMonths('2024-02-29', '2025-02-28')).toBe(12);
    expect(completedYears('2020-08-17', '2026-08-16')).toBe(5);
    expect(completedYears('2020-08-17', '2026-08-17')).toBe(6);
  });

  it('counts days across a leap day and does not drift with the time zone', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('rejects impossible dates', () => {
    expect(() => toEpochDay('2025-02-29')).toThrow(RangeError);
    expect(() => toEpochDay('2024-02-29')).not.toThrow();
    expect(() => addMonths('2025-13-01', 1)).toThrow(RangeError);
  });
});
