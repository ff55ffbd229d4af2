/**
 * What the services need from a database. Two adapters implement it (SQLite, PostgreSQL); the services hold all
 * sync rules, so both databases behave the same by construction and the same test suite proves it.
 */
import type { PosyanduArea, StaffStore } from './staff-store.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface PosyanduRow {
  id: string;
  name: string;
  puskesmasId: string | null;
  /** Set when the posyandu was created with its desa (from the staff app). */
  area?: PosyanduArea;
}

export interface DeviceRow {
  id: string;
  posyanduId: string;
  kaderId: string;
  kaderName: string;
}

/** The merged current state of one record, as kept between batches. */
export interface StoredRecord {
  table: string;
  id: string;
  posyanduId: string;
  /** Per-posyandu server sequence; a pull returns records whose seq is above the cursor. */
  seq: number;
  hlc: string;
  deleted: boolean;
  data: Record<string, unknown>;
  /** Per-field HLC stamps of mutable records (empty for events). */
  fieldHlc: Record<string, string>;
}

/** Every change received, winning or not: the server keeps every version. */
export interface VersionRow {
  table: string;
  recordId: string;
  posyanduId: string;
  deviceId: string;
  changeId: string;
  batchId: string;
  op: 'upsert' | 'delete';
  hlc: string;
  data: Record<string, unknown>;
  fields: string[] | null;
  receivedAt: string;
}

export interface AppliedChangeRow {
  deviceId: string;
  changeId: string;
  batchId: string;
  table: string;
  recordId: string;
}

/** Operations inside one batch's transaction. Bulk by design: one call per kind of write per batch. */
export interface StoreTx {
  /** Locks the posyandu for this transaction (batches of one posyandu apply one after another) and returns its last seq. */
  lockPosyandu(posyanduId: string): Promise<number>;
  setPosyanduSeq(posyanduId: string, seq: number): Promise<void>;
  findBatchResponse(deviceId: string, batchId: string): Promise<string | null>;
  saveBatchResponse(deviceId: string, batchId: string, responseJson: string, receivedAt: string): Promise<void>;
  findAppliedChangeIds(deviceId: string, changeIds: readonly string[]): Promise<Set<string>>;
  loadRecords(keys: readonly { table: string; id: string }[]): Promise<Map<string, StoredRecord>>;
  saveRecords(records: readonly StoredRecord[]): Promise<void>;
  insertVersions(versions: readonly VersionRow[]): Promise<void>;
  insertAppliedChanges(changes: readonly AppliedChangeRow[]): Promise<void>;
}

export interface Store extends StaffStore {
  readonly dialect: Dialect;
  migrate(): Promise<string[]>;
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  createPuskesmas(row: { id: string; name: string }): Promise<void>;
  createPosyandu(row: PosyanduRow): Promise<void>;
  getPosyandu(id: string): Promise<PosyanduRow | null>;
  countPosyandus(): Promise<number>;
  createDevice(row: DeviceRow & { tokenHash: string; createdAt: string }): Promise<void>;
  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRow | null>;
  /** Current records of one posyandu with seq above `afterSeq`, in seq order. */
  listRecordsAfter(posyanduId: string, afterSeq: number, limit: number): Promise<StoredRecord[]>;
  /** How many records of the posyandu changed after `afterSeq` (what a pull from there has still to scan). */
  countRecordsAfter(posyanduId: string, afterSeq: number): Promise<number>;
  countVersions(table: string, recordId: string): Promise<number>;
  close(): Promise<void>;
}

export function recordKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

/** A devices row as both dialects return it (snake_case columns). */
export interface DeviceDbRow {
  id: string;
  posyandu_id: string;
  kader_id: string;
  kader_name: string;
}

export function toDeviceRow(row: DeviceDbRow): DeviceRow {
  return { id: row.id, posyanduId: row.posyandu_id, kaderId: row.kader_id, kaderName: row.kader_name };
}
