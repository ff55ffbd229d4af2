import type pg from 'pg';
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

/** Devices and enrollment codes on PostgreSQL; `inTransaction` runs work on one checked-out client. */
export function postgresDeviceQueries(
  pool: pg.Pool,
  inTransaction: <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>,
): DeviceQueries {
  return {
    async createDevice(row) {
      await pool.query(
        'INSERT INTO devices (id, posyandu_id, kader_id, kader_name, token_sha256, created_at, relay) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [row.id, row.posyanduId, row.kaderId, row.kaderName, row.tokenHash, row.createdAt, row.relay === true],
      );
    },
    async findDeviceByTokenHash(tokenHash) {
      const res = await pool.query<DeviceDbRow & { rotated: boolean }>(
        `SELECT ${DEVICE_COLUMNS}, next_token_sha256 IS NOT DISTINCT FROM $1 AS rotated FROM devices
         WHERE token_sha256 = $1 OR next_token_sha256 = $1`,
        [tokenHash],
      );
      const row = res.rows[0];
      if (!row) return null;
      if (row.rotated) {
        await pool.query(
          'UPDATE devices SET token_sha256 = next_token_sha256, next_token_sha256 = NULL WHERE id = $1 AND next_token_sha256 = $2',
          [row.id, tokenHash],
        );
      }
      return toDeviceRow(row);
    },
    async listDeviceCredentials(posyanduId) {
      const res = await pool.query<DeviceCredentialDbRow>(DEVICE_CREDENTIAL_SQL.replace('$posyandu', '$1'), [
        posyanduId,
      ]);
      return res.rows.map(toDeviceCredential);
    },
    async setNextToken(deviceId, tokenHash) {
      await pool.query('UPDATE devices SET next_token_sha256 = $1 WHERE id = $2', [tokenHash, deviceId]);
    },
    async revokeDevice(deviceId, at) {
      const res = await pool.query('UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
        at,
        deviceId,
      ]);
      return res.rowCount === 1;
    },
    async createEnrollmentCode(row) {
      await pool.query(
        `INSERT INTO enrollment_codes (code_sha256, posyandu_id, kader_id, kader_name, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [row.codeHash, row.posyanduId, row.kaderId, row.kaderName, row.createdAt, row.expiresAt],
      );
    },
    redeemEnrollmentCode: (codeHash, at, device) =>
      inTransaction(async (client) => {
        // The row lock of the UPDATE makes a code used by two phones at once go to exactly one of them.
        const res = await client.query<CodeDbRow>(
          `UPDATE enrollment_codes SET used_at = $1, device_id = $2
           WHERE code_sha256 = $3 AND used_at IS NULL AND expires_at > $1
           RETURNING posyandu_id, kader_id, kader_name`,
          [at, device.id, codeHash],
        );
        const code = res.rows[0];
        if (!code) return null;
        await client.query(
          'INSERT INTO devices (id, posyandu_id, kader_id, kader_name, token_sha256, created_at, single_phone) VALUES ($1, $2, $3, $4, $5, $6, TRUE)',
          [device.id, code.posyandu_id, code.kader_id, code.kader_name, device.tokenHash, at],
        );
        return toDeviceRow({ id: device.id, ...code, revoked_at: null, single_phone: true });
      }),
  };
}
