import type { Store } from '../../server/src/db/store.ts';

export interface TransactionMeter {
  ms(): number;
  count(): number;
  /** Each transaction's start and end, epoch ms (performance.timeOrigin-based, as the page's spans). */
  spans(): { start: number; end: number }[];
  stop(): void;
}

/**
 * Times the server's batch transactions (applyBatch runs each push in one store.transaction) without touching
 * server code: the running app holds this same store object, so wrapping its method sees every batch.
 */
export function meterTransactions(store: Store): TransactionMeter {
  const original = store.transaction;
  let totalMs = 0;
  let count = 0;
  const spans: { start: number; end: number }[] = [];
  store.transaction = async function metered<T>(this: Store, work: Parameters<Store['transaction']>[0]) {
    const started = performance.now();
    try {
      return (await original.call(this, work)) as T;
    } finally {
      const ended = performance.now();
      totalMs += ended - started;
      count += 1;
      spans.push({ start: performance.timeOrigin + started, end: performance.timeOrigin + ended });
    }
  } as Store['transaction'];
  return {
    ms: () => totalMs,
    count: () => count,
    spans: () => [...spans],
    stop: () => {
      store.transaction = original;
    },
  };
}
