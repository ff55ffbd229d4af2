import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.ts';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'failed'; error: ApiError };

/** Loads once per key; `reload` fetches again after a change. */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setResult({ state: 'ok', value }),
      (error: unknown) =>
        live &&
        setResult({
          state: 'failed',
          error: error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error)),
        }),
    );
    return () => {
      live = false;
    };
    // The loader is a fresh closure each render; the key says when it really changed.
  }, [key, round]);
  return [result, () => setRound((r) => r + 1)];
}
