// The push path's IndexedDB work alone, with no server: the queue is taken and acknowledged batch by batch in
// the order the engine's pipeline does it (take the following batch, then commit the answer of the one before),
// each answer made up in the page as "applied" for every change. So the page's share of a push can be timed
// apart from the server's, which on two shared cores it otherwise competes with (issue 14).
import { PROTOCOL_VERSION, type ChangeResult } from '../../../protocol/index.ts';
import { pushBodyText, type OutboxBatch, type Storage } from '../../../src/storage/index.ts';

export interface OutboxProbe {
  batches: number;
  entries: number;
  totalMs: number;
  /** Milliseconds per step, summed over the batches. */
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
    pushBodyText({ protocolVersion: PROTOCOL_VERSION, batchId: batch.batchId }, batch.entries);
  let current = await timed('takeMs', () => storage.takeBatch(batchSize, maxBytes));
  if (current) await timed('bodyMs', () => body(current!));
  while (current) {
    const batch: OutboxBatch = current;
    const next = await timed('takeMs', () => storage.takeFollowing(batch.batchId, batchSize, maxBytes));
    if (next) await timed('bodyMs', () => body(next));
    const results: ChangeResult[] = batch.entries.map((entry) => ({ changeId: entry.changeId, status: 'applied' }));
    await timed('acknowledgeMs', () => storage.acknowledge(results, batch.batchId));
    probe.batches += 1;
    probe.entries += batch.entries.length;
    current = next ?? (await timed('takeMs', () => storage.takeBatch(batchSize, maxBytes)));
  }
  probe.totalMs = performance.now() - started;
  return probe;
}
