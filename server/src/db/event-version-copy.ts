import { isEventTableName } from '../../../protocol/tables.ts';
import { sameJson } from '../same-json.ts';
import type { VersionRow } from './store.ts';

/**
 * Whether a version may be stored without its data (migration 0012 on both databases). An event is immutable (a
 * resend with other content is rejected, with the same content it is a duplicate), so the version that created it
 * says exactly what its record row says: writing the same ~480 bytes of JSON twice was a fifth of the bytes every
 * event cost (issue 14). Such a version keeps NULL, and every reader takes the record's data in its place
 * (COALESCE(v.data, r.data)). Any difference at all (a phone claiming another kader, a stamp brought back to the
 * server's clock) keeps the copy, as do mutable records, whose row moves on while their versions must not.
 */
export function versionRepeatsItsRecord(
  version: VersionRow,
  /** The record the same batch saved under the version's key, if it saved one. */
  record: { data: Record<string, unknown> } | undefined,
): boolean {
  if (!record || version.op !== 'upsert' || !isEventTableName(version.table)) return false;
  return sameJson(version.data, record.data);
}
