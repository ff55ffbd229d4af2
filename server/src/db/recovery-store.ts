/** A phone's recovery code R, encrypted to the puskesmas recovery key (migration 0006, docs/security.md). */
export interface DeviceRecoveryRow {
  deviceId: string;
  keyId: string;
  recoveryId: string;
  /** RSA-OAEP-256 ciphertext of R, base64url. */
  ciphertext: string;
  receivedAt: string;
  revealedAt: string | null;
}

export interface RecoveryStore {
  /** Inserts or replaces the device's row (a rotated R replaces the spent one); `revealedAt` starts empty. */
  saveDeviceRecovery(row: Omit<DeviceRecoveryRow, 'revealedAt'>): Promise<void>;
  getDeviceRecovery(deviceId: string): Promise<DeviceRecoveryRow | null>;
  markRecoveryRevealed(deviceId: string, at: string): Promise<void>;
}

export interface DeviceRecoveryDbRow {
  device_id: string;
  key_id: string;
  recovery_id: string;
  ciphertext: string;
  received_at: string | Date;
  revealed_at: string | Date | null;
}

export function toDeviceRecoveryRow(row: DeviceRecoveryDbRow): DeviceRecoveryRow {
  const iso = (v: string | Date) => (v instanceof Date ? v.toISOString() : v);
  return {
    deviceId: row.device_id,
    keyId: row.key_id,
    recoveryId: row.recovery_id,
    ciphertext: row.ciphertext,
    receivedAt: iso(row.received_at),
    revealedAt: row.revealed_at === null ? null : iso(row.revealed_at),
  };
}
