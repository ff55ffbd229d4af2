import type Database from 'better-sqlite3';
import type { DeviceHealthRow, StaffWorkStore } from './staff-work-store.ts';

interface HealthDbRow {
  device_id: string;
  reported_at: string;
  app_version: string | null;
  pending_changes: number | null;
  rejected_changes: number | null;
  storage_used_bytes: number | null;
  storage_quota_bytes: number | null;
}

export function toDeviceHealth(row: HealthDbRow): DeviceHealthRow {
  return {
    deviceId: row.device_id,
    reportedAt: row.reported_at,
    appVersion: row.app_version,
    pendingChanges: row.pending_changes,
    rejectedChanges: row.rejected_changes,
    storageUsedBytes: row.storage_used_bytes === null ? null : Number(row.storage_used_bytes),
    storageQuotaBytes: row.storage_quota_bytes === null ? null : Number(row.storage_quota_bytes),
  };
}

/** The 0004 part of the SQLite adapter, through the adapter's one queue like the rest. */
export function sqliteStaffWorkStore(
  db: Database.Database,
  exclusive: <T>(work: () => T | Promise<T>) => Promise<T>,
): StaffWorkStore {
  return {
    assignStaffDesas: (staffId, villageCodes) =>
      exclusive(() => {
        const insert = db.prepare('INSERT OR IGNORE INTO staff_desas (staff_id, village_code) VALUES (?, ?)');
        db.transaction(() => villageCodes.forEach((code) => insert.run(staffId, code)))();
      }),
    listStaffDesaCodes: (staffId) =>
      exclusive(() =>
        db
          .prepare<[string], { village_code: string }>('SELECT village_code FROM staff_desas WHERE staff_id = ?')
          .all(staffId)
          .map((r) => r.village_code),
      ),
    listPosyanduIdsInDesas: (puskesmasId, villageCodes) =>
      exclusive(() => {
        if (villageCodes.length === 0) return [];
        const marks = villageCodes.map(() => '?').join(', ');
        return db
          .prepare<string[], { id: string }>(
            `SELECT id FROM posyandus WHERE puskesmas_id = ? AND village_code IN (${marks})`,
          )
          .all(puskesmasId, ...villageCodes)
          .map((r) => r.id);
      }),
    listPosyanduSeqs: (puskesmasId) =>
      exclusive(
        () =>
          new Map(
            db
              .prepare<[string], { id: string; last_seq: number }>(
                'SELECT id, last_seq FROM posyandus WHERE puskesmas_id = ?',
              )
              .all(puskesmasId)
              .map((r) => [r.id, Number(r.last_seq)]),
          ),
      ),
    saveDeviceHealth: (row) =>
      exclusive(() => {
        db.prepare(
          `INSERT INTO device_health (device_id, reported_at, app_version, pending_changes, rejected_changes,
             storage_used_bytes, storage_quota_bytes) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (device_id) DO UPDATE SET reported_at = excluded.reported_at,
             app_version = excluded.app_version, pending_changes = excluded.pending_changes,
             rejected_changes = excluded.rejected_changes, storage_used_bytes = excluded.storage_used_bytes,
             storage_quota_bytes = excluded.storage_quota_bytes`,
        ).run(
          row.deviceId,
          row.reportedAt,
          row.appVersion,
          row.pendingChanges,
          row.rejectedChanges,
          row.storageUsedBytes,
          row.storageQuotaBytes,
        );
      }),
    listDeviceHealth: (posyanduId) =>
      exclusive(() =>
        db
          .prepare<[string], HealthDbRow>(
            `SELECT h.* FROM device_health h JOIN devices d ON d.id = h.device_id WHERE d.posyandu_id = ?`,
          )
          .all(posyanduId)
          .map(toDeviceHealth),
      ),
  };
}
