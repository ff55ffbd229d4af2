import { MAX_CHANGES_PER_PUSH, MAX_PUSH_BYTES } from '../../protocol/sync-limits.ts';
import { defaultStorage, type Storage, type Subscription } from '../storage/index.ts';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { deviceHealth } from './device-health.ts';
import { SyncError, UnauthorizedError, type HttpDeps, type SyncErrorCode } from './http.ts';
import { rotateTokenIfDue } from './rotate-token.ts';
import { uploadRecoveryIfPending } from './recovery-upload.ts';
import { defaultLocks, SYNC_LOCK_NAME, type LockManagerLike } from './locks.ts';
import { pullChanges } from './pull-changes.ts';
import { newPushLink } from './push-encoding.ts';
import { pushPending } from './push-batch.ts';

export interface SyncStatus {
  /** Changes waiting to be sent. */
  pending: number;
  /** Changes the server refused, waiting in "Perlu diperiksa". */
  rejected: number;
  running: boolean;
  progress: { sent: number; total: number } | null;
  /** While a pull of more than one page runs (a new phone's first pull): records received and expected. */
  pullProgress: { received: number; total: number } | null;
  /** ISO instant of the end of the last run that finished without error. */
  lastSuccessAt: string | null;
  /** Records the last successful run brought from the puskesmas (what other kaders recorded), or null before one. */
  lastReceived: number | null;
  lastError: SyncErrorCode | null;
  /** No token (never enrolled, or the server said 401): the kader must enroll again. The queue is kept. */
  needsEnrollment: boolean;
  /** When the engine retries by itself after a failure (epoch ms), or null. */
  nextRetryAt: number | null;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncEngineOptions {
  /** The server's origin, e.g. `https://puskesmas.example` ('' for the page's own origin). */
  baseUrl: string;
  storage?: Storage;
  fetch?: typeof fetch;
  locks?: LockManagerLike;
  now?: () => number;
  random?: () => number;
  timers?: Timers;
  /** Quiet time after a local write before syncing, so a form of five members makes one push. */
  debounceMs?: number;
  /** Periodic sync while the app is open. */
  intervalMs?: number;
  maxBatchCount?: number;
  maxBatchBytes?: number;
  /** Gzip pushes on a slow link to a server that reads gzip (push-encoding.ts); on unless false. */
  compressPushes?: boolean;
  pullPageSize?: number;
  requestTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** Where `online` is announced; defaults to the window when there is one. */
  onlineEvents?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  /** The service worker container whose `{type:'sync-requested'}` messages trigger a sync. */
  serviceWorker?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  /**
   * After the first successful sync of each local day, drop the synced records the kader no longer needs
   * (src/domain/retention/purge-rule.ts). The app turns it on; tests that count pulled records leave it off.
   */
  purgeSynced?: boolean;
  /** The app's version, reported with each push (with the queue counts and storage) for the puskesmas. */
  appVersion?: string;
}

export interface SyncEngine {
  start(): void;
  stop(): void;
  /** Runs a sync now (or joins the one running) and resolves when it ends; never rejects. */
  syncNow(): Promise<void>;
  /** Call after every local save: syncs after a quiet moment. */
  notifyLocalWrite(): void;
  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  subscribe(listener: (status: SyncStatus) => void): () => void;
  getStatus(): SyncStatus;
}

type Trigger = 'start' | 'write' | 'online' | 'timer' | 'service-worker' | 'retry' | 'manual';

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const storage = options.storage ?? defaultStorage();
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const timers: Timers = options.timers ?? {
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const locks = options.locks ?? defaultLocks();
  // 1,000 changes (the protocol's most) are about 600 KB, under the 1 MB byte bound: half the round trips, server
  // commits and phone commits of 500 (docs/benchmarks.md, issue 14), and still a few seconds on a weak 3G signal.
  // A 413 halves it; the byte bound keeps big records in check.
  const maxBatchCount = options.maxBatchCount ?? MAX_CHANGES_PER_PUSH;
  const batchSize = { current: maxBatchCount, max: maxBatchCount };
  const link = newPushLink(options.compressPushes !== false);
  let linkLoaded = false;
  const http: HttpDeps = {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    now,
    timeoutMs: options.requestTimeoutMs ?? 60_000,
  };
  const onlineEvents = options.onlineEvents === undefined ? defaultWindow() : options.onlineEvents;
  const serviceWorker = options.serviceWorker === undefined ? defaultServiceWorker() : options.serviceWorker;

  let status: SyncStatus = {
    pending: 0,
    rejected: 0,
    running: false,
    progress: null,
    pullProgress: null,
    lastSuccessAt: null,
    lastReceived: null,
    lastError: null,
    needsEnrollment: false,
    nextRetryAt: null,
  };
  const listeners = new Set<(status: SyncStatus) => void>();
  let failures = 0;
  let inFlight: Promise<void> | null = null;
  let runAgain = false;
  let started = false;
  let retryTimer: unknown = null;
  let debounceTimer: unknown = null;
  let intervalTimer: unknown = null;
  let countsSubscription: Subscription | null = null;
  let lastPurgeDay = '';

  function update(patch: Partial<SyncStatus>): void {
    status = { ...status, ...patch };
    for (const listener of listeners) listener(status);
  }

  async function refreshCounts(): Promise<void> {
    const { pending, rejected } = await storage.syncCounts();
    update({ pending, rejected });
  }

  async function runOnce(): Promise<boolean> {
    const enrollment = await storage.getEnrollment();
    if (!enrollment?.token) {
      update({ needsEnrollment: true, nextRetryAt: null });
      await refreshCounts();
      return false;
    }
    update({ running: true, needsEnrollment: false });
    const common = { ...http, baseUrl: options.baseUrl.replace(/\/$/, ''), storage, token: enrollment.token };
    const pull = {
      ...common,
      // 1,000 a page (the server allows 2,000): a new phone's first pull of 10,000 is ten pages, ten commits.
      pageSize: options.pullPageSize ?? 1000,
      onProgress: (received: number, total: number) => update({ pullProgress: { received, total } }),
    };
    try {
      // Pull first: its serverTime corrects the clock before any change of ours leaves the phone.
      const received = await pullChanges(pull);
      update({ pullProgress: null });
      const held: number[] = [];
      // What an earlier run (an earlier page load) learnt of the link: the first big push need not go plain.
      if (!linkLoaded) Object.assign(link, await storage.getPushLink(), { enabled: link.enabled });
      linkLoaded = true;
      const before = { gzipAccepted: link.gzipAccepted, bytesPerMs: link.bytesPerMs };
      const pushed = await pushPending({
        ...common,
        deviceId: enrollment.deviceId,
        maxBatchBytes: Math.min(options.maxBatchBytes ?? 1024 * 1024, MAX_PUSH_BYTES - 64 * 1024),
        batchSize,
        link,
        onProgress: (sent, total) => update({ progress: { sent, total } }),
        health: (inFlight) => deviceHealth(storage, options.appVersion, inFlight),
        held,
      });
      if (link.gzipAccepted !== before.gzipAccepted || link.bytesPerMs !== before.bytesPerMs) {
        await storage.setPushLink({ gzipAccepted: link.gzipAccepted, bytesPerMs: link.bytesPerMs });
      }
      // Our own changes come back merged: a field that lost to a later edit shows the winner at once. Those the
      // server stored exactly as sent stay on the server (held): the phone has them already.
      if (pushed > 0) await pullChanges({ ...pull, held });
      failures = 0;
      const at = new Date(now()).toISOString();
      await storage.setLastSyncAt(at);
      update({ lastSuccessAt: at, lastReceived: received, lastError: null, nextRetryAt: null });
      // A failed rotation is no failed sync: the old token keeps working and the next sync tries again.
      await rotateTokenIfDue(common).catch(() => false);
      // Likewise the recovery code: it waits on the phone (sealed) until a later sync delivers it.
      await uploadRecoveryIfPending(common).catch(() => false);
      if (options.purgeSynced) await purgeOncePerDay();
      return true;
    } catch (error) {
      await handleFailure(error);
      return false;
    } finally {
      update({ running: false, progress: null, pullProgress: null });
      await refreshCounts();
    }
  }

  /**
   * A failed purge is no failed sync: the records stay and a later start tries again. The storage keeps the day of
   * the last purge in meta (once a day per phone); `lastPurgeDay` only spares this engine that read.
   */
  async function purgeOncePerDay(): Promise<void> {
    const d = new Date(now());
    const today = [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
    if (today === lastPurgeDay) return;
    lastPurgeDay = today;
    await storage.purgeSynced(today).catch(() => undefined);
  }

  async function handleFailure(error: unknown): Promise<void> {
    if (error instanceof UnauthorizedError) {
      // The token is dead; the queue is not. Enrolling again resumes exactly where this stopped.
      await storage.forgetToken();
      update({ needsEnrollment: true, lastError: 'unauthorized', nextRetryAt: null });
      return;
    }
    failures += 1;
    const code: SyncErrorCode = error instanceof SyncError ? error.code : 'internal';
    const retryAfterMs = error instanceof SyncError ? (error.retryAfterMs ?? 0) : 0;
    const delay = Math.max(retryAfterMs, backoffDelayMs(failures, random, options.backoff ?? DEFAULT_BACKOFF));
    const nextRetryAt = now() + delay;
    // Requests that came during the failed attempt are answered by the scheduled retry, not by hammering now;
    // anything that asks after this point passed trigger()'s back-off filter (retry, manual, online) and must run,
    // even while this run is still finishing, or the retry is lost and the queue waits for the next timer.
    runAgain = false;
    update({ lastError: code, nextRetryAt });
    if (started) {
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      retryTimer = timers.setTimeout(() => {
        retryTimer = null;
        trigger('retry');
      }, delay);
    }
  }

  function syncNow(): Promise<void> {
    if (inFlight) {
      runAgain = true;
      return inFlight;
    }
    inFlight = (async () => {
      try {
        do {
          runAgain = false;
          await locks.request(SYNC_LOCK_NAME, runOnce);
        } while (runAgain);
      } catch {
        // runOnce handles its own failures; a lock failure just waits for the next trigger.
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  function trigger(kind: Trigger): void {
    // While backing off, only the kader's button, regained signal and the retry itself go through.
    const backingOff = status.nextRetryAt !== null && now() < status.nextRetryAt;
    if (backingOff && kind !== 'manual' && kind !== 'online' && kind !== 'retry') return;
    void syncNow();
  }

  const onOnline = () => trigger('online');
  const onServiceWorkerMessage = (event: Event) => {
    const data = (event as MessageEvent).data as { type?: unknown } | null;
    if (data?.type === 'sync-requested') trigger('service-worker');
  };

  function scheduleInterval(): void {
    intervalTimer = timers.setTimeout(
      () => {
        trigger('timer');
        if (started) scheduleInterval();
      },
      options.intervalMs ?? 5 * 60_000,
    );
  }

  return {
    start() {
      if (started) return;
      started = true;
      void storage.getLastSyncAt().then((at) => {
        if (at && status.lastSuccessAt === null) update({ lastSuccessAt: at });
      });
      countsSubscription = storage
        .watchSyncCounts()
        .subscribe((counts) => update({ pending: counts.pending, rejected: counts.rejected }));
      onlineEvents?.addEventListener('online', onOnline);
      serviceWorker?.addEventListener('message', onServiceWorkerMessage);
      scheduleInterval();
      trigger('start');
    },
    stop() {
      started = false;
      countsSubscription?.unsubscribe();
      countsSubscription = null;
      onlineEvents?.removeEventListener('online', onOnline);
      serviceWorker?.removeEventListener('message', onServiceWorkerMessage);
      for (const timer of [retryTimer, debounceTimer, intervalTimer]) if (timer !== null) timers.clearTimeout(timer);
      retryTimer = debounceTimer = intervalTimer = null;
    },
    syncNow: () => {
      update({ nextRetryAt: null });
      return syncNow();
    },
    notifyLocalWrite() {
      void refreshCounts();
      if (debounceTimer !== null) timers.clearTimeout(debounceTimer);
      debounceTimer = timers.setTimeout(() => {
        debounceTimer = null;
        trigger('write');
      }, options.debounceMs ?? 2_000);
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
    getStatus: () => status,
  };
}

function defaultWindow(): Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null {
  const target = globalThis as Partial<EventTarget>;
  return typeof target.addEventListener === 'function' && typeof window !== 'undefined'
    ? (globalThis as unknown as EventTarget)
    : null;
}

function defaultServiceWorker(): Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null {
  const container = (globalThis as { navigator?: { serviceWorker?: EventTarget } }).navigator?.serviceWorker;
  return container ?? null;
}
