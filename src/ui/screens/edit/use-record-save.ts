import { useState } from 'preact/hooks';
import { t } from '../../../i18n/index.ts';
import { useSyncEngine } from '../../hooks/use-sync.ts';
import { navigate } from '../../router.ts';
import { attemptSave } from './save-attempt.ts';

/**
 * What every correction form does with its save: the saving state, the refusal mapped to fields (the form keeps
 * what was typed), and on success the draft dropped, sync told of the new change, and the screen it came from.
 */
export function useRecordSave(options: {
  back: string;
  clearDraft: () => void;
  /** Maps the repository's field paths onto the form's, when they differ. */
  fieldErrors?: (errors: Record<string, string>) => Record<string, string>;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const engine = useSyncEngine();
  const leave = (wrote: boolean) => {
    options.clearDraft();
    if (wrote) engine?.notifyLocalWrite();
    navigate(options.back);
  };
  const run = async (write: () => Promise<unknown>): Promise<void> => {
    setSaving(true);
    const outcome = await attemptSave(write);
    setSaving(false);
    if (!outcome.ok) {
      setErrors(options.fieldErrors ? options.fieldErrors(outcome.errors) : outcome.errors);
      window.scrollTo({ top: 0 });
      return;
    }
    leave(true);
  };
  const banner = errors.form ?? (Object.keys(errors).length > 0 ? t('fixErrors') : null);
  return { errors, saving, banner, run, leaveUnchanged: () => leave(false) };
}
