import type Database from 'better-sqlite3';
import type { AuditRow, DeviceSummary, PosyanduArea, StaffRole, StaffStore, StaffWithHash } from './staff-store.ts';
import { type RecordRow, toStoredRecord } from './sqlite-store.ts';
import { type SqliteVersionDbRow, toSqliteVersionRow, VERSION_COLUMNS, VERSIONS_JOINED } from './sqlite-versions.ts';

interface StaffDbRow {
  id: string;
  puskesmas_id: string;
  name: string;
  username: string;
  role: StaffRole;
  password_hash: string;
  created_at: string;
}

function toStaff(row: StaffDbRow): StaffWithHash {
  return {
    id: row.id,
    puskesmasId: row.puskesmas_id,
    name: row.name,
    username: row.username,
    role: row.role,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

interface AreaDbRow {
  desa: string | null;
  province_code: string | null;
  regency_code: string | null;
  district_code: string | null;
  village_code: string | null;
}

export function toArea(row: AreaDbRow): PosyanduArea {
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
  created_at: string;
  revoked_at: string | null;
  last_sync_at: string | null;
}

function toDeviceSummary(row: DeviceSummaryDbRow): DeviceSummary {
  return {
    id: row.id,
    posyanduId: row.posyandu_id,
    kaderId: row.kader_id,
    kaderName: row.kader_name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastSyncAt: row.last_sync_at,
  };
}

const DEVICE_SUMMARY_SQL = `SELECT d.id, d.posyandu_id, d.kader_id, d.kader_name, d.created_at, d.revoked_at,
  (SELECT max(b.received_at) FROM sync_batches b WHERE b.device_id = d.id) AS last_sync_at FROM devices d`;

/**
 * The staff side of the SQLite adapter; every call goes through the adapter's one queue, like sync's. Without
 * ANALYZE statistics SQLite reads "one table of one posyandu" through the primary key (every posyandu's rows of
 * that table): `INDEXED BY` holds it to the (posyandu_id, table_name) index, 8 s to 0.1 s for 30 posyandu.
 */
export function sqliteStaffStore(
  db: Database.Database,
  exclusive: <T>(work: () => T | Promise<T>) => Promise<T>,
): StaffStore {
  return {
    listPuskesmas: () =>
      exclusive(() =>
        db.prepare<[], { id: string; name: string }>('SELECT id, name FROM puskesmas ORDER BY name').all(),
      ),
    countStaff: () => exclusive(() => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM staff').get()?.n ?? 0),
    createStaff: (row, posyanduIds) =>
      exclusive(() => {
        db.transaction(() => {
          db.prepare(
            `INSERT INTO staff (id, puskesmas_id, name, username, role, password_hash, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          ).run(row.id, row.puskesmasId, row.name, row.username, row.role, row.passwordHash, row.createdAt);
          const link = db.prepare('INSERT INTO staff_posyandus (staff_id, posyandu_id) VALUES (?, ?)');
          for (const posyanduId of posyanduIds) link.run(row.id, posyanduId);
        })();
      }),
    findStaffByUsername: (username) =>
      exclusive(() => {
        const row = db.prepare<[string], StaffDbRow>('SELECT * FROM staff WHERE username = ?').get(username);
        return row ? toStaff(row) : null;
      }),
    getStaff: (id) =>
      exclusive(() => {
        const row = db.prepare<[string], StaffDbRow>('SELECT * FROM staff WHERE id = ?').get(id);
        if (!row) return null;
        const { passwordHash: _hash, ...staff } = toStaff(row);
        return staff;
      }),
    listStaffPosyanduIds: (staffId) =>
      exclusive(() =>
        db
          .prepare<[string], { posyandu_id: string }>('SELECT posyandu_id FROM staff_posyandus WHERE staff_id = ?')
          .all(staffId)
          .map((r) => r.posyandu_id),
      ),
    createSession: (idHash, row) =>
      exclusive(() => {
        db.prepare(
          'INSERT INTO staff_sessions (id_sha256, staff_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        ).run(idHash, row.staffId, row.csrfToken, row.createdAt, row.expiresAt);
      }),
    findSession: (idHash) =>
      exclusive(() => {
        const row = db
          .prepare<[string], { staff_id: string; csrf_token: string; created_at: string; expires_at: string }>(
            'SELECT staff_id, csrf_token, created_at, expires_at FROM staff_sessions WHERE id_sha256 = ?',
          )
          .get(idHash);
        return row
          ? { staffId: row.staff_id, csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: row.expires_at }
          : null;
      }),
    extendSession: (idHash, expiresAt) =>
      exclusive(() => {
        db.prepare('UPDATE staff_sessions SET expires_at = ? WHERE id_sha256 = ?').run(expiresAt, idHash);
      }),
    deleteSession: (idHash) =>
      exclusive(() => {
        db.prepare('DELETE FROM staff_sessions WHERE id_sha256 = ?').run(idHash);
      }),
    insertAudit: (row: AuditRow) =>
      exclusive(() => {
        db.prepare(
          'INSERT INTO audit_log (at, staff_id, username, action, target, address) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(row.at, row.staffId, row.username, row.action, row.target, row.address);
      }),
    listAudit: () =>
      exclusive(() =>
        db
          .prepare<
            [],
            {
              at: string;
              staff_id: string | null;
              username: string | null;
              action: string;
              target: string | null;
              address: string | null;
            }
          >('SELECT at, staff_id, username, action, target, address FROM audit_log ORDER BY id')
          .all()
          .map((r) => ({
            at: r.at,
            staffId: r.staff_id,
            username: r.username,
            action: r.action,
            target: r.target,
            address: r.address,
          })),
      ),
    getPosyanduArea: (id) =>
      exclusive(() => {
        const row = db
          .prepare<[string], AreaDbRow>(
            'SELECT desa, province_code, regency_code, district_code, village_code FROM posyandus WHERE id = ?',
          )
          .get(id);
        return row ? toArea(row) : null;
      }),
    updatePosyandu: (id, { name, area: a, dusun }) =>
      exclusive(() => {
        db.prepare(
          `UPDATE posyandus SET name = ?, desa = ?, province_code = ?, regency_code = ?, district_code = ?,
             village_code = ?, dusun = ? WHERE id = ?`,
        ).run(name, a.desa, a.provinceCode, a.regencyCode, a.districtCode, a.villageCode, JSON.stringify(dusun), id);
      }),
    listPosyanduSummaries: (puskesmasId) =>
      exclusive(() =>
        db
          .prepare<
            [string],
            AreaDbRow & {
              id: string;
              name: string;
              puskesmas_id: string | null;
              households: number;
              persons: number;
              active_devices: number;
              last_sync_at: string | null;
            }
          >(
            `SELECT p.id, p.name, p.puskesmas_id, p.desa, p.province_code, p.regency_code, p.district_code, p.village_code,
               (SELECT count(*) FROM records r INDEXED BY records_posyandu_table WHERE r.posyandu_id = p.id AND r.table_name = 'households' AND r.deleted = 0) AS households,
               (SELECT count(*) FROM records r INDEXED BY records_posyandu_table WHERE r.posyandu_id = p.id AND r.table_name = 'persons' AND r.deleted = 0) AS persons,
               (SELECT count(*) FROM devices d WHERE d.posyandu_id = p.id AND d.revoked_at IS NULL) AS active_devices,
               (SELECT max(b.received_at) FROM sync_batches b JOIN devices d ON d.id = b.device_id WHERE d.posyandu_id = p.id) AS last_sync_at
             FROM posyandus p WHERE p.puskesmas_id = ? ORDER BY p.name, p.id`,
          )
          .all(puskesmasId)
          .map((r) => ({
            id: r.id,
            name: r.name,
            puskesmasId: r.puskesmas_id,
            ...toArea(r),
            households: r.households,
            persons: r.persons,
            activeDevices: r.active_devices,
            lastSyncAt: r.last_sync_at,
          })),
      ),
    getDeviceSummary: (id) =>
      exclusive(() => {
        const row = db.prepare<[string], DeviceSummaryDbRow>(`${DEVICE_SUMMARY_SQL} WHERE d.id = ?`).get(id);
        return row ? toDeviceSummary(row) : null;
      }),
    listDevices: (posyanduId) =>
      exclusive(() =>
        db
          .prepare<[string], DeviceSummaryDbRow>(
            `${DEVICE_SUMMARY_SQL} WHERE d.posyandu_id = ? ORDER BY d.created_at, d.id`,
          )
          .all(posyanduId)
          .map(toDeviceSummary),
      ),
    listCurrentRecords: (posyanduId, table) =>
      exclusive(() =>
        db
          .prepare<[string, string], RecordRow>(
            'SELECT * FROM records INDEXED BY records_posyandu_table WHERE posyandu_id = ? AND table_name = ? AND deleted = 0 ORDER BY seq',
          )
          .all(posyanduId, table)
          .map(toStoredRecord),
      ),
    getRecord: (table, id) =>
      exclusive(() => {
        const row = db
          .prepare<[string, string], RecordRow>('SELECT * FROM records WHERE table_name = ? AND id = ?')
          .get(table, id);
        return row ? toStoredRecord(row) : null;
      }),
    listPersonEvents: (posyanduId, personId) =>
      exclusive(() =>
        db
          .prepare<[string, string], RecordRow>(
            `SELECT * FROM records WHERE posyandu_id = ? AND deleted = 0 AND table_name <> 'persons'
               AND json_extract(data, '$.personId') = ? ORDER BY seq`,
          )
          .all(posyanduId, personId)
          .map(toStoredRecord),
      ),
    listVersions: (table, recordId) =>
      exclusive(() =>
        db
          .prepare<[string, string], SqliteVersionDbRow>(
            `SELECT ${VERSION_COLUMNS} FROM ${VERSIONS_JOINED} WHERE v.table_name = ? AND v.record_id = ?
             ORDER BY v.version_id`,
          )
          .all(table, recordId)
          .map(toSqliteVersionRow),
      ),
  };
}
