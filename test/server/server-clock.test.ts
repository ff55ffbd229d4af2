import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc } from '../../protocol/index.ts';
import { effectiveHlc, MAX_CLOCK_AHEAD_MS } from '../../server/src/services/server-clock.ts';

/** The stamp as the rule defines it, without the shortcut that keeps a sound stamp's text (issue 14). */
function byTheRule(stamp: string, deviceId: string, nowMs: number, clampAhead: boolean): string {
  const parts = parseHlc(stamp);
  const wallMs = clampAhead && parts.wallMs > nowMs + MAX_CLOCK_AHEAD_MS ? nowMs : parts.wallMs;
  return formatHlc({ wallMs, counter: parts.counter, node: deviceId });
}

describe('effectiveHlc', () => {
  const device = '0190f3a2-1b2c-7d3e-8f40-123456789abc';
  const nowMs = Date.UTC(2026, 11, 1, 12);
  const stamp = (wallMs: number, counter: number, node: string) => formatHlc({ wallMs, counter, node });

  it.each([
    ['own node, now', stamp(nowMs, 3, device), true],
    ['own node, just inside the allowance', stamp(nowMs + MAX_CLOCK_AHEAD_MS, 0, device), true],
    ['own node, beyond the allowance', stamp(nowMs + MAX_CLOCK_AHEAD_MS + 1, 7, device), true],
    ['own node, beyond the allowance, an event (no clamp)', stamp(nowMs + 86_400_000, 7, device), false],
    ['another node', stamp(nowMs, 1, 'other-device'), true],
    ['a node ending like the device', stamp(nowMs, 1, `x${device}`), true],
    ['a node that is a prefix of the device', stamp(nowMs, 1, device.slice(0, 10)), true],
    ['an old stamp', stamp(1, 0, device), true],
  ])('gives what the rule gives: %s', (_label, given, clampAhead) => {
    expect(effectiveHlc(given, device, nowMs, clampAhead)).toBe(byTheRule(given, device, nowMs, clampAhead));
  });

  it('keeps the text of a sound stamp of the sender, and brings one from the future back to now', () => {
    const sound = stamp(nowMs - 1000, 2, device);
    expect(effectiveHlc(sound, device, nowMs, true)).toBe(sound);
    expect(effectiveHlc(stamp(nowMs + 3_600_000, 2, device), device, nowMs, true)).toBe(stamp(nowMs, 2, device));
  });

  it('refuses what is not a stamp, as parseHlc does', () => {
    expect(() => effectiveHlc(`12:3:${device}`, device, nowMs, true)).toThrow();
  });
});
