import type { OutboxEntry } from './db.ts';
import { readOutboxVersion } from './outbox-counts.ts';
import { readPendingFloor, seqOf, seqRange } from './outbox-ranges.ts';
import type { StorageContext } from './write-context.ts';

/** The next batch, read while the previous one is on the wire (readAhead), with the outbox version it saw. */
export interface ReadAhead {
  /** The last seq of the batch on the wire: the entries are the pending ones after it. */
  afterSeq: number;
  version: number;
  entries: OutboxEntry[];
}

/**
 * Read-only, meant to run while a batch is on the wire: the pending entries after it, so that the next takeBatch
 * only checks them instead of reading 500 entries after the answer.
 */
export async function readAhead(context: StorageContext, afterSeq: number, count: number): Promise<ReadAhead> {
  const { db } = context;
  return db.transaction('r', [db.outbox, db.meta], async () => {
    const version = await readOutboxVersion(db);
    const rows = await db.outbox.where(':id').above(afterSeq).limit(count).toArray();
    return { afterSeq, version, entries: rows.filter((row) => row.state === 'pending') };
  });
}

/**
 * True when the entries read ahead are exactly the oldest pending ones now, without reading them again: the
 * batch they follow was answered whole (the pending floor reached its last seq, so nothing before them is
 * pending), no outbox change that can rewrite a pending entry happened since (the version), and their seq range
 * holds no other row (none was deleted). Rows are only ever appended after them.
 */
export async function stillOldest(context: StorageContext, ahead: ReadAhead, count: number): Promise<boolean> {
  const { db } = context;
  const expected = ahead.entries.slice(0, count).map(seqOf);
  if (expected.length === 0 || (await readOutboxVersion(db)) !== ahead.version) return false;
  if ((await readPendingFloor(db)) !== ahead.afterSeq) return false;
  const keys = (await seqRange(db, expected).primaryKeys()) as number[];
  return keys.length === expected.length && keys.every((key, i) => key === expected[i]);
}
