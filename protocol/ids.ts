import { z } from 'zod';

/** Ids are made on the phone: UUID version 7, so they sort by creation time and never collide across devices. */
export const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const RecordIdSchema = z.string().regex(UUID_V7_PATTERN, { error: 'id_format' });

/** Server-issued ids (posyandu, device) are UUIDs of any version. */
export const ServerIdSchema = z.string().uuid({ error: 'id_format' });

/**
 * Dates a record may carry: from 1900 (the oldest birth dates of the elderly) to one year after today by the
 * validating machine's clock (due dates and appointments lie ahead). Years like 0100 or 9999 are typing errors or
 * attacks, and would sort and compute ages absurdly.
 */
export const EARLIEST_DATE = '1900-01-01';
export const MAX_DAYS_AHEAD = 366;

const DAY_MS = 86_400_000;
/** The last answer and the UTC day it holds for: every date of every record asks, and the day rarely changes. */
let latestCache = { dayStartMs: NaN, date: '' };

export function latestPlausibleDate(nowMs: number = Date.now()): string {
  const dayStartMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  if (dayStartMs !== latestCache.dayStartMs) {
    latestCache = {
      dayStartMs,
      date: new Date(dayStartMs + MAX_DAYS_AHEAD * DAY_MS).toISOString().slice(0, 10),
    };
  }
  return latestCache.date;
}

export function isPlausibleDate(isoDate: string, nowMs: number = Date.now()): boolean {
  return isoDate >= EARLIEST_DATE && isoDate <= latestPlausibleDate(nowMs);
}

/** A calendar date without time, as the kader means it: YYYY-MM-DD. */
export const DateOnlySchema = z
  .string()
  // An empty date is a question not yet answered, not a wrong date: it says so, and nothing else.
  .min(1, { error: 'date_required', abort: true })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format' })
  .refine(isRealCalendarDate, { error: 'date_format' })
  .refine((value) => isPlausibleDate(value), { error: 'date_range' });

/** The calendar date of an instant is judged like a date; 40 characters hold any ISO instant with an offset. */
export const InstantSchema = z.iso
  .datetime({ offset: true, error: 'datetime_format' })
  .max(40, { error: 'datetime_format' })
  .refine((value) => isPlausibleDate(value.slice(0, 10)), { error: 'date_range' });

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The digit at `at`, or -1: a date's parts read without splitting the string (every date of every record asks). */
function digit(value: string, at: number): number {
  const code = value.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

export function isRealCalendarDate(value: string): boolean {
  // The usual shape, YYYY-MM-DD from the year 100 on, is judged by arithmetic; anything else takes the Date path
  // below, which gives the same answers (test/protocol/calendar-date.test.ts holds the two together).
  if (value.length === 10 && value[4] === '-' && value[7] === '-') {
    const [y1, y2, y3, y4] = [digit(value, 0), digit(value, 1), digit(value, 2), digit(value, 3)];
    const [m1, m2, d1, d2] = [digit(value, 5), digit(value, 6), digit(value, 8), digit(value, 9)];
    // digit() is -1 for anything else, and any -1 makes the OR negative.
    const allDigits = (y1 | y2 | y3 | y4 | m1 | m2 | d1 | d2) >= 0;
    const y = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
    const m = m1 * 10 + m2;
    const d = d1 * 10 + d2;
    if (allDigits && y >= 100) {
      if (m < 1 || m > 12 || d < 1) return false;
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      return d <= (m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0));
    }
  }
  return isRealCalendarDateByDate(value);
}

function isRealCalendarDateByDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
