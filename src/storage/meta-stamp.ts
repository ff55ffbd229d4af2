/**
 * What the DBCore layers that stamp `meta` in the same transaction as a write share (day-roster-marks.ts,
 * write-generation.ts): a read-write transaction over a watched table is widened to hold `meta`, and each write
 * leaves a value that no other write leaves.
 */
export function withMeta(stores: string[], mode: IDBTransactionMode, watched: ReadonlySet<string>): string[] {
  return mode === 'readwrite' && stores.some((s) => watched.has(s)) && !stores.includes('meta')
    ? [...stores, 'meta']
    : stores;
}

let counter = 0;
/** Differs for every write of this tab; the random part keeps tabs apart. */
export function nextToken(): string {
  counter += 1;
  return `${Date.now().toString(36)}.${counter.toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}
