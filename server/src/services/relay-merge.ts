import { META_FIELDS, TABLES, isTableName, type PulledChange } from '../../../protocol/index.ts';
import type { StoredRecord } from '../db/store.ts';

/**
 * The puskesmas's merged state of one record folded into the relay's own, field by field by stamp: the same
 * last-writer-wins the puskesmas applies to pushes, so the order in which a relay forwards and pulls never
 * matters and pulling a page twice changes nothing. An event is immutable: the first copy stays. Null when the
 * relay's record already holds everything the pulled one says (nothing to save, no new seq for the phones).
 */
export function mergeUpstreamState(
  local: StoredRecord | undefined,
  pulled: PulledChange,
  posyanduId: string,
): StoredRecord | null {
  if (!isTableName(pulled.table)) return null;
  const id = String(pulled.record.id ?? '');
  if (id === '') return null;
  const upstreamStamps = pulled.fieldHlc ?? {};
  const whole: StoredRecord = {
    table: pulled.table,
    id,
    posyanduId,
    seq: local?.seq ?? 0,
    hlc: pulled.hlc,
    deleted: pulled.op === 'delete',
    data: { ...pulled.record, id, posyanduId },
    fieldHlc: { ...upstreamStamps },
  };
  if (!local) return whole;
  if (TABLES[pulled.table].kind === 'event') return null;

  const data: Record<string, unknown> = { ...local.data };
  const fieldHlc: Record<string, string> = { ...local.fieldHlc };
  let changed = false;
  for (const [field, stamp] of Object.entries(upstreamStamps)) {
    if (stamp <= (fieldHlc[field] ?? '')) continue;
    const value = pulled.record[field];
    if (value === undefined) delete data[field];
    else data[field] = value;
    fieldHlc[field] = stamp;
    changed = true;
  }
  if (!changed) return null;
  const hlc = local.hlc > pulled.hlc ? local.hlc : pulled.hlc;
  if (hlc === pulled.hlc) {
    for (const meta of META_FIELDS) data[meta] = pulled.record[meta];
  }
  data.id = local.id;
  data.posyanduId = posyanduId;
  return { ...local, hlc, deleted: data.deletedAt !== undefined, data, fieldHlc };
}
