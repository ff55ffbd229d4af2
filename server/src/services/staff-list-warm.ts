import type { Store } from '../db/store.ts';
import { growthTablesFrom } from './growth-tables-file.ts';
import { listCacheOf } from './staff-list-cache.ts';

/**
 * Reads (or, when nothing is stored, judges) every posyandu once after `npm start`, in the background, so the
 * first staff member to sign in does not wait for thirty thousand assessments (seconds on a busy machine). One
 * posyandu at a time, yielding between them, so phones syncing meanwhile are served first; stored rows of an
 * earlier day are judged again behind it (staff-list-cache.ts); later pushes re-judge only the people they name.
 */
export async function warmStaffLists(
  store: Store,
  growthTablesFile: string,
  now: () => Date,
  stillRunning: () => boolean,
): Promise<number> {
  const tables = await growthTablesFrom(growthTablesFile);
  const cache = listCacheOf(store);
  cache.followPushes(growthTablesFile, now);
  let judged = 0;
  for (const puskesmas of await store.listPuskesmas()) {
    for (const posyandu of await store.listPosyanduSummaries(puskesmas.id)) {
      if (!stillRunning()) return judged;
      await new Promise((resolve) => setImmediate(resolve));
      await cache.judged(posyandu.id, now().toISOString().slice(0, 10), tables.ok ? tables.tables : undefined);
      judged++;
    }
  }
  // Stored rows of an earlier day or earlier rules are being judged again in the background: done when it is.
  await cache.settled();
  return judged;
}
