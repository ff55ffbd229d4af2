import { formatHlc, HLC_PATTERN, parseHlc } from '../../../protocol/index.ts';

/** Where the node id starts in a stamp: after 15 wall digits, a colon, 5 counter digits and a colon. */
const HLC_NODE_START = 22;

/**
 * How far ahead of the server's clock a phone's stamp may run and still count as it is. Phones keep their own
 * time and drift by seconds to minutes; five minutes covers that while a clock set a day, a year or to
 * 999999999999999 ahead can no longer outrank every later edit (docs/sync-protocol.md, "Server time").
 */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

/**
 * The stamp the server merges with: the phone's own, except that its node is always the sending device (a phone
 * cannot write under another device's name), and for mutable records a wall time beyond the allowance is brought
 * back to the server's receive time, counter kept, so that the edit orders as if made on arrival.
 */
export function effectiveHlc(stamp: string, deviceId: string, nowMs: number, clampAhead: boolean): string {
  // The common case, a phone stamping with its own id at a sane time, keeps the stamp as it came: the fixed-width
  // format makes parse-then-format give back the same text, so the ingest skips that work (issue 14 profile).
  if (HLC_PATTERN.test(stamp) && stamp.endsWith(deviceId) && stamp.length === HLC_NODE_START + deviceId.length) {
    if (!clampAhead || Number(stamp.slice(0, 15)) <= nowMs + MAX_CLOCK_AHEAD_MS) return stamp;
  }
  const parts = parseHlc(stamp);
  const wallMs = clampAhead && parts.wallMs > nowMs + MAX_CLOCK_AHEAD_MS ? nowMs : parts.wallMs;
  return formatHlc({ wallMs, counter: parts.counter, node: deviceId });
}
