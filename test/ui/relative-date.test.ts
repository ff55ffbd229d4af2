// The phone is in Jakarta (UTC+7): set before any date is made, Node reads TZ at run time.
process.env.TZ = 'Asia/Jakarta';

import { describe, expect, it } from 'vitest';
import { ensureLocaleLoaded, setLocale } from '../../src/i18n/index.ts';
import { formatLocalDay, formatRelativeDay } from '../../src/ui/relative-date.ts';

describe('dates as the kader reads them', () => {
  it('puts an early-morning record on its own day, not the UTC day before', () => {
    // 06:30 WIB on 1 December is 23:30 UTC on 30 November.
    expect(formatLocalDay('2026-11-30T23:30:00.000Z')).toBe('01/12/2026');
    expect(formatLocalDay('2026-12-01')).toBe('01/12/2026');
    expect(formatLocalDay('')).toBe('');
    expect(formatRelativeDay('not a date')).toBe('');
  });

  it('says today, yesterday and days ago in Indonesian', () => {
    setLocale('id');
    const now = new Date('2026-12-01T09:00:00+07:00');
    expect(formatRelativeDay('2026-11-30T23:30:00.000Z', now)).toBe('hari ini');
    expect(formatRelativeDay('2026-11-30', now)).toBe('kemarin');
    expect(formatRelativeDay('2026-11-28', now)).toBe('3 hari yang lalu');
    expect(formatRelativeDay('2026-09-01', now)).toBe('3 bulan yang lalu');
    expect(formatRelativeDay('2026-12-04', now)).toBe('dalam waktu 3 hari');
  });

  it('in English when the kader chose it', async () => {
    setLocale('en');
    await ensureLocaleLoaded();
    expect(formatRelativeDay('2026-11-28', new Date('2026-12-01T09:00:00+07:00'))).toBe('3 days ago');
    setLocale('id');
  });
});
