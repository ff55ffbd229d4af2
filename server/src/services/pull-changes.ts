import { HLC_PATTERN, MAX_PULL_LIMIT, parseHlc, type PullResponse } from '../../../protocol/index.ts';
import type { Store, StoredRecord } from '../db/store.ts';

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
 * tombstones included. On an incremental pull (a cursor was given) a record whose every stamp is the pulling
 * device's own is left out: the phone wrote exactly that state and has it, so sending it back would only double
 * the kader's data bill. A first pull (no cursor: a new or reset phone) gets everything, its own records too.
 * The cursor always moves past every record scanned, sent or not.
 */
export async function pullChanges(
  store: Store,
  posyanduId: string,
  afterSeq: number,
  limit: number,
  now: Date = new Date(),
  /** Set on an incremental pull: the device whose own unchanged writes are left out. */
  skipOwnWritesOf?: string,
): Promise<PullResponse> {
  const bounded = Math.max(1, Math.min(limit, MAX_PULL_LIMIT));
  const rows = await store.listRecordsAfter(posyanduId, afterSeq, bounded + 1);
  const page = rows.slice(0, bounded);
  const last = page.at(-1);
  return {
    changes: page
      .filter((r) => skipOwnWritesOf === undefined || !isOnlyFrom(r, skipOwnWritesOf))
      .map((r) => ({
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

/** Every stamp of the record (the record's, and each field's for mutable records) comes from this device. */
function isOnlyFrom(record: StoredRecord, deviceId: string): boolean {
  const stamps = [record.hlc, ...Object.values(record.fieldHlc)];
  return stamps.every((stamp) => HLC_PATTERN.test(stamp) && parseHlc(stamp).node === deviceId);
}
