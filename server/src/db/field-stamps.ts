/**
 * A record's per-field stamps (StoredRecord.fieldHlc) as a database column keeps them. Written field by field,
 * {"<field>":"<hlc>",...}, a mutable record repeated the same 55-character stamp for nearly every field (an edit
 * stamps all the fields it sends alike): ~700 bytes a record, for a few distinct stamps (issue 14). Grouped by
 * stamp, {"<hlc>":["<field>",...],...}, the same stamps take a fraction of that. Only the storage changes: the
 * services see the same map (merge-record.ts is untouched), and a column written the old way reads as it did.
 * Pure and dialect-free, so any adapter can use it.
 */
export function encodeFieldStamps(fieldHlc: Readonly<Record<string, string>>): string {
  // Grouped straight into the object JSON.stringify writes (a Map, then fromEntries, was a copy a record for
  // nothing). No prototype, so any stamp text is an own key. A stamp holds ':', so it is never an array index and
  // the stamps keep their first-seen order, as the Map kept them (decoding does not depend on that order anyway).
  const byStamp = Object.create(null) as Record<string, string[] | undefined>;
  for (const field in fieldHlc) {
    const stamp = fieldHlc[field];
    if (stamp === undefined) continue;
    const fields = byStamp[stamp];
    if (fields) fields.push(field);
    else byStamp[stamp] = [field];
  }
  return JSON.stringify(byStamp);
}

/**
 * The map back from a column in either shape: a value that is a list is a stamp's fields (encodeFieldStamps), a
 * value that is text is one field's stamp (rows written before). Anything else in the column is a bug, and says so.
 */
export function decodeFieldStamps(column: string): Record<string, string> {
  return fieldStampsFrom(JSON.parse(column) as unknown);
}

/** decodeFieldStamps of a column already parsed (PostgreSQL's json arrives as a value, not as text). */
export function fieldStampsFrom(parsed: unknown): Record<string, string> {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('field stamps: not an object');
  }
  // A map already field by field (an event's {}, a row written before the grouping) is returned as it is: parsed
  // from JSON, it is a fresh object nobody else holds, so no copy is needed.
  const values = Object.values(parsed as Record<string, unknown>);
  if (values.every((value) => typeof value === 'string')) return parsed as Record<string, string>;
  // Entries, then fromEntries: own properties whatever the names, as JSON.parse of the old shape gave.
  const entries: [string, string][] = [];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value === 'string') {
      entries.push([key, value]);
    } else if (Array.isArray(value)) {
      for (const field of value) {
        if (typeof field !== 'string') throw new Error('field stamps: a field name that is not text');
        entries.push([field, key]);
      }
    } else {
      throw new Error('field stamps: a value that is neither a stamp nor a list of fields');
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
