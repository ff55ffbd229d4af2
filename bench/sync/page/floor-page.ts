// Bench page for the floor: the records already in memory, POSTed 500 at a time to a bare SQLite endpoint.
import type { Change } from '../../../protocol/index.ts';
import type { FloorBench } from './bench-api.ts';
import { createRequestMeter } from './request-meter.ts';

const BATCH = 500;
let queued: Change[] = [];

const bench: FloorBench = {
  load(changes) {
    queued = changes;
    return Promise.resolve({ records: queued.length, seedMs: 0 });
  },

  async push() {
    const meter = createRequestMeter(() => 'floor', fetch.bind(window));
    const started = performance.now();
    for (let i = 0; i < queued.length; i += BATCH) {
      const body = JSON.stringify(queued.slice(i, i + BATCH).map(({ table, record }) => ({ table, record })));
      const response = await meter.fetch('/floor/push', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      if (!response.ok) throw new Error(`floor push answered ${response.status}`);
    }
    const totalMs = performance.now() - started;
    return { totalMs, leftInQueue: 0, requests: meter.count(), bytesSent: meter.bytesSent() };
  },
};

window.floorBench = bench;
