// The public surface of the sync engine: the app makes one engine, the UI reads its status.
export { createSyncEngine } from './sync-engine.ts';
export type { SyncEngine, SyncEngineOptions, SyncStatus, Timers } from './sync-engine.ts';
export type { SyncErrorCode } from './http.ts';
export { SYNC_LOCK_NAME, inProcessLocks, type LockManagerLike } from './locks.ts';
export { backoffDelayMs, parseRetryAfter } from './backoff.ts';
export { connectivityOf, type Connectivity } from './connectivity.ts';
export { exchangeEnrollmentCode } from './exchange-enrollment.ts';
export { SyncError } from './http.ts';
