import { EN_STRINGS } from './en.ts';
import { ID_STRINGS, type StringKey } from './id.ts';

export type { StringKey } from './id.ts';
export type Locale = 'id' | 'en';

const CATALOGUES: Record<Locale, Record<StringKey, string>> = { id: ID_STRINGS, en: EN_STRINGS };
const LOCALE_KEY = 'posyandu.locale';

let current: Locale = readStoredLocale();

function readStoredLocale(): Locale {
  try {
    return globalThis.localStorage?.getItem(LOCALE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  current = locale;
  try {
    globalThis.localStorage?.setItem(LOCALE_KEY, locale);
  } catch {
    // Private mode: the choice lasts until the app closes.
  }
}

/** The string for `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: StringKey, params?: Record<string, string | number>): string {
  const template = CATALOGUES[current][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
