import { formatHlc, parseHlc } from '../../../protocol/index.ts';

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
  const parts = parseHlc(stamp);
  const wallMs = clampAhead && parts.wallMs > nowMs + MAX_CLOCK_AHEAD_MS ? nowMs : parts.wallMs;
  return formatHlc({ wallMs, counter: parts.counter, node: deviceId });
}
