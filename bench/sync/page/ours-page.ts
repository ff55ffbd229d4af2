// Bench page for OUR sync: the app's own storage (Dexie) and sync engine, pushing to the real server.
import type { Change } from '../../../protocol/index.ts';
import { openStorage, wireChange } from '../../../src/storage/index.ts';
import { createSyncEngine } from '../../../src/sync/index.ts';
import type { OursBench } from './bench-api.ts';
import { probeOutbox } from './outbox-probe.ts';
import { createRequestMeter } from './request-meter.ts';
import { seedFamilies } from './seed-families.ts';
import { meterStorage } from './storage-meter.ts';
import { requestGaps } from './timeline.ts';

// One database per page load: the bench opens the page once plain and once with the app lock on.
const storage = openStorage({ name: `bench-ours-${new URLSearchParams(location.search).get('run') ?? 'plain'}` });

const bench: OursBench = {
  async seed(enrollment, families, pin) {
    await storage.saveEnrollment(enrollment);
    if (pin !== undefined) await storage.setFirstPin(pin);
    const started = performance.now();
    const records = await seedFamilies(storage, families);
    return { records, seedMs: performance.now() - started };
  },

  async queuedChanges() {
    // takeBatch + releaseBatch is how the storage tests read a whole queue; the entries stay queued, unchanged.
    // (Chromium's IndexedDB wants a count that fits an unsigned long, unlike fake-indexeddb.)
    const batch = await storage.takeBatch(1_000_000, Number.MAX_SAFE_INTEGER);
    if (!batch) return [];
    await storage.releaseBatch(batch.batchId);
    return batch.entries.map((entry) => wireChange(entry) as Change);
  },

  probeOutbox: () => probeOutbox(storage, 1000, 1024 * 1024 - 64 * 1024),

  async sync() {
    const meter = createRequestMeter((url) =>
      url.includes('/sync/push') ? 'push' : url.includes('/sync/pull') ? 'pull' : 'other',
    );
    // The app's engine with the app's defaults; only its triggers are off, so the one run measured is ours.
    const metered = meterStorage(storage);
    const engine = createSyncEngine({
      baseUrl: location.origin,
      storage: metered.storage,
      fetch: meter.fetch,
      onlineEvents: null,
      serviceWorker: null,
      // The plain variant of the wifi bench (sync-push.bench.ts --wifi): the same engine, never gzipping.
      compressPushes: new URLSearchParams(location.search).get('compress') !== 'off',
    });
    const started = performance.now();
    await engine.syncNow();
    const ended = performance.now();
    const totalMs = ended - started;
    return {
      totalMs,
      leftInQueue: await storage.countPending(),
      requests: meter.count(),
      bytesSent: meter.bytesSent(),
      pushRequestMs: meter.waitMs('push'),
      pullRequestMs: meter.waitMs('pull'),
      pushRequests: meter.count('push'),
      pullRequests: meter.count('pull'),
      lastError: engine.getStatus().lastError,
      storageCalls: metered.timings(),
      gaps: requestGaps(meter.spans(), metered.spans(), started, ended),
      requestSpans: meter.spans().map((span) => ({
        name: span.name,
        start: performance.timeOrigin + span.start,
        end: performance.timeOrigin + span.end,
      })),
    };
  },
};

window.oursBench = bench;
