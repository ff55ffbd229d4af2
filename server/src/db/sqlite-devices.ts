import type Database from 'better-sqlite3';
import {
  DEVICE_COLUMNS,
  DEVICE_CREDENTIAL_SQL,
  toDeviceCredential,
  toDeviceRow,
  type DeviceCredentialDbRow,
  type DeviceDbRow,
  type Store,
} from './store.ts';

type DeviceQueries = Pick<
  Store,
  | 'createDevice'
  | 'findDeviceByTokenHash'
  | 'setNextToken'
  | 'revokeDevice'
  | 'listDeviceCredentials'
  | 'createEnrollmentCode'
  | 'redeemEnrollmentCode'
>;

interface CodeDbRow {
  posyandu_id: string;
  kader_id: string;
  kader_name: string;
}

/** Devices and enrollment codes on SQLite; `exclusive` is the store's one queue. */
export function sqliteDeviceQueries(
  db: Database.Database,
  exclusive: <T>(work: () => Promise<T> | T) => Promise<T>,
): DeviceQueries {
  return {
    createDevice: (row) =>
      exclusive(() => {
        db.prepare(
          'INSERT INTO devices (id, posyandu_id, kader_id, kader_name, token_sha256, created_at, relay) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(row.id, row.posyanduId, row.kaderId, row.kaderName, row.tokenHash, row.createdAt, row.relay ? 1 : 0);
      }),
    findDeviceByTokenHash: (tokenHash) =>
      exclusive(() => {
        const row = db
          .prepare<[{ hash: string }], DeviceDbRow & { rotated: number | null }>(
            `SELECT ${DEVICE_COLUMNS}, next_token_sha256 = @hash AS rotated FROM devices
             WHERE token_sha256 = @hash OR next_token_sha256 = @hash`,
          )
          .get({ hash: tokenHash });
        if (!row) return null;
        if (row.rotated === 1) {
          db.prepare('UPDATE devices SET token_sha256 = next_token_sha256, next_token_sha256 = NULL WHERE id = ?').run(
            row.id,
          );
        }
        return toDeviceRow(row);
      }),
    setNextToken: (deviceId, tokenHash) =>
      exclusive(() => {
        db.prepare('UPDATE devices SET next_token_sha256 = ? WHERE id = ?').run(tokenHash, deviceId);
      }),
    listDeviceCredentials: (posyanduId) =>
      exclusive(() =>
        db
          .prepare<[{ posyandu: string }], DeviceCredentialDbRow>(DEVICE_CREDENTIAL_SQL)
          .all({ posyandu: posyanduId })
          .map(toDeviceCredential),
      ),
    revokeDevice: (deviceId, at) =>
      exclusive(
        () =>
          db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, deviceId)
            .changes === 1,
      ),
    createEnrollmentCode: (row) =>
      exclusive(() => {
        db.prepare(
          `INSERT INTO enrollment_codes (code_sha256, posyandu_id, kader_id, kader_name, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(row.codeHash, row.posyanduId, row.kaderId, row.kaderName, row.createdAt, row.expiresAt);
      }),
    redeemEnrollmentCode: (codeHash, at, device) =>
      exclusive(() =>
        db.transaction(() => {
          const code = db
            .prepare<[string, string, string, string], CodeDbRow>(
              `UPDATE enrollment_codes SET used_at = ?, device_id = ?
               WHERE code_sha256 = ? AND used_at IS NULL AND expires_at > ?
               RETURNING posyandu_id, kader_id, kader_name`,
            )
            .get(at, device.id, codeHash, at);
          if (!code) return null;
          db.prepare(
            'INSERT INTO devices (id, posyandu_id, kader_id, kader_name, token_sha256, created_at, single_phone) VALUES (?, ?, ?, ?, ?, ?, 1)',
          ).run(device.id, code.posyandu_id, code.kader_id, code.kader_name, device.tokenHash, at);
          return toDeviceRow({ id: device.id, ...code, revoked_at: null, single_phone: true });
        })(),
      ),
  };
}
