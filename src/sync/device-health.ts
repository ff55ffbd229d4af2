import type { DeviceHealth } from '../../protocol/sync.ts';
import { estimateStorage } from '../platform/storage-estimate.ts';
import type { Storage } from '../storage/index.ts';

/**
 * What the phone tells the puskesmas about itself with each push: the counts storage keeps anyway (one read)
 * and the browser's storage estimate. Never fails a push: a count it cannot read is left out.
 */
export async function deviceHealth(
  storage: Storage,
  appVersion: string | undefined,
  /** Changes in the batch this report travels with: if it lands, they no longer wait. */
  inFlight = 0,
): Promise<DeviceHealth> {
  const [counts, estimate] = await Promise.all([
    storage.syncCounts().catch(() => undefined),
    estimateStorage().catch(() => undefined),
  ]);
  return {
    ...(appVersion ? { appVersion: appVersion.slice(0, 40) } : {}),
    ...(counts ? { pendingChanges: Math.max(0, counts.pending - inFlight), rejectedChanges: counts.rejected } : {}),
    ...(estimate && estimate.quotaBytes > 0
      ? { storageUsedBytes: Math.round(estimate.usedBytes), storageQuotaBytes: Math.round(estimate.quotaBytes) }
      : {}),
  };
}
