import { afterEach, describe, expect, it } from 'vitest';
import { ensureLocaleLoaded, setLocale } from '../../src/i18n/index.ts';
import { formatBytes, formatNumber } from '../../src/ui/format.ts';

describe('numbers as Indonesian writes them', () => {
  afterEach(() => setLocale('id'));

  it('uses a decimal comma and a thousands dot', () => {
    setLocale('id');
    expect(`${formatNumber(72, 1)} cm`).toBe('72,0 cm');
    expect(formatNumber(-2.5, 2)).toBe('-2,50');
    expect(formatNumber(8.45)).toBe('8,45');
    expect(formatNumber(1250)).toBe('1.250');
    expect(formatBytes(10 * 1024 ** 3)).toBe('10,0 GB');
    expect(formatBytes(1.5 * 1024 ** 2)).toBe('1,5 MB');
  });

  it('uses a decimal point for whoever chose English', async () => {
    setLocale('en');
    await ensureLocaleLoaded();
    expect(formatNumber(-2.5, 2)).toBe('-2.50');
  });
});
