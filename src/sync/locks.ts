/** The part of the Web Locks API the engine uses (navigator.locks satisfies it). */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The one lock name every tab (and the service worker) syncs under. A fixed string: never derive it. */
export const SYNC_LOCK_NAME = 'posyandu-ilp-sync';

const chains = new Map<string, Promise<unknown>>();

/**
 * Where Web Locks are missing (old WebViews, Node): a lock shared by every engine in this JavaScript realm.
 * It cannot span tabs; the server's idempotency covers that case.
 */
export const inProcessLocks: LockManagerLike = {
  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    const previous = chains.get(name) ?? Promise.resolve();
    const run = previous.then(callback, callback);
    const tail = run.catch(() => undefined);
    chains.set(name, tail);
    void tail.then(() => {
      if (chains.get(name) === tail) chains.delete(name);
    });
    return run;
  },
};

export function defaultLocks(): LockManagerLike {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return locks ?? inProcessLocks;
}
