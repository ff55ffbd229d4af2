import { completedMonths, completedYears } from '../domain/dates/calendar.ts';
import { t } from '../i18n/index.ts';

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

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
}

export function todayIsoDate(now: Date = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
