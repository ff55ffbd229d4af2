/**
 * Array parameters in PostgreSQL's binary format, built here instead of pg's text literals: pg's serialiser
 * escaped a batch's 1,000 JSON values at about 25 µs a record and a literal built by hand still paid about 5 for
 * escaping every quote of the JSON (issue 14, bench/server-ingest.bench.ts). In binary each element is its length
 * and its UTF-8 bytes, nothing escaped, and PostgreSQL reads it without parsing the array text either. pg sends a
 * Buffer parameter as binary; the statement names the type ($n::text[], $n::json[]), whose element type must
 * match the one written here (array_recv checks it). json's binary form is its text, as text's is.
 */

/** Element type OIDs (pg_type.oid), fixed since PostgreSQL 9.4. */
const TEXT_OID = 25;
const JSON_OID = 114;

function binaryArray(values: readonly (string | null)[], elementOid: number): Buffer {
  let size = values.length === 0 ? 12 : 20;
  const lengths = new Array<number>(values.length);
  let hasNull = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      lengths[i] = -1;
      hasNull = 1;
      size += 4;
    } else {
      const length = Buffer.byteLength(value, 'utf8');
      lengths[i] = length;
      size += 4 + length;
    }
  }
  const out = Buffer.allocUnsafe(size);
  // Header: dimensions, has-null flag, element type; then each dimension's length and lower bound.
  out.writeInt32BE(values.length === 0 ? 0 : 1, 0);
  out.writeInt32BE(hasNull, 4);
  out.writeUInt32BE(elementOid, 8);
  let at = 12;
  if (values.length > 0) {
    out.writeInt32BE(values.length, 12);
    out.writeInt32BE(1, 16);
    at = 20;
  }
  for (let i = 0; i < values.length; i++) {
    const length = lengths[i] ?? -1;
    out.writeInt32BE(length, at);
    at += 4;
    if (length < 0) continue;
    at += out.write(values[i] ?? '', at, 'utf8');
  }
  return out;
}

/** A text[] parameter; null elements are SQL NULL. */
export function textArray(values: readonly (string | null)[]): Buffer {
  return binaryArray(values, TEXT_OID);
}

/**
 * A json[] parameter from JSON texts (JSON.stringify output); null elements are SQL NULL. PostgreSQL checks each
 * text is JSON but, unlike jsonb, builds nothing from it (docs/postgres-storage.md).
 */
export function jsonArray(values: readonly (string | null)[]): Buffer {
  return binaryArray(values, JSON_OID);
}

/** `{1,2,3}` for a bigint[]: integers need no quoting, and the text is short. */
export function integerArray(values: readonly number[]): string {
  for (const value of values) if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return `{${values.join(',')}}`;
}

/** `{t,f}` for a boolean[]. */
export function booleanArray(values: readonly boolean[]): string {
  return `{${values.map((v) => (v ? 't' : 'f')).join(',')}}`;
}
