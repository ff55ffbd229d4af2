import { completedMonths, completedYears } from '../domain/dates/calendar.ts';
import { getLocale, t } from '../i18n/index.ts';

/** "7 bulan" under two years (how mothers count a toddler's age), "34 tahun" after. */
export function formatAge(birthDate: string, on: string = todayIsoDate()): string {
  const months = completedMonths(birthDate, on);
  if (months < 24) return t('ageMonths', { months: Math.max(0, months) });
  return t('ageYears', { years: completedYears(birthDate, on) });
}

export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return date.toLocaleString('id-ID', { dateStyle: 'medium', timeStyle: 'short' });
}

const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

/**
 * A number as the kader writes it: "72,0", "-2,50", "1.250" in Indonesian (comma for decimals, dot for
 * thousands). `digits` fixes the decimals shown; without it up to two are shown, as needed.
 */
export function formatNumber(value: number, digits?: number): string {
  const locale = getLocale() === 'en' ? 'en-GB' : 'id-ID';
  const key = `${locale}:${digits ?? ''}`;
  let format = NUMBER_FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      locale,
      digits === undefined
        ? { maximumFractionDigits: 2 }
        : { minimumFractionDigits: digits, maximumFractionDigits: digits },
    );
    NUMBER_FORMATS.set(key, format);
  }
  return format.format(value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024), 0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${formatNumber(bytes / 1024 / 1024, 1)} MB`;
  return `${formatNumber(bytes / 1024 / 1024 / 1024, 1)} GB`;
}

export function todayIsoDate(now: Date = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
