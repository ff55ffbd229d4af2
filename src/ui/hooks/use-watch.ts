import { useEffect, useState } from 'preact/hooks';
import { watch } from '../../storage/index.ts';

/**
 * The live result of a local query: re-runs whenever the tables it read change (Dexie liveQuery underneath),
 * so a saved record or a finished sync shows up without the screen asking.
 */
export function useWatch<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = watch(query).subscribe((next: T) => setValue(() => next));
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
