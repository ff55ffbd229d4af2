/**
 * Equal as JSON, key order aside: what comparing the two as JSON with sorted keys says, decided in place. It runs
 * inside the batch's transaction for every change of a held push (services/held-seqs.ts) and every new event's
 * version (db/event-version-copy.ts), where sorting and stringifying both sides cost about 30 µs a record (a third
 * of the transaction, profiled under load, issue 14); this walk allocates nothing.
 * Both sides come from JSON (the wire, the database) or a merge of such values: plain objects, arrays, strings,
 * finite numbers, booleans and null. Undefined counts as JSON.stringify writes it: an absent key, null in a list.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aList = Array.isArray(a);
  if (aList !== Array.isArray(b)) return false;
  if (aList) {
    const [x, y] = [a as unknown[], b as unknown[]];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i] ?? null, y[i] ?? null)) return false;
    return true;
  }
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  let defined = 0;
  for (const key of Object.keys(x)) {
    const value = x[key];
    if (value === undefined) continue;
    defined += 1;
    // Absent and undefined are one to JSON: either way the sides differ, since this one is defined.
    const other = y[key];
    if (other === undefined || !Object.hasOwn(y, key) || !sameJson(value, other)) return false;
  }
  for (const key of Object.keys(y)) if (y[key] !== undefined) defined -= 1;
  return defined === 0;
}
