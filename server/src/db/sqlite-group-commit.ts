import type Database from 'better-sqlite3';
import type { StoreTx } from './store.ts';

interface Waiting {
  work: (tx: StoreTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Batches sharing one commit at most: bounds how long the one writer holds the event loop at a time. */
export const MAX_GROUP = 16;

/**
 * Group commit for SQLite's one connection. With `synchronous = FULL` each COMMIT waits for the WAL's fsync, and
 * better-sqlite3 waits for it on the event loop: under 200 phones that wait was a fifth of the server's time
 * (issue 14 profile). Batches that arrive while one is being written are applied one after another inside ONE
 * transaction, each in its own savepoint, and committed together: one fsync for all of them.
 *
 * What each batch sees and gets is unchanged: batches still apply one at a time in arrival order; a batch that
 * fails rolls back to its savepoint alone and its neighbours commit; no batch is answered before the commit that
 * holds it is on disk; if that commit fails, every batch of the group fails and nothing of them is kept, so each
 * phone's retry is safe (the same as one failed transaction).
 */
export function sqliteGroupCommit(
  db: Database.Database,
  exclusive: <T>(work: () => Promise<T> | T) => Promise<T>,
  tx: StoreTx,
): <T>(work: (tx: StoreTx) => Promise<T>) => Promise<T> {
  const waiting: Waiting[] = [];
  let scheduled = false;

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // One turn of the event loop first, so that the pushes whose requests are already read join this commit.
    // flush settles every batch it takes and never throws past that, so nothing is left unhandled here.
    setImmediate(() => void exclusive(flush).catch(() => undefined));
  }

  async function flush(): Promise<void> {
    scheduled = false;
    const group = waiting.splice(0, MAX_GROUP);
    if (waiting.length > 0) schedule();
    if (group.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      db.exec('BEGIN IMMEDIATE');
      for (const [index, batch] of group.entries()) {
        db.exec('SAVEPOINT batch');
        try {
          outcomes.push({ ok: true, value: await batch.work(tx) });
          db.exec('RELEASE batch');
        } catch (error) {
          if (!db.inTransaction) {
            // SQLite ended the whole transaction itself (an I/O error, a full disk): what the group wrote is gone,
            // the batches not yet applied go back to the front of the line.
            waiting.unshift(...group.slice(index + 1));
            if (waiting.length > 0) schedule();
            for (const [i, earlier] of group.slice(0, index + 1).entries()) {
              earlier.reject(
                i === index ? error : new Error('the shared transaction was rolled back', { cause: error }),
              );
            }
            return;
          }
          db.exec('ROLLBACK TO batch');
          db.exec('RELEASE batch');
          outcomes.push({ ok: false, error });
        }
      }
      db.exec('COMMIT');
    } catch (error) {
      try {
        if (db.inTransaction) db.exec('ROLLBACK');
      } finally {
        for (const batch of group) batch.reject(error);
      }
      return;
    }
    for (const [index, batch] of group.entries()) {
      const outcome = outcomes[index];
      if (outcome?.ok) batch.resolve(outcome.value);
      else batch.reject(outcome?.error);
    }
  }

  return <T>(work: (tx: StoreTx) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
}
