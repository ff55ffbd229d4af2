import { EN_STRINGS } from './en.ts';
import { ID_STRINGS, type StaffStringKey } from './id.ts';

export type { StaffStringKey } from './id.ts';
export type StaffLocale = 'id' | 'en';

// Both catalogues ship in the staff bundle: a few kilobytes, on a puskesmas computer, not a kader's phone.
const CATALOGUES: Record<StaffLocale, Record<StaffStringKey, string>> = { id: ID_STRINGS, en: EN_STRINGS };
const LOCALE_KEY = 'puskesmas.locale';

let current: StaffLocale = (() => {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
})();

export function staffLocale(): StaffLocale {
  return current;
}

export function setStaffLocale(locale: StaffLocale): void {
  current = locale;
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function t(key: StaffStringKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[current][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function formatDate(iso: string | null): string {
  if (!iso) return t('never');
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return date.toLocaleString(current === 'id' ? 'id-ID' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(iso.length === 10 ? {} : { hour: '2-digit', minute: '2-digit' }),
  });
}
