import type Database from 'better-sqlite3';
import { toDeviceRecoveryRow, type DeviceRecoveryDbRow, type RecoveryStore } from './recovery-store.ts';

/** device_recovery on SQLite; `exclusive` is the store's one queue. */
export function sqliteRecoveryQueries(
  db: Database.Database,
  exclusive: <T>(work: () => Promise<T> | T) => Promise<T>,
): RecoveryStore {
  return {
    saveDeviceRecovery: (row) =>
      exclusive(() => {
        db.prepare(
          `INSERT INTO device_recovery (device_id, key_id, recovery_id, ciphertext, received_at, revealed_at)
           VALUES (?, ?, ?, ?, ?, NULL)
           ON CONFLICT (device_id) DO UPDATE SET key_id = excluded.key_id, recovery_id = excluded.recovery_id,
             ciphertext = excluded.ciphertext, received_at = excluded.received_at, revealed_at = NULL`,
        ).run(row.deviceId, row.keyId, row.recoveryId, row.ciphertext, row.receivedAt);
      }),
    getDeviceRecovery: (deviceId) =>
      exclusive(() => {
        const row = db
          .prepare<[string], DeviceRecoveryDbRow>('SELECT * FROM device_recovery WHERE device_id = ?')
          .get(deviceId);
        return row ? toDeviceRecoveryRow(row) : null;
      }),
    markRecoveryRevealed: (deviceId, at) =>
      exclusive(() => {
        db.prepare('UPDATE device_recovery SET revealed_at = ? WHERE device_id = ?').run(at, deviceId);
      }),
  };
}
