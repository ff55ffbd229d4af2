import { describe, expect, it } from 'vitest';
import { sameJson } from '../../server/src/same-json.ts';

// Issue 14: a held seq hides a record from the phone's next pull, so "same" must never be said of two records
// whose JSON differs. sameJson replaced comparing JSON with sorted keys; it must give that comparison's answer.

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

describe('sameJson', () => {
  it('ignores key order and undefined keys, and nothing else', () => {
    expect(sameJson({ a: 1, b: { c: [1, 'x'] } }, { b: { c: [1, 'x'] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(sameJson([undefined], [null])).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameJson({ a: {} }, { a: [] })).toBe(false);
    expect(sameJson({ a: { b: 1 } }, { a: { b: 1, c: 2 } })).toBe(false);
    expect(sameJson({ a: { b: 1, c: 2 } }, { a: { b: 1 } })).toBe(false);
    expect(sameJson(0, -0)).toBe(true);
  });

  it('agrees with comparing JSON with sorted keys on many generated pairs', () => {
    let seed = 11;
    const next = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
    const leaf = () => [null, true, false, 0, 1, 2.5, '', 'a', 'b', undefined][next(10)];
    const value = (depth: number): unknown => {
      const kind = depth > 2 ? 0 : next(3);
      if (kind === 0) return leaf();
      if (kind === 1) return Array.from({ length: next(3) }, () => value(depth + 1));
      const object: Record<string, unknown> = {};
      for (let k = next(4); k > 0; k--) object[['a', 'b', 'c', 'd'][next(4)] as string] = value(depth + 1);
      return object;
    };
    // A copy with every object's keys in reverse order; half the time one key somewhere then gets a new leaf.
    const reordered = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reordered)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, inner]) => [k, reordered(inner)]),
            )
          : v;
    const touch = (v: Record<string, unknown>): void => {
      const objects = Object.values(v).filter((inner) => inner && typeof inner === 'object' && !Array.isArray(inner));
      const inner = objects[next(objects.length + 1)] as Record<string, unknown> | undefined;
      if (inner && next(2) === 0) touch(inner);
      else v[['a', 'b', 'e'][next(3)] as string] = leaf();
    };
    const variant = (v: Record<string, unknown>): unknown => {
      const copy = reordered(v) as Record<string, unknown>;
      if (next(2) === 0) touch(copy);
      return copy;
    };
    let same = 0;
    for (let n = 0; n < 5_000; n++) {
      const a = { id: 'x', ...(value(0) as object) };
      const b = variant(a);
      const expected = sortedJson(a) === sortedJson(b);
      if (expected) same += 1;
      expect(sameJson(a, b), `${sortedJson(a)} / ${sortedJson(b)}`).toBe(expected);
    }
    expect(same).toBeGreaterThan(500);
    expect(same).toBeLessThan(4_500);
  });
});
