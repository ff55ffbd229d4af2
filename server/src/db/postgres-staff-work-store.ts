import type pg from 'pg';
import type { DeviceHealthRow, StaffWorkStore } from './staff-work-store.ts';

interface HealthDbRow {
  device_id: string;
  reported_at: Date;
  app_version: string | null;
  pending_changes: number | null;
  rejected_changes: number | null;
  // BIGINT arrives as a string from pg.
  storage_used_bytes: string | null;
  storage_quota_bytes: string | null;
}

function toDeviceHealth(row: HealthDbRow): DeviceHealthRow {
  return {
    deviceId: row.device_id,
    reportedAt: new Date(row.reported_at).toISOString(),
    appVersion: row.app_version,
    pendingChanges: row.pending_changes,
    rejectedChanges: row.rejected_changes,
    storageUsedBytes: row.storage_used_bytes === null ? null : Number(row.storage_used_bytes),
    storageQuotaBytes: row.storage_quota_bytes === null ? null : Number(row.storage_quota_bytes),
  };
}

/** The 0004 part of the PostgreSQL adapter. */
export function postgresStaffWorkStore(pool: pg.Pool): StaffWorkStore {
  return {
    async assignStaffDesas(staffId, villageCodes) {
      if (villageCodes.length === 0) return;
      await pool.query(
        `INSERT INTO staff_desas (staff_id, village_code) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
        [staffId, [...villageCodes]],
      );
    },
    async listStaffDesaCodes(staffId) {
      const res = await pool.query<{ village_code: string }>(
        'SELECT village_code FROM staff_desas WHERE staff_id = $1',
        [staffId],
      );
      return res.rows.map((r) => r.village_code);
    },
    async listPosyanduIdsInDesas(puskesmasId, villageCodes) {
      if (villageCodes.length === 0) return [];
      const res = await pool.query<{ id: string }>(
        'SELECT id FROM posyandus WHERE puskesmas_id = $1 AND village_code = ANY($2::text[])',
        [puskesmasId, [...villageCodes]],
      );
      return res.rows.map((r) => r.id);
    },
    async listPosyanduSeqs(puskesmasId) {
      const res = await pool.query<{ id: string; last_seq: string }>(
        'SELECT id, last_seq FROM posyandus WHERE puskesmas_id = $1',
        [puskesmasId],
      );
      return new Map(res.rows.map((r) => [r.id, Number(r.last_seq)]));
    },
    async saveDeviceHealth(row) {
      await pool.query(
        `INSERT INTO device_health (device_id, reported_at, app_version, pending_changes, rejected_changes,
           storage_used_bytes, storage_quota_bytes) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (device_id) DO UPDATE SET reported_at = excluded.reported_at,
           app_version = excluded.app_version, pending_changes = excluded.pending_changes,
           rejected_changes = excluded.rejected_changes, storage_used_bytes = excluded.storage_used_bytes,
           storage_quota_bytes = excluded.storage_quota_bytes`,
        [
          row.deviceId,
          row.reportedAt,
          row.appVersion,
          row.pendingChanges,
          row.rejectedChanges,
          row.storageUsedBytes,
          row.storageQuotaBytes,
        ],
      );
    },
    async listDeviceHealth(posyanduId) {
      const res = await pool.query<HealthDbRow>(
        'SELECT h.* FROM device_health h JOIN devices d ON d.id = h.device_id WHERE d.posyandu_id = $1',
        [posyanduId],
      );
      return res.rows.map(toDeviceHealth);
    },
  };
}
