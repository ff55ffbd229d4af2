import { liveQuery } from 'dexie';

export interface Subscription {
  unsubscribe(): void;
}

/** What the UI subscribes to; it never sees Dexie. */
export interface Watchable<T> {
  subscribe(next: (value: T) => void, error?: (error: unknown) => void): Subscription;
}

/** Re-runs `query` whenever the tables it read change, in this tab or another. */
export function watch<T>(query: () => Promise<T> | T): Watchable<T> {
  const observable = liveQuery(query);
  return {
    subscribe(next, error) {
      const subscription = observable.subscribe({ next, error: error ?? (() => undefined) });
      return { unsubscribe: () => subscription.unsubscribe() };
    },
  };
}
