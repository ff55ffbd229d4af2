/**
 * What the staff side needs beside staff-store.ts since migration 0004: desa-scoped accounts and the health each
 * phone reports with its pushes. Its own file (and adapters) so the staff store stays one job and one size.
 */

/** A phone's own account of itself, as the last push carried it (protocol/sync.ts DeviceHealthSchema). */
export interface DeviceHealthRow {
  deviceId: string;
  reportedAt: string;
  appVersion: string | null;
  pendingChanges: number | null;
  rejectedChanges: number | null;
  storageUsedBytes: number | null;
  storageQuotaBytes: number | null;
}

export interface StaffWorkStore {
  assignStaffDesas(staffId: string, villageCodes: readonly string[]): Promise<void>;
  listStaffDesaCodes(staffId: string): Promise<string[]>;
  /** The posyandu of one puskesmas whose village code is one of these. */
  listPosyanduIdsInDesas(puskesmasId: string, villageCodes: readonly string[]): Promise<string[]>;
  /** Each posyandu's last record seq (posyandus.last_seq), one query for the list cache's freshness check. */
  listPosyanduSeqs(puskesmasId: string): Promise<Map<string, number>>;
  saveDeviceHealth(row: DeviceHealthRow): Promise<void>;
  /** The latest report of each phone of a posyandu that ever sent one. */
  listDeviceHealth(posyanduId: string): Promise<DeviceHealthRow[]>;
}
