// Bench page for (b): one request per record, replayed by workbox-background-sync's own Queue, the way a PWA
// built on workbox's BackgroundSyncPlugin sends what it queued offline.
import { Queue } from '@compare/workbox-background-sync';
import { PROTOCOL_VERSION } from '../../../protocol/index.ts';
import type { ReplayBench } from './bench-api.ts';
import { createRequestMeter } from './request-meter.ts';

// The Queue is written for a service worker and reads self.registration; a page has none. Without `sync` in it
// (and with forceSyncFallback) the Queue never registers a sync event and replays only when asked, below.
(self as unknown as { registration?: object }).registration ??= {};
const queue = new Queue('bench-replay', { forceSyncFallback: true, onSync: async () => undefined });

let bytesQueued = 0;

const bench: ReplayBench = {
  async enqueue(changes, deviceId, token) {
    const started = performance.now();
    const encoder = new TextEncoder();
    for (const change of changes) {
      // Each record is its own request, carried by our push endpoint as a batch of one.
      const body = JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId,
        batchId: crypto.randomUUID(),
        changes: [change],
      });
      bytesQueued += encoder.encode(body).length;
      const request = new Request('/api/v1/sync/push', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body,
      });
      await queue.pushRequest({ request });
    }
    return { records: await queue.size(), seedMs: performance.now() - started };
  },

  async replay() {
    const meter = createRequestMeter(() => 'push', fetch.bind(window));
    const original = window.fetch;
    window.fetch = meter.fetch;
    const started = performance.now();
    try {
      await queue.replayRequests();
    } finally {
      window.fetch = original;
    }
    const totalMs = performance.now() - started;
    return { totalMs, leftInQueue: await queue.size(), requests: meter.count(), bytesSent: bytesQueued };
  },
};

window.replayBench = bench;
