import { describe, expect, it } from 'vitest';
import {
  checkJsonShape,
  firstShapeProblem,
  isSafeText,
  isSafeTextByUnits,
  MAX_RECORD_NODES,
} from '../../protocol/index.ts';
import { createPrng } from '../../server/src/seed/prng.ts';

describe('isSafeText', () => {
  it('agrees with the rule on random text of NULs, surrogate halves, pairs and plain letters', () => {
    const prng = createPrng(14);
    const units = [0x0, 0x41, 0xe9, 0x20ac, 0xd83d, 0xde00, 0xdbff, 0xdc00, 0xdfff, 0xd800, 0xfffd];
    let unsafe = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = String.fromCharCode(...Array.from({ length: prng.int(0, 6) }, () => prng.pick(units)));
      expect(isSafeText(text)).toBe(isSafeTextByUnits(text));
      if (!isSafeTextByUnits(text)) unsafe++;
    }
    expect(unsafe).toBeGreaterThan(1000);
    expect(isSafeText('Siti 😀')).toBe(true);
  });
});

describe('checkJsonShape', () => {
  const own = (key: string, value: unknown): object =>
    Object.defineProperty({ a: 1 }, key, { value, enumerable: true, writable: true, configurable: true });

  it('names the same problem as the ordered walk, for sound and broken values', () => {
    const values: unknown[] = [
      null,
      7,
      'text',
      { a: 'b', c: [1, 2, { d: null }] },
      { a: 'x'.repeat(2001) },
      { a: 'x'.repeat(2000) },
      { a: 'a\u0000' },
      { ['k'.repeat(65)]: 1 },
      { ['k'.repeat(64)]: 1 },
      own('__proto__', {}),
      { constructor: 1 },
      { prototype: 1 },
      { 'a\uDC00': 1 },
      [[[[[[1]]]]]],
      [[[[[[[1]]]]]]],
      [[[[[[[]]]]]]],
      Array.from({ length: MAX_RECORD_NODES - 1 }, () => 1),
      Array.from({ length: MAX_RECORD_NODES }, () => 1),
      // Two problems at once: the ordered walk decides which is named, and the shortcut must not change it.
      { long: 'x'.repeat(2001), bad: 'a\u0000', ['k'.repeat(65)]: 1 },
      [{ deep: [[[[[1]]]]] }, 'a\uD800', ...Array.from({ length: 600 }, () => 0)],
    ];
    const problems = new Set<string | null>();
    for (const value of values) {
      for (const depth of [6, 3, 40]) {
        expect(checkJsonShape(value, depth)).toBe(firstShapeProblem(value, depth));
      }
      problems.add(checkJsonShape(value));
    }
    expect([...problems].sort()).toEqual(
      [null, 'forbidden_key', 'key_too_long', 'too_deep', 'too_large', 'unsafe_text'].sort(),
    );
  });
});
