import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { onStorageReplaced } from '../storage/index.ts';
import { isAnyFormDirty } from '../ui/form-guard.ts';
import { onUpdateWaiting, applyUpdate } from './service-worker.ts';

/**
 * A new version waits until the kader says so, and never reloads over a form she is filling in: the queue is
 * safe in IndexedDB either way, but her half-typed form is not.
 */
export function UpdatePrompt() {
  const [waiting, setWaiting] = useState(false);
  const [blockedByForm, setBlockedByForm] = useState(false);
  const [replaced, setReplaced] = useState(false);
  useEffect(() => onUpdateWaiting(() => setWaiting(true)), []);
  useEffect(() => onStorageReplaced(() => setReplaced(true)), []);
  if (replaced) {
    // Forms keep their input in drafts, so reloading loses nothing.
    return (
      <div class="update-prompt" role="alertdialog">
        <p>{t('storageReplaced')}</p>
        <button type="button" onClick={() => location.reload()}>
          {t('reload')}
        </button>
      </div>
    );
  }
  if (!waiting) return null;
  const update = () => {
    if (isAnyFormDirty()) {
      setBlockedByForm(true);
      return;
    }
    applyUpdate();
  };
  return (
    <div class="update-prompt" role="dialog" aria-live="polite">
      <p>{blockedByForm ? t('updateAfterForm') : t('updateReady')}</p>
      <div class="actions">
        <button type="button" onClick={update}>
          {t('updateNow')}
        </button>
        <button type="button" class="secondary" onClick={() => setWaiting(false)}>
          {t('updateLater')}
        </button>
      </div>
    </div>
  );
}
