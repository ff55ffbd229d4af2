import type { Store } from '../../server/src/db/store.ts';

export interface TransactionMeter {
  ms(): number;
  count(): number;
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
  store.transaction = async function metered<T>(this: Store, work: Parameters<Store['transaction']>[0]) {
    const started = performance.now();
    try {
      return (await original.call(this, work)) as T;
    } finally {
      totalMs += performance.now() - started;
      count += 1;
    }
  } as Store['transaction'];
  return {
    ms: () => totalMs,
    count: () => count,
    stop: () => {
      store.transaction = original;
    },
  };
}
