// The push path's IndexedDB work alone, with no server: the queue is taken and acknowledged batch by batch in
// the order the engine's pipeline does it (take the following batch, then commit the answer of the one before),
// each answer made up in the page as "applied" for every change. So the page's share of a push can be timed
// apart from the server's, which on two shared cores it otherwise competes with (issue 14).
import { PROTOCOL_VERSION, type ChangeResult } from '../../../protocol/index.ts';
import { wireChange, type OutboxBatch, type Storage } from '../../../src/storage/index.ts';

export interface OutboxProbe {
  batches: number;
  entries: number;
  totalMs: number;
  /** Milliseconds per step, summed over the batches (acknowledge includes taking the batch after the next). */
  takeMs: number;
  bodyMs: number;
  acknowledgeMs: number;
}

export async function probeOutbox(storage: Storage, batchSize: number, maxBytes: number): Promise<OutboxProbe> {
  const started = performance.now();
  const probe: OutboxProbe = { batches: 0, entries: 0, totalMs: 0, takeMs: 0, bodyMs: 0, acknowledgeMs: 0 };
  const timed = async <T>(step: 'takeMs' | 'bodyMs' | 'acknowledgeMs', work: () => Promise<T> | T): Promise<T> => {
    const at = performance.now();
    try {
      return await work();
    } finally {
      probe[step] += performance.now() - at;
    }
  };
  const body = (batch: OutboxBatch) =>
    JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      batchId: batch.batchId,
      changes: batch.entries.map(wireChange),
    });
  const applied = (batch: OutboxBatch): ChangeResult[] =>
    batch.entries.map((entry) => ({ changeId: entry.changeId, status: 'applied' }));
  let current = await timed('takeMs', () => storage.takeBatch(batchSize, maxBytes));
  if (current) await timed('bodyMs', () => body(current!));
  // The batch after the first is taken on its own, as the engine does; each later one in the answer's commit.
  let next = current && (await timed('takeMs', () => storage.takeFollowing(current!.batchId, batchSize, maxBytes)));
  while (current) {
    const batch: OutboxBatch = current;
    const onWire = next;
    if (onWire) await timed('bodyMs', () => body(onWire));
    let after: OutboxBatch | null = null;
    if (onWire) {
      const step = { afterBatchId: onWire.batchId, maxCount: batchSize, maxBytes };
      ({ following: after } = await timed('acknowledgeMs', () =>
        storage.acknowledgeAndTakeFollowing(applied(batch), batch.batchId, undefined, step),
      ));
    } else {
      await timed('acknowledgeMs', () => storage.acknowledge(applied(batch), batch.batchId));
    }
    probe.batches += 1;
    probe.entries += batch.entries.length;
    current = onWire ?? (await timed('takeMs', () => storage.takeBatch(batchSize, maxBytes)));
    const plain = current;
    next = onWire
      ? after
      : plain && (await timed('takeMs', () => storage.takeFollowing(plain.batchId, batchSize, maxBytes)));
  }
  probe.totalMs = performance.now() - started;
  return probe;
}
