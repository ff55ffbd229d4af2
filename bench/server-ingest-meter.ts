// Where a push's time goes, for bench/server-ingest.bench.ts: each store call of the batch's transaction timed,
// the transaction as a whole (its commit included), and every query sent to PostgreSQL counted. The metered run is
// separate from the timed runs: the wrappers cost a little themselves.
import pg from 'pg';
import type { Store, StoreTx } from '../server/src/db/store.ts';

export interface Meter {
  /** Milliseconds per phase, summed over the run. */
  readonly phases: Map<string, number>;
  /** Statements sent to PostgreSQL during the run (BEGIN and COMMIT included): each is one round trip. */
  queries: number;
  transactions: number;
}

export function newMeter(): Meter {
  return { phases: new Map(), queries: 0, transactions: 0 };
}

function add(meter: Meter, phase: string, ms: number): void {
  meter.phases.set(phase, (meter.phases.get(phase) ?? 0) + ms);
}

function meteredTx(tx: StoreTx, meter: Meter): StoreTx {
  const out: Partial<Record<keyof StoreTx, unknown>> = {};
  for (const key of Object.keys(tx) as (keyof StoreTx)[]) {
    const call = tx[key] as (...args: unknown[]) => Promise<unknown>;
    out[key] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await call(...args);
      } finally {
        add(meter, `store: ${key}`, performance.now() - started);
      }
    };
  }
  return out as StoreTx;
}

/** The store with its transactions metered; everything else as it is. */
export function meteredStore(store: Store, meter: Meter): Store {
  return {
    ...store,
    transaction: async (work) => {
      const started = performance.now();
      meter.transactions++;
      try {
        return await store.transaction((tx) => work(meteredTx(tx, meter)));
      } finally {
        add(meter, 'transaction, whole (commit and queue included)', performance.now() - started);
      }
    },
  };
}

/** Counts pg's queries while `run` runs: pg sends one query at a time per connection, each one a round trip. */
export async function countingQueries<T>(meter: Meter, run: () => Promise<T>): Promise<T> {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    meter.queries++;
    return original.apply(this, args);
  };
  try {
    return await run();
  } finally {
    prototype.query = original;
  }
}

export function phaseLines(meter: Meter, records: number, batches: number, totalMs: number): string[] {
  const lines = [...meter.phases]
    .sort((a, b) => b[1] - a[1])
    .map(
      ([phase, ms]) =>
        `${phase.padEnd(48)} ${ms.toFixed(0).padStart(6)} ms  ${((ms * 1000) / records).toFixed(1)} µs/record`,
    );
  lines.push(
    `${'push, whole (validation included)'.padEnd(48)} ${totalMs.toFixed(0).padStart(6)} ms  ${((totalMs * 1000) / records).toFixed(1)} µs/record`,
  );
  if (meter.queries > 0) {
    lines.push(
      `PostgreSQL round trips: ${meter.queries} for ${batches} batches, ${(meter.queries / batches).toFixed(1)} per batch`,
    );
  }
  return lines;
}
