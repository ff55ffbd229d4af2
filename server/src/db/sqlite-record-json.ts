/**
 * The text of records.data and record_versions.data on SQLite. A record's data repeats three of its row's columns
 * (`id`, `posyanduId`, `hlc`: about 130 of its ~450 bytes), and every byte of a row is written twice under
 * `synchronous = FULL` (the COMMIT's WAL frame, then the checkpoint's page). When a key holds exactly its column's
 * value, the text keeps the key with the number 0 in place of the value: a number can never be any of the three
 * (the wire schemas make them strings), so 0 can only mean "the column's value", and keeping the key keeps the
 * record's key order. Rows written before keep their values and read as they are: no migration
 * (docs/sqlite-storage.md).
 */
const OMITTED = 0;

/** The row's own values of the three keys: a record's `id`, `posyandu_id`, `hlc`; a version's record_id and so on. */
export interface RowColumns {
  id: string;
  posyanduId: string;
  hlc: string;
}

export function leanDataText(data: Record<string, unknown>, columns: RowColumns): string {
  const id = data.id === columns.id;
  const posyandu = data.posyanduId === columns.posyanduId;
  const hlc = data.hlc === columns.hlc;
  if (!id && !posyandu && !hlc) return JSON.stringify(data);
  // A shallow copy: one data object is often both the record's and its version's (validate-change.ts).
  const lean: Record<string, unknown> = { ...data };
  if (id) lean.id = OMITTED;
  if (posyandu) lean.posyanduId = OMITTED;
  if (hlc) lean.hlc = OMITTED;
  return JSON.stringify(lean);
}

/** The data from its text and its row's columns: every omitted value put back in its place. */
export function dataOfLeanText(text: string, columns: RowColumns): Record<string, unknown> {
  const data = JSON.parse(text) as Record<string, unknown>;
  if (data.id === OMITTED) data.id = columns.id;
  if (data.posyanduId === OMITTED) data.posyanduId = columns.posyanduId;
  if (data.hlc === OMITTED) data.hlc = columns.hlc;
  return data;
}
