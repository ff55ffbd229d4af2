// What each bench page exposes on `window`, shared by the pages and the Node side that drives them.
import type { Change, Enrollment } from '../../../protocol/index.ts';

export interface SeedSummary {
  records: number;
  seedMs: number;
}

/** One contestant's run, measured inside the page from "all queued" to "queue empty". */
export interface PageRun {
  totalMs: number;
  /** Left in the local queue (outbox, PouchDB pending changes, workbox queue) at the end: must be 0. */
  leftInQueue: number;
  requests: number;
  /** Request bodies sent, in bytes. */
  bytesSent: number;
}

export interface OursRun extends PageRun {
  /** Time inside push requests (loopback + server), pull requests, and the rest (IndexedDB work in the page). */
  pushRequestMs: number;
  pullRequestMs: number;
  pushRequests: number;
  pullRequests: number;
  lastError: string | null;
  /** Time the engine spent in each storage method (IndexedDB in the page), with the number of calls. */
  storageCalls: Record<string, { calls: number; ms: number }>;
}

/** Our app's storage and sync engine. */
export interface OursBench {
  /** Records `households` families (4 records) with 6 events for each child, through the app's repositories. */
  seed(enrollment: Enrollment, households: number): Promise<SeedSummary>;
  /** The queued changes as the wire carries them, in queue order (read through the storage API). */
  queuedChanges(): Promise<Change[]>;
  sync(): Promise<OursRun>;
}

/**
 * PouchDB replicating to a CouchDB-compatible server. 'default': pouchdb-browser as shipped (its `idb` adapter,
 * batch_size 100). 'best': the faster `indexeddb` adapter (pouchdb-adapter-indexeddb) and batch_size 500.
 */
export type PouchVariant = 'default' | 'best';

export interface PouchBench {
  load(changes: Change[], variant: PouchVariant): Promise<SeedSummary>;
  replicate(remoteUrl: string, variant: PouchVariant): Promise<PageRun & { docsWritten: number }>;
}

/** The floor: records already in memory, POSTed 500 at a time to a bare endpoint, one SQLite transaction each. */
export interface FloorBench {
  load(changes: Change[]): Promise<SeedSummary>;
  push(): Promise<PageRun>;
}

/** workbox-background-sync's Queue: one stored request per record, replayed one after another. */
export interface ReplayBench {
  enqueue(changes: Change[], deviceId: string, token: string): Promise<SeedSummary>;
  replay(): Promise<PageRun>;
}

declare global {
  interface Window {
    oursBench?: OursBench;
    pouchBench?: PouchBench;
    replayBench?: ReplayBench;
    floorBench?: FloorBench;
  }
}
