import { useEffect, useState } from 'preact/hooks';
import { watch } from '../../storage/index.ts';

/**
 * The live result of a local query: re-runs whenever the tables it read change (Dexie liveQuery underneath),
 * so a saved record or a finished sync shows up without the screen asking. A query that fails is thrown at the
 * next render, so the app's error boundary says so with a way back, instead of the screen loading forever
 * (useLoadable is for a screen that says it in its own words).
 */
export function useWatch<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  useEffect(() => {
    setFailure(null);
    const subscription = watch(query).subscribe(
      (next: T) => setValue(() => next),
      (error: unknown) => setFailure({ error }),
    );
    return () => subscription.unsubscribe();
  }, deps);
  if (failure) throw failure.error;
  return value;
}
