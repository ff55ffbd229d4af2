import { describe, expect, it } from 'vitest';
import { EN_STRINGS } from '../../src/i18n/en.ts';
import { ID_STRINGS } from '../../src/i18n/id.ts';
import { ensureLocaleLoaded, setLocale, t } from '../../src/i18n/index.ts';

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
});
