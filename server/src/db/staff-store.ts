/**
 * What the puskesmas staff side needs from a database, beside sync. Both adapters implement it (their
 * sqlite-staff-store.ts and postgres-staff-store.ts), and the same staff suites run on both.
 */
import type { StoredRecord, VersionRow } from './store.ts';

export const STAFF_ROLES = ['admin', 'staff', 'read-only'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffRow {
  id: string;
  puskesmasId: string;
  name: string;
  username: string;
  role: StaffRole;
  createdAt: string;
}

export interface StaffWithHash extends StaffRow {
  passwordHash: string;
}

export interface SessionRow {
  staffId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface AuditRow {
  at: string;
  staffId: string | null;
  username: string | null;
  action: string;
  target: string | null;
  address: string | null;
}

/** The desa a posyandu serves and its Kemendagri codes (2, 4, 6 and 10 digits). */
export interface PosyanduArea {
  desa: string | null;
  provinceCode: string | null;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
}

export interface PosyanduSummary extends PosyanduArea {
  id: string;
  name: string;
  puskesmasId: string | null;
  households: number;
  persons: number;
  activeDevices: number;
  lastSyncAt: string | null;
}

export interface DeviceSummary {
  id: string;
  posyanduId: string;
  kaderId: string;
  kaderName: string;
  createdAt: string;
  revokedAt: string | null;
  /** When the server last received a batch from this phone. */
  lastSyncAt: string | null;
}

export interface StaffStore {
  listPuskesmas(): Promise<{ id: string; name: string }[]>;
  countStaff(): Promise<number>;
  createStaff(row: StaffWithHash, posyanduIds: readonly string[]): Promise<void>;
  findStaffByUsername(username: string): Promise<StaffWithHash | null>;
  getStaff(id: string): Promise<StaffRow | null>;
  listStaffPosyanduIds(staffId: string): Promise<string[]>;
  createSession(idHash: string, row: SessionRow): Promise<void>;
  findSession(idHash: string): Promise<SessionRow | null>;
  extendSession(idHash: string, expiresAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  insertAudit(row: AuditRow): Promise<void>;
  /** Oldest first. */
  listAudit(): Promise<AuditRow[]>;
  getPosyanduArea(id: string): Promise<PosyanduArea | null>;
  /** Staff corrected a posyandu: its name, desa and codes, and its dusun list, in one write. */
  updatePosyandu(id: string, change: { name: string; area: PosyanduArea; dusun: readonly string[] }): Promise<void>;
  listPosyanduSummaries(puskesmasId: string): Promise<PosyanduSummary[]>;
  getDeviceSummary(id: string): Promise<DeviceSummary | null>;
  listDevices(posyanduId: string): Promise<DeviceSummary[]>;
  /** Revoking a device is the device store's (Store.revokeDevice): one place sets revoked_at. */
  /** Current, not deleted, records of one table of one posyandu. */
  listCurrentRecords(posyanduId: string, table: string): Promise<StoredRecord[]>;
  getRecord(table: string, id: string): Promise<StoredRecord | null>;
  /** Every current event record (any table) that names this person. */
  listPersonEvents(posyanduId: string, personId: string): Promise<StoredRecord[]>;
  /** Every version received of one record, in arrival order. */
  listVersions(table: string, recordId: string): Promise<VersionRow[]>;
}
