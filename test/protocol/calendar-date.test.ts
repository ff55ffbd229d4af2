import { describe, expect, it } from 'vitest';
import { isRealCalendarDate } from '../../protocol/ids.ts';

/** The rule as it was written first: JavaScript's calendar decides (issue 14 made the usual shape arithmetic). */
function byDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

describe('isRealCalendarDate', () => {
  it('agrees with the Date calendar on every day of 1899-2100 and on the days around them', () => {
    let checked = 0;
    for (let y = 1899; y <= 2100; y++) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const value = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(isRealCalendarDate(value), value).toBe(byDate(value));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(90_000);
  });

  it.each([
    '2024-02-29',
    '2023-02-29',
    '1900-02-29',
    '2000-02-29',
    '0099-01-01',
    '0100-01-01',
    '0000-00-00',
    '9999-12-31',
    '2024-1-01',
    '2024-01-1',
    '2024/01/01',
    '2024-0a-01',
    '２０２４-01-01',
    '+024-01-01',
    ' 024-01-01',
    '2024-01-01T',
    '',
    'abc',
    '-2024-01-01',
  ])('agrees with the Date calendar on %j', (value) => {
    expect(isRealCalendarDate(value)).toBe(byDate(value));
  });
});
