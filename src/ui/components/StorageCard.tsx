import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { estimateStorage, type StorageEstimate } from '../../platform/storage-estimate.ts';
import { formatBytes } from '../format.ts';

export function StorageCard() {
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  useEffect(() => {
    void estimateStorage().then(setEstimate);
  }, []);
  if (!estimate) return null;
  return (
    <section class="card muted" data-testid="storage-card">
      <p>
        {t('storageUsed', {
          used: formatBytes(estimate.usedBytes),
          free: formatBytes(Math.max(0, estimate.quotaBytes - estimate.usedBytes)),
        })}
      </p>
      <p>{estimate.persisted ? t('storagePersisted') : t('storageNotPersisted')}</p>
    </section>
  );
}
