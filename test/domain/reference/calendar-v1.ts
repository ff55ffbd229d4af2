/**
 * Calendar arithmetic on date-only strings ('YYYY-MM-DD').
 *
 * Everything here works on whole civil days counted through Date.UTC, never on local-time Date objects: a phone
 * set to WIB, WITA, WIT (or a test machine in UTC) must compute the same due day. No function reads the clock.
 */

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An age or interval in calendar months plus days: `{ months: 6, days: 29 }`. Days may be negative. */
export interface CalendarSpan {
  readonly months?: number;
  readonly days?: number;
}

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

function parse(date: string): CivilDate {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const civil = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (civil.month < 1 || civil.month > 12 || civil.day < 1 || civil.day > daysInMonth(civil.year, civil.month)) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return civil;
}

function format({ year, month, day }: CivilDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(date: string): number {
  const { year, month, day } = parse(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function fromEpochDay(epochDay: number): string {
  const d = new Date(epochDay * MS_PER_DAY);
  return format({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * Calendar months, with the day clamped to the end of a shorter month: 31 Jan + 1 month = 28 Feb (29 in a leap
 * year), 29 Feb 2024 + 12 months = 28 Feb 2025. This is how a mother counts "umur 2 bulan" on the Buku KIA.
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parse(date);
  const zeroBased = year * 12 + (month - 1) + months;
  const y = Math.floor(zeroBased / 12);
  const m = zeroBased - y * 12 + 1;
  return format({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** Months first, then days: the order matters at month ends (31 Jan + 1 month + 1 day = 1 Mar). */
export function addSpan(date: string, span: CalendarSpan): string {
  return addDays(addMonths(date, span.months ?? 0), span.days ?? 0);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/**
 * Completed calendar months from birth to `date` ("umur dalam bulan penuh"): the child turns N months on the day
 * `addMonths(birth, N)` gives, so one born 31 Jan is 1 month old on 28 Feb.
 */
export function completedMonths(birthDate: string, date: string): number {
  const b = parse(birthDate);
  const d = parse(date);
  let months = (d.year - b.year) * 12 + (d.month - b.month);
  if (months > 0 && addMonths(birthDate, months) > date) months -= 1;
  if (months < 0 && addMonths(birthDate, months) < date) months += 1;
  return months;
}

/** Completed years, with a 29 Feb birthday falling on 28 Feb in common years (same clamping as months). */
export function completedYears(birthDate: string, date: string): number {
  return Math.floor(completedMonths(birthDate, date) / 12);
}

/** 'YYYY-MM' of a date: the posyandu works month by month. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function monthNumber(date: string): number {
  return parse(date).month;
}

export function isDateOnly(value: string): boolean {
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
}
