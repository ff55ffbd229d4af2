import type { Context } from 'hono';
import type { Store } from '../db/store.ts';

/** Longer than any healthy answer of `SELECT 1`, shorter than a load balancer's usual probe timeout. */
export const READY_TIMEOUT_MS = 2_000;

/**
 * `GET /api/ready`: 200 when the database answers a query through the same path as requests (the pool on
 * PostgreSQL, the write queue on SQLite) within READY_TIMEOUT_MS, else 503. `/api/health` says only that the
 * process runs; this says whether it can do its work.
 */
export function readinessHandler(store: Store) {
  return async (c: Context) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database did not answer in time')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([store.ping(), timeout]);
      return c.json({ status: 'ready', database: store.dialect });
    } catch {
      return c.json({ status: 'unavailable', database: store.dialect }, 503);
    } finally {
      clearTimeout(timer);
    }
  };
}
