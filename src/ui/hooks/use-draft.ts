import { useEffect, useState } from 'preact/hooks';

/**
 * Form state that survives the app being closed, the phone locking or a call coming in: it is mirrored to
 * localStorage under `key` until `clear()` is called after a successful save.
 */
export function useDraft<T>(key: string, initial: () => T): [T, (next: T) => void, () => void] {
  const storageKey = `posyandu.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = localStorage.getItem(storageKey);
      return stored ? (JSON.parse(stored) as T) : initial();
    } catch {
      return initial();
    }
  });
  useEffect(() => {
    try {
      localStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // Storage full or private mode: the form still works, it just will not survive a restart.
    }
  }, [storageKey, value]);
  const clear = () => {
    localStorage.removeItem(storageKey);
  };
  return [value, setValue, clear];
}
