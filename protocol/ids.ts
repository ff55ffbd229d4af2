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

function isRealCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
