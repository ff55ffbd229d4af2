import { PROTOCOL_VERSION, PushResponseSchema, type DeviceHealth, type PushRequest } from '../../protocol/sync.ts';
import { wireChange, type NextBatch, type OutboxBatch, type Storage } from '../storage/index.ts';
import { PayloadTooLargeError, SyncError, requestJson, type HttpDeps } from './http.ts';

export interface PushDeps extends HttpDeps {
  baseUrl: string;
  storage: Storage;
  token: string;
  deviceId: string;
  maxBatchBytes: number;
  /** Current batch size; a 413 halves it for the rest of the engine's life, successes let it grow back. */
  batchSize: { current: number; max: number };
  onProgress: (sent: number, total: number) => void;
  /** The phone's report for the puskesmas's devices tab, sent with each batch (protocol: optional). */
  health?: (inFlight: number) => Promise<DeviceHealth>;
  /**
   * Collects the server seqs of changes stored exactly as sent (protocol/held-seqs.ts), for the pull after the
   * push to skip. Absent: the push does not ask for them.
   */
  held?: number[];
}

/**
 * Pushes the outbox until it is empty (rejected entries aside). Returns how many entries left the queue or
 * were answered. Throws a SyncError on a failure that ends this run; entries stay queued.
 */
export async function pushPending(deps: PushDeps): Promise<number> {
  const { storage } = deps;
  let sent = 0;
  // The kept counter: one read, however long the queue. Each answer then brings the count that is left.
  let total = (await storage.syncCounts()).pending;
  deps.onProgress(sent, total);
  // Taken with the previous batch's answer (one commit for both), or by takeBatch after a 413 and at the start.
  let taken: OutboxBatch | null | undefined;
  for (;;) {
    const batch = taken !== undefined ? taken : await storage.takeBatch(deps.batchSize.current, deps.maxBatchBytes);
    taken = undefined;
    if (!batch) return sent;
    // The next batch is read from IndexedDB while this one is on the wire; the answer's commit checks it is
    // still the oldest pending before taking it.
    const last = batch.entries.at(-1)?.seq;
    const ahead = last === undefined ? null : storage.readAhead(last, deps.batchSize.current).catch(() => undefined);
    // The report goes with the first batch of a run and with the one expected to empty the queue: the server
    // keeps only the last, and one report per batch was a database write per batch for nothing.
    const withHealth = sent === 0 || total - sent <= batch.entries.length;
    let answered: Answered;
    try {
      const next = async (): Promise<NextBatch> => ({
        maxCount: Math.min(deps.batchSize.max, deps.batchSize.current * 2),
        maxBytes: deps.maxBatchBytes,
        ahead: (await ahead) ?? undefined,
      });
      answered = await pushBatch(deps, batch, withHealth, next);
    } catch (error) {
      if (!(error instanceof PayloadTooLargeError)) throw error;
      await splitAfterTooLarge(deps, batch, error);
      continue;
    }
    sent += answered.answered;
    total = Math.max(total, sent + answered.pending);
    deps.onProgress(sent, total);
    deps.batchSize.current = Math.min(deps.batchSize.max, deps.batchSize.current * 2);
    taken = answered.next;
  }
}

interface Answered {
  answered: number;
  pending: number;
  /** The next batch, when `next` was given (null: the queue is empty). */
  next?: OutboxBatch | null;
}

/**
 * POSTs one batch under its batchId and applies the per-change answers; says how many are still pending. With
 * `next`, the next batch is taken in the answer's commit and returned.
 */
export async function pushBatch(
  deps: PushDeps,
  batch: OutboxBatch,
  withHealth = true,
  next?: () => Promise<NextBatch>,
): Promise<Answered> {
  const body: PushRequest = {
    protocolVersion: PROTOCOL_VERSION,
    deviceId: deps.deviceId,
    batchId: batch.batchId,
    changes: batch.entries.map(wireChange),
    ...(deps.health && withHealth ? { health: await deps.health(batch.entries.length) } : {}),
    ...(deps.held ? { held: true } : {}),
  };
  const sentAt = deps.now();
  const raw = await requestJson(deps, `${deps.baseUrl}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${deps.token}` },
    body: JSON.stringify(body),
  });
  const parsed = PushResponseSchema.safeParse(raw);
  if (!parsed.success || parsed.data.batchId !== batch.batchId) {
    throw new SyncError('bad-response', 'push answer is not for this batch', true);
  }
  const { serverTime } = parsed.data;
  const reading = serverTime ? { serverTime, sentAtMs: sentAt, receivedAtMs: deps.now() } : undefined;
  // The clock and the answer in one local commit.
  const acknowledged = await deps.storage.acknowledge(
    parsed.data.results,
    batch.batchId,
    reading,
    next ? await next() : undefined,
  );
  const { done, rejected, pending } = acknowledged;
  if (done + rejected === 0) {
    // Nothing matched: retrying at once would loop forever on the same entries.
    throw new SyncError('bad-response', 'push answer names none of the changes sent', true);
  }
  if (deps.held) for (const result of parsed.data.results) if (result.seq !== undefined) deps.held.push(result.seq);
  return { answered: done + rejected, pending, ...('next' in acknowledged ? { next: acknowledged.next } : {}) };
}

async function splitAfterTooLarge(deps: PushDeps, batch: OutboxBatch, error: PayloadTooLargeError): Promise<void> {
  const only = batch.entries.length === 1 ? batch.entries[0] : undefined;
  if (only?.seq !== undefined) {
    // One change alone is too big: it can never go, so it waits, visible, in "Perlu diperiksa".
    await deps.storage.rejectLocally(only.seq, { code: 'payload-too-large', message: error.message });
    return;
  }
  await deps.storage.releaseBatch(batch.batchId);
  deps.batchSize.current = Math.max(1, Math.floor(batch.entries.length / 2));
}
