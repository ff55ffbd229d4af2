/**
 * Bounds on the shape of what a phone sends, checked before any schema sees it: a record is at most
 * `MAX_RECORD_DEPTH` levels deep, holds at most `MAX_RECORD_NODES` values, names its fields with at most
 * `MAX_KEY_LENGTH` characters and no string is longer than `MAX_TEXT_LENGTH`, and no string or key holds U+0000 or half of a UTF-16 surrogate pair. PostgreSQL
 * cannot store either character, SQLite silently turns a lone surrogate into U+FFFD (so a retried id no longer
 * matches), and no kader types them: they only come from a bug or an attacker.
 */
export const MAX_RECORD_DEPTH = 6;
export const MAX_RECORD_NODES = 500;
export const MAX_KEY_LENGTH = 64;
/** Longer than any text field of any schema (notes: 1000), so it also bounds fields a schema would drop. */
export const MAX_TEXT_LENGTH = 2000;

/** Keys that would change an object's prototype when copied by assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Any surrogate half: text without one (and without U+0000) is safe; text with one needs its pairs looked at. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** False for U+0000 and for a high or low surrogate that is not part of a pair. */
export function isSafeText(text: string): boolean {
  // Nearly all text has neither: two native scans answer it (the server asks for every string of every change).
  // The rule itself decides the rest (emoji are pairs, and allowed).
  return (!SURROGATE.test(text) && !text.includes('\u0000')) || isSafeTextByUnits(text);
}

/** isSafeText's rule as written, one UTF-16 unit at a time: what its shortcut must agree with. */
export function isSafeTextByUnits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    }
  }
  return true;
}

export type ShapeProblem = 'too_deep' | 'too_large' | 'key_too_long' | 'forbidden_key' | 'unsafe_text';

/**
 * The first problem of a parsed JSON value against the bounds above, or null. A sound value (nearly every one the
 * server receives) is told by one recursive walk that stops at the first doubt; a value with a problem is walked
 * again by `firstShapeProblem`, whose order decides which problem is named, so the verdict never depends on the
 * shortcut (test/protocol/safe-json.test.ts holds the two together).
 */
export function checkJsonShape(value: unknown, maxDepth = MAX_RECORD_DEPTH): ShapeProblem | null {
  // The walk recurses at most maxDepth + 1 frames deep; a larger bound than any push body may nest takes the
  // iterative walk alone.
  if (maxDepth <= MAX_SHORTCUT_DEPTH) {
    nodesLeft = MAX_RECORD_NODES;
    if (isSound(value, 0, maxDepth)) return null;
  }
  return firstShapeProblem(value, maxDepth);
}

/** The protocol's bound on a push body's nesting (MAX_JSON_DEPTH in sync.ts, not imported: sync.ts imports this). */
const MAX_SHORTCUT_DEPTH = 32;

/** The node budget of the walk in progress: one module variable, not an argument, as nothing else runs meanwhile. */
let nodesLeft = 0;

/** True when no bound is broken anywhere in the value: every node counted, every string and key looked at. */
function isSound(value: unknown, depth: number, maxDepth: number): boolean {
  if (--nodesLeft < 0) return false;
  if (typeof value === 'string') return value.length <= MAX_TEXT_LENGTH && isSafeText(value);
  if (value === null || typeof value !== 'object') return true;
  if (depth >= maxDepth) return false;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) if (!isSound(item, depth + 1, maxDepth)) return false;
    return true;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (key.length > MAX_KEY_LENGTH || FORBIDDEN_KEYS.has(key) || !isSafeText(key)) return false;
    if (!isSound(object[key], depth + 1, maxDepth)) return false;
  }
  return true;
}

/**
 * The first problem in the order the server has always named it. Iterative: no stack to overflow. Two parallel
 * stacks instead of one of {value, depth} objects: the objects were most of its cost (docs/benchmarks.md, issue 14).
 */
export function firstShapeProblem(value: unknown, maxDepth = MAX_RECORD_DEPTH): ShapeProblem | null {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  let nodes = 0;
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop() as number;
    if (++nodes > MAX_RECORD_NODES) return 'too_large';
    if (typeof current === 'string') {
      if (current.length > MAX_TEXT_LENGTH) return 'too_large';
      if (!isSafeText(current)) return 'unsafe_text';
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return 'too_deep';
    if (Array.isArray(current)) {
      for (const item of current as unknown[]) {
        values.push(item);
        depths.push(depth + 1);
      }
      continue;
    }
    const object = current as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      if (key.length > MAX_KEY_LENGTH) return 'key_too_long';
      if (FORBIDDEN_KEYS.has(key)) return 'forbidden_key';
      if (!isSafeText(key)) return 'unsafe_text';
      values.push(object[key]);
      depths.push(depth + 1);
    }
  }
  return null;
}
