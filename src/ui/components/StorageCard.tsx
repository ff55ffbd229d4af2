import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { estimateStorage, type StorageEstimate } from '../../platform/storage-estimate.ts';
import { formatBytes } from '../format.ts';

/**
 * Storage used and whether the browser may clear it. The card has its full height before the estimate arrives
 * (styles.css, .storage-card), so the home screen does not shift when it does.
 */
export function StorageCard() {
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  useEffect(() => {
    void estimateStorage().then(setEstimate);
  }, []);
  return (
    <section class="card muted storage-card" aria-busy={estimate === null} data-testid="storage-card">
      {estimate && (
        <>
          <p>
            {t('storageUsed', {
              used: formatBytes(estimate.usedBytes),
              free: formatBytes(Math.max(0, estimate.quotaBytes - estimate.usedBytes)),
            })}
          </p>
          <p>{estimate.persisted ? t('storagePersisted') : t('storageNotPersisted')}</p>
        </>
      )}
    </section>
  );
}
