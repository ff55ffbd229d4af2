import { describe, expect, it } from 'vitest';
import { HLC_PATTERN, parseHlc } from '../../protocol/index.ts';
import { HlcClock, MAX_CLOCK_SKEW_MS } from '../../src/platform/hlc-clock.ts';

const NODE = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60';

describe('HlcClock', () => {
  it('issues strictly increasing stamps in the protocol format, even when the phone clock stands still or goes back', () => {
    let phone = 1_000_000;
    const clock = new HlcClock(NODE, () => phone);
    const stamps = [clock.now(), clock.now()];
    phone -= 5_000;
    stamps.push(clock.now());
    phone += 10_000;
    stamps.push(clock.now());
    for (const stamp of stamps) expect(stamp).toMatch(HLC_PATTERN);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(4);
    expect(parseHlc(stamps[1]!)).toMatchObject({ wallMs: 1_000_000, counter: 1, node: NODE });
  });

  it('receive() moves past a remote stamp, but not beyond the skew limit', () => {
    const phone = 1_000_000_000;
    const clock = new HlcClock(NODE, () => phone);
    clock.receive(`${String(phone + 5_000).padStart(15, '0')}:00007:other`);
    expect(parseHlc(clock.now())).toMatchObject({ wallMs: phone + 5_000, counter: 9 });
    clock.receive(`${String(phone + 10 * MAX_CLOCK_SKEW_MS).padStart(15, '0')}:00000:other`);
    expect(parseHlc(clock.now()).wallMs).toBeLessThanOrEqual(phone + MAX_CLOCK_SKEW_MS);
  });

  it('after() beats the version edited, however far ahead', () => {
    const clock = new HlcClock(NODE, () => 1_000);
    const farAhead = `${String(9_000_000_000_000).padStart(15, '0')}:00003:zzzz`;
    expect(clock.after(farAhead) > farAhead).toBe(true);
    expect(parseHlc(clock.now()).wallMs).toBeLessThan(9_000_000_000_000);
  });

  it('corrects the wall time by the server offset, and drops its own far-ahead past once corrected', () => {
    const yearMs = 365 * 24 * 3600 * 1000;
    const real = 1_800_000_000_000;
    const clock = new HlcClock(NODE, () => real + yearMs);
    const before = clock.now();
    expect(clock.isFarAhead(before)).toBe(false); // unknown until the server has spoken
    clock.observeServerTime(real, real + yearMs - 100, real + yearMs + 100);
    expect(clock.correctedNowMs()).toBe(real);
    expect(clock.isFarAhead(before)).toBe(true);
    expect(parseHlc(clock.now()).wallMs).toBe(real);
  });

  it('two tabs sharing persisted state never issue the same stamp', () => {
    const tab1 = new HlcClock(NODE, () => 5_000);
    const tab2 = new HlcClock(NODE, () => 5_000);
    const a = tab1.now();
    tab2.mergeState(tab1.state());
    const b = tab2.now();
    expect(b > a).toBe(true);
  });
});
