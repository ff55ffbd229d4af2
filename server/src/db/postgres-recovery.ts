import type pg from 'pg';
import { toDeviceRecoveryRow, type DeviceRecoveryDbRow, type RecoveryStore } from './recovery-store.ts';

/** device_recovery on PostgreSQL: single statements, so the pool is enough. */
export function postgresRecoveryQueries(pool: pg.Pool): RecoveryStore {
  return {
    async saveDeviceRecovery(row) {
      await pool.query(
        `INSERT INTO device_recovery (device_id, key_id, recovery_id, ciphertext, received_at, revealed_at)
         VALUES ($1, $2, $3, $4, $5, NULL)
         ON CONFLICT (device_id) DO UPDATE SET key_id = EXCLUDED.key_id, recovery_id = EXCLUDED.recovery_id,
           ciphertext = EXCLUDED.ciphertext, received_at = EXCLUDED.received_at, revealed_at = NULL`,
        [row.deviceId, row.keyId, row.recoveryId, row.ciphertext, row.receivedAt],
      );
    },
    async getDeviceRecovery(deviceId) {
      const res = await pool.query<DeviceRecoveryDbRow>('SELECT * FROM device_recovery WHERE device_id = $1', [
        deviceId,
      ]);
      const row = res.rows[0];
      return row ? toDeviceRecoveryRow(row) : null;
    },
    async markRecoveryRevealed(deviceId, at) {
      await pool.query('UPDATE device_recovery SET revealed_at = $1 WHERE device_id = $2', [at, deviceId]);
    },
  };
}
