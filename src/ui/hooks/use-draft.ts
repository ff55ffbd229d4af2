import { useEffect, useState } from 'preact/hooks';
import { readDraft, removeDraft, writeDraft } from '../../storage/index.ts';

/**
 * Form state that survives the app being closed, the phone locking or a call coming in: it is mirrored to
 * localStorage under `key` until `clear()` is called after a successful save. Storage keeps it (sealed once the
 * phone has a PIN, docs/security.md) and answers from memory, so the form reads it synchronously.
 */
export function useDraft<T>(
  key: string,
  initial: () => T,
  /**
   * Whether the value is worth keeping: an untouched form stores nothing, so opening a hundred person pages leaves
   * no hundred drafts behind for every unlock to decrypt.
   */
  worthKeeping: (value: T) => boolean = () => true,
): [T, (next: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = readDraft(key);
      return stored === undefined ? initial() : (stored as T);
    } catch {
      return initial();
    }
  });
  useEffect(() => {
    try {
      if (worthKeeping(value)) writeDraft(key, value);
      else removeDraft(key);
    } catch {
      // Storage full or private mode: the form still works, it just will not survive a restart.
    }
  }, [key, value]);
  const clear = () => {
    removeDraft(key);
  };
  return [value, setValue, clear];
}
