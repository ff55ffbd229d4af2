import { describe, expect, it } from 'vitest';
import { EN_STRINGS } from '../../src/i18n/en.ts';
import { ID_STRINGS } from '../../src/i18n/id.ts';
import { ensureLocaleLoaded, setLocale, t, type StringKey } from '../../src/i18n/index.ts';

describe('UI strings', () => {
  it('are Indonesian by default, with placeholders filled', () => {
    setLocale('id');
    expect(t('syncWaiting', { count: 4 })).toBe('4 data menunggu dikirim');
  });

  it('switch to English once its catalogue is loaded, and back', async () => {
    setLocale('en');
    await ensureLocaleLoaded();
    expect(t('syncWaiting', { count: 4 })).toBe('4 records waiting to be sent');
    setLocale('id');
    expect(t('save')).toBe('Simpan');
  });

  it('have the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ID_STRINGS) as (keyof typeof ID_STRINGS)[]) {
      expect(placeholders(EN_STRINGS[key]), key).toEqual(placeholders(ID_STRINGS[key]));
    }
  });

  it('never throw: a key missing from the catalogue reads as a placeholder', () => {
    setLocale('id');
    const unknown = 'plaus_no_such_reason' as StringKey;
    expect(() => t(unknown, { previous: 3 })).not.toThrow();
    expect(t(unknown)).toBe('plaus no such reason');
  });

  it('name the reason a baby under nine months measured standing is doubted', async () => {
    setLocale('id');
    expect(t('plaus_standing_under_nine_months')).toMatch(/berbaring/);
    setLocale('en');
    await ensureLocaleLoaded();
    expect(t('plaus_standing_under_nine_months')).toMatch(/lying/);
    setLocale('id');
  });
});
