import type { DeviceHealth, PushRequest, PushResponse } from '../../protocol/sync.ts';
import { PROTOCOL_VERSION } from '../../protocol/sync-limits.ts';
import { loadWireSchemas } from '../../protocol/wire-schemas.ts';
import { pushBodyText, type OutboxBatch, type Storage } from '../storage/index.ts';
import {
  PayloadTooLargeError,
  SyncError,
  UnsupportedEncodingError,
  requestJsonWithHeaders,
  type HttpDeps,
} from './http.ts';
import { encodePushBody, observePushAnswer, plainBody, type EncodedBody, type PushLink } from './push-encoding.ts';

export interface PushDeps extends HttpDeps {
  baseUrl: string;
  storage: Storage;
  token: string;
  deviceId: string;
  maxBatchBytes: number;
  /** Current batch size; a 413 halves it for the rest of the engine's life, successes let it grow back. */
  batchSize: { current: number; max: number };
  /** Whether pushes go gzipped (push-encoding.ts): learnt from each answer, kept for the engine's life. */
  link: PushLink;
  onProgress: (sent: number, total: number) => void;
  /** The phone's report for the puskesmas's devices tab, sent with each batch (protocol: optional). */
  health?: (inFlight: number) => Promise<DeviceHealth>;
  /**
   * Collects the server seqs of changes stored exactly as sent (protocol/held-seqs.ts), for the pull after the
   * push to skip. Absent: the push does not ask for them.
   */
  held?: number[];
}

interface Progress {
  sent: number;
  total: number;
}

/**
 * Pushes the outbox until it is empty (rejected entries aside). Returns how many entries left the queue or
 * were answered. Throws a SyncError on a failure that ends this run; entries stay queued.
 */
export async function pushPending(deps: PushDeps): Promise<number> {
  // The kept counter: one read, however long the queue. Each answer then brings the count that is left.
  const progress: Progress = { sent: 0, total: (await deps.storage.syncCounts()).pending };
  deps.onProgress(progress.sent, progress.total);
  for (;;) {
    const first = await deps.storage.takeBatch(deps.batchSize.current, deps.maxBatchBytes);
    if (!first) return progress.sent;
    await pushChain(deps, first, progress);
  }
}

/**
 * Pushes `first` and the batches that follow it, one request on the wire at a time, oldest first. While a batch
 * is on the wire the next is taken and serialised (storage.takeFollowing); when the answer comes, the next goes
 * at once and the answer is committed while it travels. So the phone's IndexedDB work and the server's work
 * overlap instead of taking turns. Returns when no batch follows (takeBatch then looks again from the oldest),
 * or after a 413 has been dealt with.
 */
async function pushChain(deps: PushDeps, first: OutboxBatch, progress: Progress): Promise<void> {
  let batch = first;
  let wire = post(deps, batch, await pushBody(deps, batch, progress, 0));
  for (;;) {
    const current = batch;
    const following = queuedBehind(progress, current)
      ? deps.storage
          .takeFollowing(current.batchId, deps.batchSize.current, deps.maxBatchBytes)
          .then(async (next) =>
            next ? { next, body: await pushBody(deps, next, progress, current.entries.length) } : null,
          )
          // Taking ahead is an optimisation: when it fails, takeBatch takes the next batch the plain way.
          .catch(() => null)
      : Promise.resolve(null);
    let answer: PushResponse;
    let sentAt: number;
    try {
      ({ answer, sentAt } = await wire);
    } catch (error) {
      // Settled before re-batching, so that releaseBatch also drops what it took.
      await following;
      if (!(error instanceof PayloadTooLargeError)) throw error;
      await splitAfterTooLarge(deps, current, error);
      return;
    }
    const ready = await following;
    if (ready) {
      wire = post(deps, ready.next, ready.body);
      // If this answer cannot be committed, the run ends and that request's outcome is read by the next run
      // (the batch is in flight under its id): its failure here must not go unhandled.
      wire.catch(() => undefined);
    }
    const { answered, pending } = await answerBatch(deps, current, answer, sentAt);
    progress.sent += answered;
    progress.total = Math.max(progress.total, progress.sent + pending);
    deps.onProgress(progress.sent, progress.total);
    deps.batchSize.current = Math.min(deps.batchSize.max, deps.batchSize.current * 2);
    if (!ready) return;
    batch = ready.next;
  }
}

/**
 * Whether the kept count leaves anything queued behind `current` (the batch on the wire; `progress` holds the
 * answers so far). When it does not, a take would open an IndexedDB transaction to find nothing (issue 14: the
 * last batch's take, tens of ms beside its request). Skipping it is safe whatever the count says: a change queued
 * meanwhile, or a count that drifted, is found by pushPending's takeBatch, which looks again after every chain.
 */
function queuedBehind(progress: Progress, current: OutboxBatch): boolean {
  return progress.total - progress.sent > current.entries.length;
}

/**
 * The request body of a batch. The report goes with the first batch of a run and with the one expected to empty
 * the queue (`ahead`: entries sent before it and not yet answered): the server keeps only the last, and one
 * report per batch was a database write per batch for nothing.
 */
async function pushBody(deps: PushDeps, batch: OutboxBatch, progress: Progress, ahead: number): Promise<EncodedBody> {
  return encodePushBody(deps.link, await pushBodyJson(deps, batch, progress, ahead));
}

async function pushBodyJson(deps: PushDeps, batch: OutboxBatch, progress: Progress, ahead: number): Promise<string> {
  const sent = progress.sent + ahead;
  const withHealth = sent === 0 || progress.total - sent <= batch.entries.length;
  // A PushRequest: the changes go in as the wire text they were queued as (outbox-wire.ts), not re-serialised.
  const rest: Omit<PushRequest, 'changes'> = {
    protocolVersion: PROTOCOL_VERSION,
    deviceId: deps.deviceId,
    batchId: batch.batchId,
    ...(deps.health && withHealth ? { health: await deps.health(batch.entries.length) } : {}),
    ...(deps.held ? { held: true } : {}),
  };
  return pushBodyText(rest, batch.entries);
}

/** POSTs one batch under its batchId; the parsed answer, checked to be for this batch. */
async function post(
  deps: PushDeps,
  batch: OutboxBatch,
  encoded: EncodedBody,
): Promise<{ answer: PushResponse; sentAt: number }> {
  const sentAt = deps.now();
  const startedAt = performance.now();
  let raw: unknown;
  try {
    const { body, headers } = await requestJsonWithHeaders(deps, `${deps.baseUrl}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${deps.token}`, ...encoded.headers },
      body: encoded.body,
    });
    observePushAnswer(deps.link, headers, encoded.wireBytes, performance.now() - startedAt);
    raw = body;
  } catch (error) {
    // A server that stopped reading gzip (one rolled back to an older version): the same batch again, plain.
    if (!(error instanceof UnsupportedEncodingError) || !encoded.headers['Content-Encoding']) throw error;
    deps.link.gzipAccepted = false;
    return post(deps, batch, plainBody(encoded.text));
  }
  const { PushResponseSchema } = await loadWireSchemas();
  const parsed = PushResponseSchema.safeParse(raw);
  if (!parsed.success || parsed.data.batchId !== batch.batchId) {
    throw new SyncError('bad-response', 'push answer is not for this batch', true);
  }
  return { answer: parsed.data, sentAt };
}

/** Applies the per-change answers of one batch; says how many were answered and how many are still pending. */
async function answerBatch(
  deps: PushDeps,
  batch: OutboxBatch,
  answer: PushResponse,
  sentAt: number,
): Promise<{ answered: number; pending: number }> {
  const { serverTime } = answer;
  const reading = serverTime ? { serverTime, sentAtMs: sentAt, receivedAtMs: deps.now() } : undefined;
  // The clock and the answer in one local commit.
  const { done, rejected, pending } = await deps.storage.acknowledge(answer.results, batch.batchId, reading);
  if (done + rejected === 0) {
    // Nothing matched: retrying at once would loop forever on the same entries.
    throw new SyncError('bad-response', 'push answer names none of the changes sent', true);
  }
  if (deps.held) for (const result of answer.results) if (result.seq !== undefined) deps.held.push(result.seq);
  return { answered: done + rejected, pending };
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
