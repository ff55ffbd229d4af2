/**
 * Issue 14: the seqs a phone already holds exactly as the server has them (its own pushes that merged
 * unchanged), so the pull after a push does not download them again. A push that sets `held: true` gets, on each
 * applied change whose record the server stored exactly as sent, the server sequence number it now sits at; the
 * next pull names those seqs as ranges (`held=12-511,600-600`) and the server leaves them out. Any later change of
 * such a record gives it a new seq, so a held seq never hides a state the phone does not have.
 */

/** At most this many ranges in one pull: keeps the URL short; ranges left out only cost a download. */
export const MAX_HELD_RANGES = 64;

export interface SeqRange {
  from: number;
  to: number;
}

const RANGE = /^(\d{1,15})-(\d{1,15})$/;

/** `12-511,600-600` -> ranges; null when malformed (too many, reversed, not numbers). */
export function parseHeldRanges(text: string): SeqRange[] | null {
  if (text === '') return [];
  const parts = text.split(',');
  if (parts.length > MAX_HELD_RANGES) return null;
  const ranges: SeqRange[] = [];
  for (const part of parts) {
    const match = RANGE.exec(part);
    if (!match) return null;
    const from = Number(match[1]);
    const to = Number(match[2]);
    if (from > to) return null;
    ranges.push({ from, to });
  }
  return ranges;
}

export function formatHeldRanges(ranges: readonly SeqRange[]): string {
  return ranges.map((r) => `${r.from}-${r.to}`).join(',');
}

/** Sorted, merged ranges of the given seqs (consecutive seqs make one range). */
export function toRanges(seqs: Iterable<number>): SeqRange[] {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const ranges: SeqRange[] = [];
  for (const seq of sorted) {
    const last = ranges.at(-1);
    if (last && seq === last.to + 1) last.to = seq;
    else ranges.push({ from: seq, to: seq });
  }
  return ranges;
}

export function inRanges(seq: number, ranges: readonly SeqRange[]): boolean {
  // Few ranges (at most MAX_HELD_RANGES): a plain scan beats a search.
  for (const r of ranges) if (seq >= r.from && seq <= r.to) return true;
  return false;
}
