import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the commit path (issue 14). SQLite's automatic checkpoint runs inside the COMMIT that takes
 * the WAL past its bound, on the connection that commits: better-sqlite3 is synchronous, so for 70-106 ms (copying
 * 64 MB into the database file and its fsync) the event loop and every push waited for it. Here a worker thread
 * with a connection of its own to the same file runs PRAGMA wal_checkpoint(PASSIVE) a second after commits: it
 * copies what is committed without waiting for or blocking the writer, on the machine's other core, and once all
 * is copied the writer's next transaction starts the WAL over from its beginning.
 *
 * Crash safety is unchanged: a checkpoint only copies frames already durable in the WAL (WAL + synchronous FULL),
 * whichever connection runs it, and the worker's connection is FULL too so it syncs the database file the same way.
 * The main connection keeps wal_autocheckpoint as a bound (raised, see sqlite-store.ts) in case the worker falls
 * behind or is gone, so the WAL never grows without limit.
 */
export interface Checkpointer {
  /** A commit just ended: a checkpoint is due once the pause has passed. */
  committed(): void;
  /** Stops the worker and closes its connection; resolves once the thread has exited. */
  close(): Promise<void>;
}

/**
 * How long after a commit the worker checkpoints: at most one checkpoint a second while pushes come in. Each
 * checkpoint copies every page changed since the last one once, so checkpointing more often copies the hot pages
 * (index leaves, each table's last page) more often: 200 ms wrote ~900 B per record more than 1 s in the ingest
 * bench, and ingested slower (docs/benchmarks.md, h29).
 */
export const CHECKPOINT_PAUSE_MS = 1000;

// Plain JavaScript evaluated in the worker: no loader or build step needed, under tsx, vitest or node alike.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('synchronous = FULL');
let timer = null;
function checkpoint() {
  timer = null;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // SQLITE_BUSY and the like: the next commit asks again, and the writer's own bound still holds.
    parentPort.postMessage({ error: String(error) });
  }
}
parentPort.on('message', (message) => {
  if (message === 'committed') {
    if (timer === null) timer = setTimeout(checkpoint, workerData.pauseMs);
  } else if (message === 'close') {
    if (timer !== null) clearTimeout(timer);
    db.close();
    parentPort.close();
  }
});
`;

export function startCheckpointer(file: string, log: (line: string) => void = () => undefined): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, pauseMs: CHECKPOINT_PAUSE_MS } });
  // A process that never closes its store (a short CLI) must still be able to exit: the WAL is safe either way.
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    if (message.error) log(`sqlite checkpoint: ${message.error}`);
  });
  let failed = false;
  worker.on('error', (error) => {
    failed = true;
    log(`sqlite checkpoint worker stopped: ${String(error)}`);
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    committed() {
      if (!failed) worker.postMessage('committed');
    },
    async close() {
      // Held while it closes: an unref'd worker would let the process exit before its connection is closed.
      worker.ref();
      if (!failed) worker.postMessage('close');
      await exited;
    },
  };
}
