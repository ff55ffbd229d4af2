import type { Storage } from '../../../src/storage/index.ts';
import type { Span } from './request-meter.ts';

/**
 * Wraps every method of a Storage so the time the sync engine spends in each (IndexedDB work in the page) can
 * be printed next to the network time. The engine takes its storage as an option, so no app code changes.
 */
export function meterStorage(storage: Storage): {
  storage: Storage;
  timings(): Record<string, { calls: number; ms: number }>;
  spans(): Span[];
} {
  const timings: Record<string, { calls: number; ms: number }> = {};
  const spans: Span[] = [];
  const wrapped: Record<string, unknown> = { ...storage };
  for (const [name, value] of Object.entries(storage)) {
    if (typeof value !== 'function') continue;
    const method = value as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]) => {
      const started = performance.now();
      const entry = (timings[name] ??= { calls: 0, ms: 0 });
      entry.calls += 1;
      const result = method(...args);
      if (result instanceof Promise) {
        return result.finally(() => {
          const end = performance.now();
          entry.ms += end - started;
          spans.push({ name, start: started, end });
        });
      }
      entry.ms += performance.now() - started;
      return result;
    };
  }
  return { storage: wrapped as Storage, timings: () => timings, spans: () => spans };
}
