import type { ChangeResult } from '../../../protocol/index.ts';
import { recordKey, type StoredRecord } from '../db/store.ts';
import { sameJson } from '../same-json.ts';
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
