import type { Timers } from '../../../src/sync/index.ts';

/** Timers the test fires by hand, and a clock it moves, so retry delays are asserted, not waited for. */
export function manualTimers(start = Date.now()) {
  let nowMs = start;
  let nextId = 1;
  const pending = new Map<number, { at: number; callback: () => void; delay: number }>();
  const timers: Timers = {
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { at: nowMs + ms, callback, delay: ms });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    now: () => nowMs,
    delays: () => [...pending.values()].map((t) => t.delay),
    /** Moves the clock to the earliest timer due within `ms` and fires it; returns its delay or null. */
    fireNext(ms = Infinity): number | null {
      const due = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!due || due[1].at > nowMs + ms) return null;
      pending.delete(due[0]);
      nowMs = Math.max(nowMs, due[1].at);
      due[1].callback();
      return due[1].delay;
    },
    advance(ms: number) {
      nowMs += ms;
    },
  };
}
