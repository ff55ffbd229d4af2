import { META_FIELDS } from '../../../protocol/index.ts';
import type { StoredRecord } from '../db/store.ts';

const META = new Set<string>(META_FIELDS);

/** One accepted change to a mutable record, already validated. */
export interface MutableChange {
  table: string;
  op: 'upsert' | 'delete';
  record: Record<string, unknown>;
  hlc: string;
  /** Field names the kader edited; null when the change carries none (every field counts as edited). */
  fields: readonly string[] | null;
}

/**
 * The fields a change claims. A full upsert claims every field of the schema except `deletedAt`, so an edit made
 * without knowledge of a delete never lifts the tombstone by accident; lifting it takes a change that names
 * `deletedAt` in `fields`, or a record that itself carries `deletedAt` (a delete sent as an upsert).
 */
function claimedFields(change: MutableChange, schemaFields: readonly string[], isNew: boolean): string[] {
  if (change.op === 'delete') return ['deletedAt'];
  // A record new to the server is taken whole: `fields` only narrows an edit of something the server has.
  const named = change.fields && !isNew ? change.fields : schemaFields.filter((f) => f !== 'deletedAt');
  const claimed = named.filter((f) => !META.has(f));
  if (change.record.deletedAt !== undefined && !claimed.includes('deletedAt')) claimed.push('deletedAt');
  return claimed;
}

/**
 * Field-by-field last-writer-wins by hybrid logical clock. Each field keeps the stamp of the change that last set
 * it; a change's field wins only if the change's HLC is greater. A field that was never set has no stamp and
 * loses to anything. Returns null when nothing changed (every claimed field already carried a later stamp).
 */
export function mergeMutableRecord(
  existing: StoredRecord | undefined,
  change: MutableChange,
  schemaFields: readonly string[],
  posyanduId: string,
): StoredRecord | null {
  const isNew = existing === undefined;
  const data: Record<string, unknown> = { ...(existing?.data ?? {}) };
  const fieldHlc: Record<string, string> = { ...(existing?.fieldHlc ?? {}) };
  let changed = false;
  for (const field of claimedFields(change, schemaFields, isNew)) {
    if (change.hlc <= (fieldHlc[field] ?? '')) continue;
    const value = field === 'deletedAt' && change.op === 'delete' ? deletedAtOf(change) : change.record[field];
    if (value === undefined) delete data[field];
    else data[field] = value;
    fieldHlc[field] = change.hlc;
    changed = true;
  }
  if (!changed) return null;
  const hlc = existing && existing.hlc > change.hlc ? existing.hlc : change.hlc;
  if (hlc === change.hlc) {
    for (const meta of META_FIELDS) data[meta] = change.record[meta];
  }
  // The identity of a record never moves, whatever a later change says.
  data.id = existing?.id ?? change.record.id;
  data.posyanduId = posyanduId;
  return {
    table: change.table,
    id: String(data.id),
    posyanduId,
    seq: existing?.seq ?? 0,
    hlc,
    deleted: data.deletedAt !== undefined,
    data,
    fieldHlc,
  };
}

function deletedAtOf(change: MutableChange): unknown {
  return change.record.deletedAt ?? change.record.recordedAt;
}
