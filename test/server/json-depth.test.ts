import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from '../../server/src/http/json-depth.ts';

// The push route's guard before JSON.parse (issue 14 made it skip strings with indexOf): it must still count
// exactly the brackets outside strings, whatever the escapes.

/** The plain char-by-char scan it replaced, as the reference. */
function reference(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return false;
}

const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('jsonNestsDeeperThan', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonNestsDeeperThan(nested(32), 32)).toBe(false);
    expect(jsonNestsDeeperThan(nested(33), 32)).toBe(true);
    expect(jsonNestsDeeperThan(JSON.stringify({ a: nested(500) }), 32)).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify([{ a: [1, { b: '{{{' }] }]), 4)).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify([{ a: [1, { b: '{{{' }] }]), 3)).toBe(true);
  });

  it('ends a string at an unescaped quote only, whatever the backslashes before it', () => {
    // `"\\"` ends after two backslashes: the brackets after it count.
    expect(jsonNestsDeeperThan(`["\\\\"${nested(40)}]`, 32)).toBe(true);
    // `"\"` does not end: the brackets are inside the string.
    expect(jsonNestsDeeperThan(`["\\"${nested(40)}"]`, 32)).toBe(false);
    // An unclosed string hides the rest, as JSON.parse will refuse it anyway.
    expect(jsonNestsDeeperThan(`["${nested(40)}`, 32)).toBe(false);
  });

  it('agrees with the char-by-char scan on many generated bodies', () => {
    const pieces = ['[', ']', '{', '}', '"', '\\', '\\\\', '\\"', 'a', ',', ':', '"x"', nested(5)];
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647);
    for (let n = 0; n < 2_000; n++) {
      let text = '';
      for (let k = next() % 60; k > 0; k--) text += pieces[next() % pieces.length];
      for (const max of [1, 3, 8])
        expect(jsonNestsDeeperThan(text, max), `${text} / ${max}`).toBe(reference(text, max));
    }
  });
});
