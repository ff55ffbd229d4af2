import { useEffect, useState } from 'preact/hooks';
import { watch } from '../../storage/index.ts';

/** A local query's result with its state, so a screen can tell "still reading" from "not there" and "failed". */
export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed' };

const LOADING = { state: 'loading' } as const;

/**
 * useWatch with the states made explicit: an unknown id reads as ready with `undefined` (the screen says "not
 * found") instead of waiting forever, and a query that throws reads as failed instead of loading forever.
 */
export function useLoadable<T>(query: () => Promise<T>, deps: unknown[]): Loadable<T> {
  const [loadable, setLoadable] = useState<Loadable<T>>(LOADING);
  useEffect(() => {
    setLoadable(LOADING);
    const subscription = watch(query).subscribe(
      (value: T) => setLoadable({ state: 'ready', value }),
      () => setLoadable({ state: 'failed' }),
    );
    return () => subscription.unsubscribe();
  }, deps);
  return loadable;
}
