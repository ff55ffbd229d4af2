import { HLC_PATTERN, MAX_PULL_LIMIT, parseHlc, type PullResponse } from '../../../protocol/index.ts';
import type { Store, StoredRecord } from '../db/store.ts';

const CURSOR_PREFIX = 'c1.';

/** How many pages' worth of rows an incremental pull may scan past while they are all the device's own. */
const OWN_WRITES_SCAN_PAGES = 40;

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
 * The cursor always moves past every record scanned, sent or not; an incremental pull scans past up to
 * OWN_WRITES_SCAN_PAGES pages of such own writes in one answer.
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
  // Own writes cost a scan but no bytes: after a push of 10,000, one answer walks past all of them instead of
  // twenty round trips of empty pages. Bounded, so one request never reads the whole posyandu.
  const scanBudget = skipOwnWritesOf === undefined ? bounded : bounded * OWN_WRITES_SCAN_PAGES;
  const sent: StoredRecord[] = [];
  let after = afterSeq;
  let scanned = 0;
  let hasMore = false;
  for (;;) {
    const rows = await store.listRecordsAfter(posyanduId, after, bounded + 1);
    let taken = 0;
    for (const row of rows.slice(0, bounded)) {
      taken += 1;
      after = row.seq;
      if (skipOwnWritesOf === undefined || !isOnlyFrom(row, skipOwnWritesOf)) sent.push(row);
      if (sent.length === bounded) break;
    }
    scanned += taken;
    if (rows.length <= taken) break;
    if (sent.length === bounded || scanned >= scanBudget) {
      hasMore = true;
      break;
    }
  }
  return {
    changes: sent.map((r) => ({
      table: r.table,
      op: r.deleted ? 'delete' : 'upsert',
      record: r.data,
      hlc: r.hlc,
    })),
    cursor: encodeCursor(after),
    hasMore,
    serverTime: now.toISOString(),
    remaining: hasMore ? await store.countRecordsAfter(posyanduId, after) : 0,
  };
}

/** Every stamp of the record (the record's, and each field's for mutable records) comes from this device. */
function isOnlyFrom(record: StoredRecord, deviceId: string): boolean {
  const stamps = [record.hlc, ...Object.values(record.fieldHlc)];
  return stamps.every((stamp) => HLC_PATTERN.test(stamp) && parseHlc(stamp).node === deviceId);
}
