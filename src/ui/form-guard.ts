import { useEffect } from 'preact/hooks';

/**
 * Knows whether the kader has a form open with unsaved input, so that an app update never reloads over it.
 */
const dirtyForms = new Set<symbol>();

export function isAnyFormDirty(): boolean {
  return dirtyForms.size > 0;
}

export function useFormGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const token = Symbol('form');
    dirtyForms.add(token);
    return () => {
      dirtyForms.delete(token);
    };
  }, [dirty]);
}
