import type pg from 'pg';
import { VERSIONS_WITH_DATA } from './postgres-batch.ts';
import { type RecordRow, toStoredRecord } from './postgres-store.ts';
import type { DeviceSummary, PosyanduArea, StaffRole, StaffStore, StaffWithHash } from './staff-store.ts';
import type { VersionRow } from './store.ts';

/** pg returns TIMESTAMPTZ as Date; the services speak ISO strings, as SQLite stores them. */
function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function isoRequired(value: Date | string): string {
  return iso(value) ?? '';
}

interface StaffDbRow {
  id: string;
  puskesmas_id: string;
  name: string;
  username: string;
  role: StaffRole;
  password_hash: string;
  created_at: Date;
}

function toStaff(row: StaffDbRow): StaffWithHash {
  return {
    id: row.id,
    puskesmasId: row.puskesmas_id,
    name: row.name,
    username: row.username,
    role: row.role,
    passwordHash: row.password_hash,
    createdAt: isoRequired(row.created_at),
  };
}

interface AreaDbRow {
  desa: string | null;
  province_code: string | null;
  regency_code: string | null;
  district_code: string | null;
  village_code: string | null;
}

function toArea(row: AreaDbRow): PosyanduArea {
  return {
    desa: row.desa,
    provinceCode: row.province_code,
    regencyCode: row.regency_code,
    districtCode: row.district_code,
    villageCode: row.village_code,
  };
}

interface DeviceSummaryDbRow {
  id: string;
  posyandu_id: string;
  kader_id: string;
  kader_name: string;
  created_at: Date;
  revoked_at: Date | null;
  last_sync_at: Date | null;
}

function toDeviceSummary(row: DeviceSummaryDbRow): DeviceSummary {
  return {
    id: row.id,
    posyanduId: row.posyandu_id,
    kaderId: row.kader_id,
    kaderName: row.kader_name,
    createdAt: isoRequired(row.created_at),
    revokedAt: iso(row.revoked_at),
    lastSyncAt: iso(row.last_sync_at),
  };
}

const DEVICE_SUMMARY_SQL = `SELECT d.id, d.posyandu_id, d.kader_id, d.kader_name, d.created_at, d.revoked_at,
  (SELECT max(b.received_at) FROM sync_batches b WHERE b.posyandu_id = d.posyandu_id AND b.device_id = d.id) AS last_sync_at
  FROM devices d`;

interface VersionDbRow {
  table_name: string;
  record_id: string;
  posyandu_id: string;
  device_id: string;
  change_id: string;
  batch_id: string;
  op: 'upsert' | 'delete';
  hlc: string;
  data: Record<string, unknown>;
  fields: string[] | null;
  received_at: Date;
}

/** The staff side of the PostgreSQL adapter. */
export function postgresStaffStore(pool: pg.Pool): StaffStore {
  return {
    async listPuskesmas() {
      return (await pool.query<{ id: string; name: string }>('SELECT id, name FROM puskesmas ORDER BY name')).rows;
    },
    async countStaff() {
      return Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM staff')).rows[0]?.n ?? 0);
    },
    async createStaff(row, posyanduIds) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO staff (id, puskesmas_id, name, username, role, password_hash, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [row.id, row.puskesmasId, row.name, row.username, row.role, row.passwordHash, row.createdAt],
        );
        if (posyanduIds.length > 0) {
          await client.query('INSERT INTO staff_posyandus (staff_id, posyandu_id) SELECT $1, unnest($2::text[])', [
            row.id,
            posyanduIds,
          ]);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async findStaffByUsername(username) {
      const row = (await pool.query<StaffDbRow>('SELECT * FROM staff WHERE username = $1', [username])).rows[0];
      return row ? toStaff(row) : null;
    },
    async getStaff(id) {
      const row = (await pool.query<StaffDbRow>('SELECT * FROM staff WHERE id = $1', [id])).rows[0];
      if (!row) return null;
      const { passwordHash: _hash, ...staff } = toStaff(row);
      return staff;
    },
    async listStaffPosyanduIds(staffId) {
      const res = await pool.query<{ posyandu_id: string }>(
        'SELECT posyandu_id FROM staff_posyandus WHERE staff_id = $1',
        [staffId],
      );
      return res.rows.map((r) => r.posyandu_id);
    },
    async createSession(idHash, row) {
      await pool.query(
        'INSERT INTO staff_sessions (id_sha256, staff_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [idHash, row.staffId, row.csrfToken, row.createdAt, row.expiresAt],
      );
    },
    async findSession(idHash) {
      const res = await pool.query<{ staff_id: string; csrf_token: string; created_at: Date; expires_at: Date }>(
        'SELECT staff_id, csrf_token, created_at, expires_at FROM staff_sessions WHERE id_sha256 = $1',
        [idHash],
      );
      const row = res.rows[0];
      return row
        ? {
            staffId: row.staff_id,
            csrfToken: row.csrf_token,
            createdAt: isoRequired(row.created_at),
            expiresAt: isoRequired(row.expires_at),
          }
        : null;
    },
    async extendSession(idHash, expiresAt) {
      await pool.query('UPDATE staff_sessions SET expires_at = $1 WHERE id_sha256 = $2', [expiresAt, idHash]);
    },
    async deleteSession(idHash) {
      await pool.query('DELETE FROM staff_sessions WHERE id_sha256 = $1', [idHash]);
    },
    async insertAudit(row) {
      await pool.query(
        'INSERT INTO audit_log (at, staff_id, username, action, target, address) VALUES ($1, $2, $3, $4, $5, $6)',
        [row.at, row.staffId, row.username, row.action, row.target, row.address],
      );
    },
    async listAudit() {
      const res = await pool.query<{
        at: Date;
        staff_id: string | null;
        username: string | null;
        action: string;
        target: string | null;
        address: string | null;
      }>('SELECT at, staff_id, username, action, target, address FROM audit_log ORDER BY id');
      return res.rows.map((r) => ({
        at: isoRequired(r.at),
        staffId: r.staff_id,
        username: r.username,
        action: r.action,
        target: r.target,
        address: r.address,
      }));
    },
    async getPosyanduArea(id) {
      const res = await pool.query<AreaDbRow>(
        'SELECT desa, province_code, regency_code, district_code, village_code FROM posyandus WHERE id = $1',
        [id],
      );
      const row = res.rows[0];
      return row ? toArea(row) : null;
    },
    async updatePosyandu(id, { name, area: a, dusun }) {
      await pool.query(
        `UPDATE posyandus SET name = $1, desa = $2, province_code = $3, regency_code = $4, district_code = $5,
           village_code = $6, dusun = $7 WHERE id = $8`,
        [name, a.desa, a.provinceCode, a.regencyCode, a.districtCode, a.villageCode, JSON.stringify(dusun), id],
      );
    },
    async listPosyanduSummaries(puskesmasId) {
      const res = await pool.query<
        AreaDbRow & {
          id: string;
          name: string;
          puskesmas_id: string | null;
          households: string;
          persons: string;
          active_devices: string;
          last_sync_at: Date | null;
        }
      >(
        `SELECT p.id, p.name, p.puskesmas_id, p.desa, p.province_code, p.regency_code, p.district_code, p.village_code,
           (SELECT count(*) FROM records r WHERE r.posyandu_id = p.id AND r.table_name = 'households' AND NOT r.deleted) AS households,
           (SELECT count(*) FROM records r WHERE r.posyandu_id = p.id AND r.table_name = 'persons' AND NOT r.deleted) AS persons,
           (SELECT count(*) FROM devices d WHERE d.posyandu_id = p.id AND d.revoked_at IS NULL) AS active_devices,
           (SELECT max(b.received_at) FROM sync_batches b WHERE b.posyandu_id = p.id) AS last_sync_at
         FROM posyandus p WHERE p.puskesmas_id = $1 ORDER BY p.name, p.id`,
        [puskesmasId],
      );
      return res.rows.map((r) => ({
        id: r.id,
        name: r.name,
        puskesmasId: r.puskesmas_id,
        ...toArea(r),
        households: Number(r.households),
        persons: Number(r.persons),
        activeDevices: Number(r.active_devices),
        lastSyncAt: iso(r.last_sync_at),
      }));
    },
    async getDeviceSummary(id) {
      const row = (await pool.query<DeviceSummaryDbRow>(`${DEVICE_SUMMARY_SQL} WHERE d.id = $1`, [id])).rows[0];
      return row ? toDeviceSummary(row) : null;
    },
    async listDevices(posyanduId) {
      const res = await pool.query<DeviceSummaryDbRow>(
        `${DEVICE_SUMMARY_SQL} WHERE d.posyandu_id = $1 ORDER BY d.created_at, d.id`,
        [posyanduId],
      );
      return res.rows.map(toDeviceSummary);
    },
    async listCurrentRecords(posyanduId, table) {
      const res = await pool.query<RecordRow>(
        'SELECT * FROM records WHERE posyandu_id = $1 AND table_name = $2 AND NOT deleted ORDER BY seq',
        [posyanduId, table],
      );
      return res.rows.map(toStoredRecord);
    },
    async getRecord(table, id) {
      const res = await pool.query<RecordRow>('SELECT * FROM records WHERE table_name = $1 AND id = $2', [table, id]);
      const row = res.rows[0];
      return row ? toStoredRecord(row) : null;
    },
    async listPersonEvents(posyanduId, personId) {
      const res = await pool.query<RecordRow>(
        `SELECT * FROM records WHERE posyandu_id = $1 AND NOT deleted AND table_name <> 'persons'
           AND data->>'personId' = $2 ORDER BY seq`,
        [posyanduId, personId],
      );
      return res.rows.map(toStoredRecord);
    },
    async listVersions(table, recordId) {
      const res = await pool.query<VersionDbRow>(VERSIONS_WITH_DATA, [table, recordId]);
      return res.rows.map((v): VersionRow => ({
        table: v.table_name,
        recordId: v.record_id,
        posyanduId: v.posyandu_id,
        deviceId: v.device_id,
        changeId: v.change_id,
        batchId: v.batch_id,
        op: v.op,
        hlc: v.hlc,
        data: v.data,
        fields: v.fields,
        receivedAt: isoRequired(v.received_at),
      }));
    },
  };
}
