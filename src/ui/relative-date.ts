// Dates as a kader says them, for the lazy screens (history, person page): "hari ini", "kemarin", "3 hari yang
// lalu", and the phone's own calendar day of an instant. date-fns does the calendar arithmetic and the Indonesian
// wording; it stays out of the first bundle because only lazy screens import this file.
import { differenceInCalendarDays, formatDistanceStrict, startOfDay } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { id } from 'date-fns/locale/id';
import { getLocale, t } from '../i18n/index.ts';

const isCalendarDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * A calendar date stays as written; an instant (`recordedAt`) becomes the day it was on the phone's clock. Slicing
 * the ISO text would give the UTC day: a weighing at 06:30 WIB showed as the day before.
 */
export function localDay(dateOrInstant: string): Date {
  if (!isCalendarDate(dateOrInstant)) return startOfDay(new Date(dateOrInstant));
  const [year, month, day] = dateOrInstant.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** dd/MM/yyyy of the local day. */
export function formatLocalDay(dateOrInstant: string): string {
  const day = localDay(dateOrInstant);
  // An unreadable value is shown as it is rather than breaking the whole history.
  if (Number.isNaN(day.getTime())) return dateOrInstant;
  return `${pad(day.getDate())}/${pad(day.getMonth() + 1)}/${day.getFullYear()}`;
}

/** "hari ini", "kemarin", "3 hari yang lalu", "2 bulan yang lalu"; future days as "dalam waktu 3 hari". */
export function formatRelativeDay(dateOrInstant: string, now: Date = new Date()): string {
  const day = localDay(dateOrInstant);
  if (Number.isNaN(day.getTime())) return '';
  const days = differenceInCalendarDays(now, day);
  if (days === 0) return t('today');
  if (days === 1) return t('yesterday');
  const locale = getLocale() === 'en' ? enUS : id;
  const unit = Math.abs(days) < 45 ? 'day' : Math.abs(days) < 730 ? 'month' : 'year';
  return formatDistanceStrict(day, startOfDay(now), { locale, addSuffix: true, unit, roundingMethod: 'floor' });
}
