// What each bench page exposes on `window`, shared by the pages and the Node side that drives them.
import type { Change, Enrollment } from '../../../protocol/index.ts';
import type { OutboxProbe } from './outbox-probe.ts';
import type { Span } from './request-meter.ts';
import type { Gap } from './timeline.ts';

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
  /** The stretches with no request on the wire ("outside any request"), with the storage calls during each. */
  gaps: Gap[];
  /** Every request's start and end in epoch ms (the page's timeOrigin + now), to match the server's timeline. */
  requestSpans: Span[];
}

/** Our app's storage and sync engine. */
export interface OursBench {
  /** Records `households` families (4 records) with 6 events for each child, through the app's repositories. */
  /** With `pin`, the PIN is set first (encryption at rest on), as the app does right after enrollment. */
  seed(enrollment: Enrollment, households: number, pin?: string): Promise<SeedSummary>;
  /** The queued changes as the wire carries them, in queue order (read through the storage API). */
  queuedChanges(): Promise<Change[]>;
  sync(): Promise<OursRun>;
  /** The push path's IndexedDB work alone (page/outbox-probe.ts): empties the queue with made-up answers. */
  probeOutbox(): Promise<OutboxProbe>;
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

/** A new phone (PIN set, so every row is sealed) pulling the whole posyandu through the app's engine. */
export interface FirstPullRun {
  totalMs: number;
  requests: number;
  requestMs: number;
  lastError: string | null;
  /** Records the pull brought, and what the lists then hold. */
  received: number;
  households: number;
  people: number;
  vault: string;
  /** What the sync card showed ("Mengambil data… x dari y"), one entry per page. */
  progress: { received: number; total: number }[];
  storageCalls: Record<string, { calls: number; ms: number }>;
  /** Milliseconds per step of applying the pages (pull-apply.ts measures them), summed over the pages. */
  split: Record<string, number>;
  /** The pulled pages' bytes on the wire (gzipped or not) and as JSON, from the browser's resource timing. */
  pageBytes: { wire: number; json: number };
}

export interface FirstPullBench {
  pull(enrollment: Enrollment, dbName: string): Promise<FirstPullRun>;
}

declare global {
  interface Window {
    firstPullBench?: FirstPullBench;
    oursBench?: OursBench;
    pouchBench?: PouchBench;
    replayBench?: ReplayBench;
    floorBench?: FloorBench;
  }
}
