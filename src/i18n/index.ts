import { ID_STRINGS, type StringKey } from './id.ts';

export type { StringKey } from './id.ts';
export type Locale = 'id' | 'en';

// Indonesian ships in the first bundle; English loads on demand (ensureLocaleLoaded) for the few who choose it.
const CATALOGUES: Partial<Record<Locale, Record<StringKey, string>>> = { id: ID_STRINGS };
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

/** Loads the chosen language's strings; the app awaits this once before its first render. */
export async function ensureLocaleLoaded(): Promise<void> {
  if (current === 'en' && !CATALOGUES.en) CATALOGUES.en = (await import('./en.ts')).EN_STRINGS;
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
  // Never throws: a string missing in English falls back to Indonesian, and one missing everywhere (a catalogue
  // loaded from an older build, a key built from data) shows a readable placeholder instead of a blank screen.
  const template = lookUp(CATALOGUES[current], key) ?? lookUp(ID_STRINGS, key) ?? placeholder(key);
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** True when `key` (built from data, such as a vaccine code from the server) has a string in the catalogue. */
export function isStringKey(key: string): key is StringKey {
  return Object.hasOwn(ID_STRINGS, key);
}

function lookUp(catalogue: Partial<Record<string, string>> | undefined, key: string): string | undefined {
  const text = catalogue && Object.hasOwn(catalogue, key) ? catalogue[key] : undefined;
  return typeof text === 'string' ? text : undefined;
}

function placeholder(key: string): string {
  return key.replace(/_/g, ' ');
}
