import { describe, expect, it } from 'vitest';
import { sortRows } from '../../server/src/services/staff-list-order.ts';
import { type ListRow, compareRows } from '../../server/src/services/staff-list-rows.ts';

/** A small deterministic generator, so a failure can be run again. */
function prng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const NAMES = ['Ani', 'ani', 'Ádi', 'Budi', 'Bu Sri', 'Cahya', 'Dewi', 'Éka', 'Siti Aminah', 'Siti aminah', 'Zaenal'];
const DATES = ['', '2026-01-01', '2026-01-02', '2025-12-31', '2026-10-30'];

describe('sortRows', () => {
  it('orders rows exactly as sorting with compareRows does (urgency, oldest finding, name in Indonesian order)', () => {
    const random = prng(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    for (let round = 0; round < 50; round++) {
      const rows: ListRow[] = Array.from({ length: 200 }, (_, i) => ({
        list: 'not-screened',
        personId: `p${round}-${i}`,
        name: pick(NAMES),
        sex: 'female',
        birthDate: '1980-01-01',
        reasons: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
          code: 'x',
          date: pick(DATES),
          urgent: random() < 0.2,
        })),
      }));
      const expected = [...rows].sort(compareRows).map((r) => r.personId);
      expect(sortRows([...rows]).map((r) => r.personId)).toEqual(expected);
    }
  });
});
