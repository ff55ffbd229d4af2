import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Change } from '../../protocol/index.ts';
import { applyBatch } from '../../server/src/services/apply-batch.ts';
import { change, household } from './support/records.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

const BUSY_BATCHES = 30;
const BUSY_BATCH_SIZE = 200;
/** A tenth of the queue: far below where waiting behind it would land, above what running beside it may give. */
const MAX_PLACE = 3;

/**
 * Issue 13 item 9: one busy posyandu must not make a quiet one wait. Thirty large batches of one posyandu are
 * queued first; the quiet posyandu's one-change batch must not wait behind them.
 */
describe.each(STORE_KINDS)('posyandu isolation on %s', (kind) => {
  let server: TestServer;
  let busy: TestDevice;
  let quiet: TestDevice;

  beforeAll(async () => {
    server = await startTestServer(kind);
    busy = await enrollDevice(server);
    quiet = await enrollDevice(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const sender = (d: TestDevice) => ({ deviceId: d.deviceId, posyanduId: d.posyanduId, kaderId: d.kaderId });
  const batch = (d: TestDevice, changes: Change[]) => ({
    protocolVersion: PROTOCOL_VERSION,
    deviceId: d.deviceId,
    batchId: crypto.randomUUID(),
    changes,
  });
  const busyChanges = () => Array.from({ length: BUSY_BATCH_SIZE }, () => change('households', household(busy)));

  const quietPush = () =>
    applyBatch(server.store, sender(quiet), batch(quiet, [change('households', household(quiet))]));

  /** Queues the busy batches, then the quiet one; returns the quiet one's place among the finishers and its time. */
  async function quietBehindBusy(): Promise<{ place: number; ms: number }> {
    const finished: string[] = [];
    const busyRuns = Array.from({ length: BUSY_BATCHES }, (_, i) =>
      applyBatch(server.store, sender(busy), batch(busy, busyChanges())).then(() => finished.push(`busy-${i}`)),
    );
    const started = performance.now();
    await quietPush();
    const ms = performance.now() - started;
    finished.push('quiet');
    await Promise.all(busyRuns);
    return { place: finished.indexOf('quiet'), ms };
  }

  it('finishes a quiet posyandu’s push before all but the first few of a busy one’s queued batches', async () => {
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await quietPush();
      idle.push(performance.now() - started);
    }
    const loaded: { place: number; ms: number }[] = [];
    for (let i = 0; i < 3; i++) loaded.push(await quietBehindBusy());
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    console.log(
      `${kind}: a quiet posyandu's one-change push took ${median(idle).toFixed(1)} ms (median) alone and ` +
        `${median(loaded.map((l) => l.ms)).toFixed(1)} ms (median of 3) behind ${BUSY_BATCHES} queued batches of ` +
        `${BUSY_BATCH_SIZE} records from a busy posyandu; it finished at place ${loaded.map((l) => l.place).join(', ')}`,
    );
    // Waiting behind the queue would put it at place 30. A busy batch of 200 takes ~13 ms on PostgreSQL since the
    // binary-array write, so one or two more of them may commit on their own connection while the quiet push is
    // still in flight on a loaded machine (CI saw place 2 once): that is running beside them, not behind them.
    for (const { place } of loaded) expect(place).toBeLessThanOrEqual(MAX_PLACE);
  });
});
