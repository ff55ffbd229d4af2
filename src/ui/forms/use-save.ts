import { useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { useSyncEngine } from '../hooks/use-sync.ts';
import { navigate } from '../router.ts';
import { attemptSave } from './save-attempt.ts';

export interface SaveOptions {
  /** Maps the repository's field paths onto the form's, when they differ. */
  fieldErrors?: (errors: Record<string, string>) => Record<string, string>;
  /** The form's banner sits at the top of its screen: a refusal scrolls there, so the kader sees why. */
  bannerAtTop?: boolean;
}

export interface SaveDone<T> {
  /** Said in place once the write is kept: the values just saved, read back. */
  echo?: string | ((value: T) => string);
  /** Where the kader goes next: a correction form returns to its record, a registration opens it. */
  next?: string | ((value: T) => string);
  then?: (value: T) => void;
}

/**
 * What every save in the kader's app does, form or single tap: one saving state (a second tap while a write is
 * under way does nothing, so nothing is recorded twice), the refusal mapped to its fields with what was typed
 * kept, a failure other than a refusal said in words instead of a blank screen, sync told of the new change, and
 * the values just saved echoed back or the next screen opened.
 */
export function useSave(options: SaveOptions = {}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [echo, setEcho] = useState<string | null>(null);
  // State alone lags one render behind a quick double tap; the ref does not.
  const busy = useRef(false);
  const engine = useSyncEngine();

  const refuse = (found: Record<string, string>): boolean => {
    setErrors(found);
    setEcho(null);
    const refused = Object.keys(found).length > 0;
    if (refused && options.bannerAtTop) window.scrollTo({ top: 0 });
    return refused;
  };

  const run = async <T>(write: () => Promise<T>, done: SaveDone<T> = {}): Promise<boolean> => {
    if (busy.current) return false;
    busy.current = true;
    setSaving(true);
    const outcome = await attemptSave(write);
    busy.current = false;
    setSaving(false);
    if (!outcome.ok) {
      refuse(options.fieldErrors ? options.fieldErrors(outcome.errors) : outcome.errors);
      return false;
    }
    setErrors({});
    engine?.notifyLocalWrite();
    done.then?.(outcome.value);
    setEcho(typeof done.echo === 'function' ? done.echo(outcome.value) : (done.echo ?? null));
    const next = typeof done.next === 'function' ? done.next(outcome.value) : done.next;
    if (next !== undefined) navigate(next);
    return true;
  };

  const banner = errors.form ?? (Object.keys(errors).length > 0 ? t('fixErrors') : null);
  return {
    errors,
    saving,
    banner,
    echo,
    run,
    /** Checks made before the write (a date before the birth): shown like a refusal; true when any was found. */
    refuse,
    /** The kader changed something: the last echo no longer describes the form. */
    clearEcho: () => setEcho(null),
  };
}
