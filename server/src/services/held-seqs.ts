import type { ChangeResult } from '../../../protocol/index.ts';
import { recordKey, type StoredRecord } from '../db/store.ts';
import { isRejection, type Rejection, type ValidChange } from './validate-change.ts';

/**
 * Issue 14, a push that asked `held` (protocol/held-seqs.ts): each applied change whose record the batch saved
 * exactly as the phone sent it gets the seq it now sits at, so the phone's next pull can leave it out. Only the
 * last change of a record in the batch can match, and only if the saved state is the sent one: a field that lost
 * to a later edit, a clamped stamp or a dropped unknown field all make them differ, and the record comes back.
 * A false "differs" costs a download; a false "same" would hide a state, so only equal content counts.
 */
export function markHeldSeqs(
  results: ChangeResult[],
  checked: readonly (ValidChange | Rejection)[],
  saved: readonly StoredRecord[],
): void {
  const byKey = new Map(saved.map((record) => [recordKey(record.table, record.id), record]));
  const lastIndex = new Map<string, number>();
  checked.forEach((check, index) => {
    if (!isRejection(check)) lastIndex.set(recordKey(check.table, check.recordId), index);
  });
  results.forEach((result, index) => {
    const check = checked[index];
    if (result.status !== 'applied' || !check || isRejection(check)) return;
    const key = recordKey(check.table, check.recordId);
    const record = byKey.get(key);
    if (!record || lastIndex.get(key) !== index) return;
    if (record.deleted !== (check.change.op === 'delete')) return;
    if (!sameJson(record.data, check.change.record)) return;
    result.seq = record.seq;
  });
}

/**
 * Equal as JSON, key order aside: what comparing the two as JSON with sorted keys says, decided in place. It runs
 * inside the batch's transaction for every change of a held push, where sorting and stringifying both sides cost
 * about 30 µs a record (a third of the transaction, profiled under load, issue 14); this walk allocates nothing.
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
