import { MAX_PULL_LIMIT, type PullResponse } from '../../../protocol/index.ts';
import type { Store } from '../db/store.ts';

const CURSOR_PREFIX = 'c1.';

/** The cursor is opaque to clients; inside it is the posyandu's server sequence number, versioned by prefix. */
export function encodeCursor(seq: number): string {
  return `${CURSOR_PREFIX}${seq}`;
}

/** Returns the sequence number, 0 for "from the beginning", or null for a cursor this server never issued. */
export function decodeCursor(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return 0;
  if (!cursor.startsWith(CURSOR_PREFIX)) return null;
  const digits = cursor.slice(CURSOR_PREFIX.length);
  if (!/^\d{1,15}$/.test(digits)) return null;
  return Number(digits);
}

/**
 * The merged current state of every record of the posyandu that changed after the cursor, in server order,
 * tombstones included, the device's own changes included (the merged state may differ from what it sent).
 */
export async function pullChanges(
  store: Store,
  posyanduId: string,
  afterSeq: number,
  limit: number,
  now: Date = new Date(),
): Promise<PullResponse> {
  const bounded = Math.max(1, Math.min(limit, MAX_PULL_LIMIT));
  const rows = await store.listRecordsAfter(posyanduId, afterSeq, bounded + 1);
  const page = rows.slice(0, bounded);
  const last = page.at(-1);
  return {
    changes: page.map((r) => ({
      table: r.table,
      op: r.deleted ? 'delete' : 'upsert',
      record: r.data,
      hlc: r.hlc,
    })),
    cursor: encodeCursor(last ? last.seq : afterSeq),
    hasMore: rows.length > bounded,
    serverTime: now.toISOString(),
  };
}
