import {
  HLC_PATTERN,
  inRanges,
  MAX_PULL_LIMIT,
  parseHlc,
  type PullResponse,
  type SeqRange,
} from '../../../protocol/index.ts';
import type { Store, StoredRecord } from '../db/store.ts';
import { posyanduAreaForPhones } from './devices.ts';

/**
 * The cursor is opaque to clients. Inside is the posyandu's server sequence number and the kind of pull it
 * continues: `c1.<n>` an incremental pull, `f1.<n>` a first pull (no cursor at the start: a new or reset phone)
 * that has pages left. A first pull must bring every page with the device's own records too, so its mode travels
 * in the cursor until the last page, whose cursor is incremental.
 */
const INCREMENTAL_PREFIX = 'c1.';
const FIRST_PULL_PREFIX = 'f1.';

/** How many pages' worth of rows an incremental pull may scan past while they are all the device's own. */
const OWN_WRITES_SCAN_PAGES = 40;

export interface PullPosition {
  afterSeq: number;
  /** A first pull in progress: the device's own unchanged writes are sent too. */
  firstPull: boolean;
}

export function encodeCursor(seq: number, firstPull = false): string {
  return `${firstPull ? FIRST_PULL_PREFIX : INCREMENTAL_PREFIX}${seq}`;
}

/** The position a cursor names (absent or empty: a first pull from the beginning), or null for one never issued. */
export function decodeCursor(cursor: string | undefined): PullPosition | null {
  if (cursor === undefined || cursor === '') return { afterSeq: 0, firstPull: true };
  const prefix = [INCREMENTAL_PREFIX, FIRST_PULL_PREFIX].find((p) => cursor.startsWith(p));
  if (!prefix) return null;
  const digits = cursor.slice(prefix.length);
  if (!/^\d{1,15}$/.test(digits)) return null;
  return { afterSeq: Number(digits), firstPull: prefix === FIRST_PULL_PREFIX };
}

/**
 * The merged current state of every record of the posyandu that changed after the cursor, in server order,
 * tombstones included. On an incremental pull of a device that is one phone, a record whose every stamp is that
 * device's own is left out: the phone wrote exactly that state and has it, so sending it back would only double
 * the kader's data bill. A device that may be several phones (an offline code) gets them: they may be another
 * phone's. Every page of a first pull gets everything, its own records too. The cursor always moves past every
 * record scanned, sent or not; an incremental pull scans past up to OWN_WRITES_SCAN_PAGES pages of such own
 * writes in one answer.
 */
export async function pullChanges(
  store: Store,
  posyanduId: string,
  position: PullPosition,
  limit: number,
  /** The device whose own unchanged writes an incremental pull leaves out; null sends them too. */
  skipOwnOf: string | null,
  now: Date = new Date(),
  /** A pustu relay pulling: each record carries its field stamps, for the relay's own merge. */
  withFieldHlc = false,
  /** Seqs the phone holds exactly as stored (its own pushes, protocol/held-seqs.ts): scanned past, not sent. */
  held: readonly SeqRange[] = [],
): Promise<PullResponse> {
  const bounded = Math.max(1, Math.min(limit, MAX_PULL_LIMIT));
  const skipping = (!position.firstPull && skipOwnOf !== null) || held.length > 0;
  // Own writes cost a scan but no bytes: after a push of 10,000, one answer walks past all of them instead of
  // twenty round trips of empty pages. Bounded, so one request never reads the whole posyandu.
  const scanBudget = skipping ? bounded * OWN_WRITES_SCAN_PAGES : bounded;
  const sent: StoredRecord[] = [];
  let after = position.afterSeq;
  let scanned = 0;
  let hasMore = false;
  for (;;) {
    after = pastHeld(after, held);
    const rows = await store.listRecordsAfter(posyanduId, after, bounded + 1);
    let taken = 0;
    for (const row of rows.slice(0, bounded)) {
      taken += 1;
      after = row.seq;
      const own = !position.firstPull && skipOwnOf !== null && isOnlyFrom(row, skipOwnOf);
      if (!own && !inRanges(row.seq, held)) sent.push(row);
      if (sent.length === bounded) break;
    }
    scanned += taken;
    if (rows.length <= taken) break;
    if (sent.length === bounded || scanned >= scanBudget) {
      hasMore = true;
      break;
    }
  }
  // The posyandu as staff now have it, once per pull (its last page): a phone follows a rename, corrected codes
  // and the dusun list without enrolling again.
  const posyandu = hasMore ? null : await store.getPosyandu(posyanduId);
  const area = posyandu ? posyanduAreaForPhones(posyandu) : undefined;
  return {
    changes: sent.map((r) => ({
      table: r.table,
      op: r.deleted ? 'delete' : 'upsert',
      record: r.data,
      hlc: r.hlc,
      ...(withFieldHlc ? { fieldHlc: r.fieldHlc } : {}),
    })),
    cursor: encodeCursor(after, position.firstPull && hasMore),
    hasMore,
    serverTime: now.toISOString(),
    remaining: hasMore ? await store.countRecordsAfter(posyanduId, after) : 0,
    ...(posyandu ? { posyandu: { name: posyandu.name, ...(area ? { area } : {}) } } : {}),
  };
}

/**
 * The cursor moved past the held range that starts right after it, if any, and past the ranges that then follow:
 * every row at a held seq would be scanned only to be left out, and seqs only grow (a record changed since has a
 * new seq above the range), so jumping is the same answer without reading the rows. After a push of 10,000 the
 * pull read all 10,000 rows back (data and stamps parsed) to send none of them. A range is the phone's word, like
 * its cursor: a wrong one can only hide records from that phone itself, as a wrong cursor can.
 */
function pastHeld(after: number, held: readonly SeqRange[]): number {
  let cursor = after;
  for (let moved = true; moved;) {
    moved = false;
    for (const range of held) {
      if (range.from <= cursor + 1 && range.to > cursor) {
        cursor = range.to;
        moved = true;
      }
    }
  }
  return cursor;
}

/** Every stamp of the record (the record's, and each field's for mutable records) comes from this device. */
function isOnlyFrom(record: StoredRecord, deviceId: string): boolean {
  const stamps = [record.hlc, ...Object.values(record.fieldHlc)];
  return stamps.every((stamp) => HLC_PATTERN.test(stamp) && parseHlc(stamp).node === deviceId);
}
