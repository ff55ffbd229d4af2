/**
 * Calendar arithmetic on date-only strings ('YYYY-MM-DD').
 *
 * Everything here works on whole civil days counted through Date.UTC, never on local-time Date objects: a phone
 * set to WIB, WITA, WIT (or a test machine in UTC) must compute the same due day. No function reads the clock.
 */

const MS_PER_DAY = 86_400_000;

/** An age or interval in calendar months plus days: `{ months: 6, days: 29 }`. Days may be negative. */
export interface CalendarSpan {
  readonly months?: number;
  readonly days?: number;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

// Character codes, so the hot paths (every dose of every child, every rule's date) parse without a regex or a
// Date object: the screens and the server call these hundreds of thousands of times per list.
const ZERO = 48;
const DASH = 45;

function digit(date: string, index: number): number {
  const d = date.charCodeAt(index) - ZERO;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The same strings as /^(\d{4})-(\d{2})-(\d{2})$/, then a real calendar day. */
export function parseCivil(date: string): CivilDate {
  if (date.length === 10 && date.charCodeAt(4) === DASH && date.charCodeAt(7) === DASH) {
    const y0 = digit(date, 0);
    const y1 = digit(date, 1);
    const y2 = digit(date, 2);
    const y3 = digit(date, 3);
    const m0 = digit(date, 5);
    const m1 = digit(date, 6);
    const d0 = digit(date, 8);
    const d1 = digit(date, 9);
    if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) >= 0) {
      const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
      const month = m0 * 10 + m1;
      const day = d0 * 10 + d1;
      if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        throw new RangeError(`Not a calendar date: ${date}`);
      }
      return { year, month, day };
    }
  }
  throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

function format({ year, month, day }: CivilDate): string {
  const y = year >= 1000 && year <= 9999 ? `${year}` : String(year).padStart(4, '0');
  return `${y}-${pad2(month)}-${pad2(day)}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return MONTH_DAYS[month] ?? 31;
}

/**
 * Days since 1970-01-01 of a civil date, in integers (H. Hinnant's days_from_civil). Years 0-99 go through
 * Date.UTC as before, which reads them as 1900-1999: no real record has them, but the result must not change.
 */
function epochDayOf(year: number, month: number, day: number): number {
  if (year < 100) return Date.UTC(year, month - 1, day) / MS_PER_DAY;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(date: string): number {
  const { year, month, day } = parseCivil(date);
  return epochDayOf(year, month, day);
}

/** The civil date of an epoch day (H. Hinnant's civil_from_days), without a Date object. */
function civilOfEpochDay(epochDay: number): CivilDate {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

// The strings of the days already formatted: a posyandu's dates fall on a few thousand days, and every dose of
// every child formats three of them. Bounded, so a long-running server does not grow it without end.
const formatted = new Map<number, string>();
const FORMATTED_MAX = 20_000;

/** 'YYYY-MM-DD' of an epoch day. */
export function fromEpochDay(epochDay: number): string {
  let text = formatted.get(epochDay);
  if (text === undefined) {
    if (formatted.size >= FORMATTED_MAX) formatted.clear();
    text = format(civilOfEpochDay(epochDay));
    formatted.set(epochDay, text);
  }
  return text;
}

/** `addMonths` on a parsed date, kept as a civil date. */
function addMonthsCivil({ year, month, day }: CivilDate, months: number): CivilDate {
  const zeroBased = year * 12 + (month - 1) + months;
  const y = Math.floor(zeroBased / 12);
  const m = zeroBased - y * 12 + 1;
  return { year: y, month: m, day: Math.min(day, daysInMonth(y, m)) };
}

function compareCivil(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** `addSpan` as an epoch day, for rules that compare many dates of one child: parse once, compare integers. */
export function addSpanEpochDay(date: CivilDate, span: CalendarSpan): number {
  // addMonthsCivil without the object: this runs for every dose of every child.
  const zeroBased = date.year * 12 + (date.month - 1) + (span.months ?? 0);
  const y = Math.floor(zeroBased / 12);
  const m = zeroBased - y * 12 + 1;
  return epochDayOf(y, m, Math.min(date.day, daysInMonth(y, m))) + (span.days ?? 0);
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * Calendar months, with the day clamped to the end of a shorter month: 31 Jan + 1 month = 28 Feb (29 in a leap
 * year), 29 Feb 2024 + 12 months = 28 Feb 2025. This is how a mother counts "umur 2 bulan" on the Buku KIA.
 */
export function addMonths(date: string, months: number): string {
  return format(addMonthsCivil(parseCivil(date), months));
}

/** `addSpan` from an epoch day to an epoch day: a span of days only needs no calendar at all. */
export function addSpanToEpochDay(epochDay: number, span: CalendarSpan): number {
  if (!span.months) return epochDay + (span.days ?? 0);
  return addSpanEpochDay(civilOfEpochDay(epochDay), span);
}

/** Months first, then days: the order matters at month ends (31 Jan + 1 month + 1 day = 1 Mar). */
export function addSpan(date: string, span: CalendarSpan): string {
  return fromEpochDay(addSpanEpochDay(parseCivil(date), span));
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
  const b = parseCivil(birthDate);
  const d = parseCivil(date);
  let months = (d.year - b.year) * 12 + (d.month - b.month);
  // Compared as civil dates, not formatted strings: the same order for the 4-digit years parseCivil accepts.
  if (months > 0 && compareCivil(addMonthsCivil(b, months), d) > 0) months -= 1;
  if (months < 0 && compareCivil(addMonthsCivil(b, months), d) < 0) months += 1;
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
  return parseCivil(date).month;
}
