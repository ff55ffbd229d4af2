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
    if (!sameContent(record.data, check.change.record, check.kind)) return;
    result.seq = record.seq;
  });
}

function sameContent(stored: Record<string, unknown>, sent: Record<string, unknown>, kind: ValidChange['kind']) {
  // An event is stored as parsed, in its schema's key order, which is the order the app sends: plain JSON is
  // cheap and never wrong when equal. A merged record lists its fields in another order: sort them.
  if (kind === 'event' && JSON.stringify(stored) === JSON.stringify(sent)) return true;
  return sorted(stored) === sorted(sent);
}

/** JSON with object keys sorted (apply-batch.ts has the same; importing it would make the two a cycle). */
function sorted(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
