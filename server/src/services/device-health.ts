import { DeviceHealthSchema } from '../../../protocol/index.ts';
import type { DeviceHealthRow } from '../db/staff-work-store.ts';
import type { Store } from '../db/store.ts';

/**
 * Keeps the health report a push carried (protocol/sync.ts DeviceHealthSchema), stamped with the server's time.
 * A push without one (an older app) leaves the last report as it was; a malformed one is ignored: it is advice
 * for the devices tab and must never cost the kader her batch.
 */
export async function recordDeviceHealth(store: Store, deviceId: string, report: unknown, now: Date): Promise<void> {
  if (report === undefined) return;
  const parsed = DeviceHealthSchema.safeParse(report);
  if (!parsed.success) return;
  const h = parsed.data;
  const row: DeviceHealthRow = {
    deviceId,
    reportedAt: now.toISOString(),
    appVersion: h.appVersion ?? null,
    pendingChanges: h.pendingChanges ?? null,
    rejectedChanges: h.rejectedChanges ?? null,
    storageUsedBytes: h.storageUsedBytes ?? null,
    storageQuotaBytes: h.storageQuotaBytes ?? null,
  };
  await store.saveDeviceHealth(row);
}
