import { roundHalfUp } from './lms.ts';

/** WHO's month: 365.25 / 12 days. */
export const DAYS_PER_MONTH = 30.4375;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number {
  const match = DATE_ONLY.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const check = new Date(ms);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(m) - 1) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return Math.round(ms / 86_400_000);
}

/** Whole days from birth to visit ('YYYY-MM-DD' both), counted on the calendar so time zones cannot shift it. */
export function ageInDays(birthDate: string, visitDate: string): number {
  return dayNumber(visitDate) - dayNumber(birthDate);
}

/**
 * An age as the z-score code needs it: the unrounded months decide validity (anthro computes 0-5 y only while
 * months < 60), the day rounded half up picks the table row.
 */
export interface ChildAge {
  /** Unrounded age in months. */
  months: number;
  /** Whole day used for the WHO 2006 tables. */
  days: number;
}

export function ageFromDays(days: number): ChildAge {
  return { months: days / DAYS_PER_MONTH, days: roundHalfUp(days) };
}

export function ageFromMonths(months: number): ChildAge {
  return { months, days: roundHalfUp(months * DAYS_PER_MONTH) };
}

/** Completed months, as the KMS and the KBM table count them. */
export function completedMonths(days: number): number {
  return Math.floor(days / DAYS_PER_MONTH);
}
