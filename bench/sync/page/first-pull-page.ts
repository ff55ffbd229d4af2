// Bench page for a NEW phone's first pull (issue 14, deliverable 2): enrolled, its PIN set (encryption at rest
// on), then one sync that brings the whole posyandu down through the app's engine, with the progress it shows.
import { openStorage } from '../../../src/storage/index.ts';
import { pullApplyTimings } from '../../../src/storage/pull-apply.ts';
import { createSyncEngine } from '../../../src/sync/index.ts';
import type { FirstPullBench } from './bench-api.ts';
import { createRequestMeter } from './request-meter.ts';
import { meterStorage } from './storage-meter.ts';

const BENCH_PIN = '246810';

const bench: FirstPullBench = {
  async pull(enrollment, dbName) {
    const storage = openStorage({ name: dbName });
    await storage.saveEnrollment(enrollment);
    // The app asks for a PIN right after enrollment, before the first sync: every pulled row is sealed.
    await storage.setFirstPin(BENCH_PIN);
    const meter = createRequestMeter(() => 'pull');
    const metered = meterStorage(storage);
    const engine = createSyncEngine({
      baseUrl: location.origin,
      storage: metered.storage,
      fetch: meter.fetch,
      onlineEvents: null,
      serviceWorker: null,
    });
    const progress: { received: number; total: number }[] = [];
    engine.subscribe((status) => {
      if (status.pullProgress && progress.at(-1)?.received !== status.pullProgress.received) {
        progress.push(status.pullProgress);
      }
    });
    const started = performance.now();
    await engine.syncNow();
    const totalMs = performance.now() - started;
    const counts = await Promise.all([storage.listHouseholds(), storage.listPeople()]);
    return {
      totalMs,
      requests: meter.count(),
      requestMs: meter.waitMs(),
      lastError: engine.getStatus().lastError,
      received: engine.getStatus().lastReceived ?? 0,
      progress,
      households: counts[0].length,
      people: counts[1].length,
      vault: await storage.vaultState(),
      storageCalls: metered.timings(),
      split: { ...pullApplyTimings() },
      pageBytes: pulledBytes(),
    };
  },
};

window.firstPullBench = bench;

/** The pulled pages' bytes as sent (gzipped or not) and as read, from the browser's own resource timing. */
function pulledBytes(): { wire: number; json: number } {
  const pulls = performance
    .getEntriesByType('resource')
    .filter((entry): entry is PerformanceResourceTiming => entry.name.includes('/sync/pull'));
  return {
    wire: pulls.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
    json: pulls.reduce((sum, entry) => sum + entry.decodedBodySize, 0),
  };
}
