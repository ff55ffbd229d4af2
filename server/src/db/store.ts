/**
 * What the services need from a database. Two adapters implement it (SQLite, PostgreSQL); the services hold all
 * sync rules, so both databases behave the same by construction and the same test suite proves it.
 */
import type { PosyanduArea, StaffStore } from './staff-store.ts';
import type { StaffWorkStore } from './staff-work-store.ts';
import type { RecoveryStore } from './recovery-store.ts';
import type { JudgementStore } from './judgement-store.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface PosyanduRow {
  id: string;
  name: string;
  puskesmasId: string | null;
  /** Set when the posyandu was created with its desa (from the staff app). */
  area?: PosyanduArea;
  /** The dusun of its desa, as staff keep them (migration 0009); empty when none were given. */
  dusun?: string[];
}

/** The posyandus.dusun column (a JSON array of names) as a list; anything else in it reads as none. */
export function dusunOf(column: string | null | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(column ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

/** The posyandus table's area columns, as both dialects return them. */
export interface AreaColumns {
  desa: string | null;
  province_code: string | null;
  regency_code: string | null;
  district_code: string | null;
  village_code: string | null;
}

export function areaOf(row: AreaColumns): PosyanduArea {
  return {
    desa: row.desa,
    provinceCode: row.province_code,
    regencyCode: row.regency_code,
    districtCode: row.district_code,
    villageCode: row.village_code,
  };
}

export interface DeviceRow {
  id: string;
  posyanduId: string;
  kaderId: string;
  kaderName: string;
  /** Set once the puskesmas revoked the device: its token no longer opens anything. */
  revokedAt?: string | null;
  /** Made by exchanging a one-time code, so exactly one phone holds it (an offline code may be on several). */
  singlePhone?: boolean;
  /** A pustu relay: may push on behalf of the phones of its posyandu and pulls field stamps (docs/scaling.md). */
  relay?: boolean;
}

/** What a relay needs to let the phones of its posyandu in while the puskesmas is out of reach: hashes only. */
export interface DeviceCredentialRow {
  id: string;
  kaderId: string;
  kaderName: string;
  tokenSha256: string;
  nextTokenSha256: string | null;
  revokedAt: string | null;
  singlePhone: boolean;
  createdAt: string;
}

/** A one-time enrollment code as stored: only its SHA-256, like a token. */
export interface EnrollmentCodeRow {
  codeHash: string;
  posyanduId: string;
  kaderId: string;
  kaderName: string;
  createdAt: string;
  expiresAt: string;
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

/** What a push needs to know before it applies anything, read after the posyandu's lock (StoreTx.readBatchState). */
export interface BatchState {
  /** The answer stored for this batch id, when the batch was seen before. */
  previousResponse: string | null;
  /** The change ids of the batch this device has had applied before (their version rows: migration 0012). */
  applied: Set<string>;
  /** The current records the batch's changes touch, by recordKey. */
  loaded: Map<string, StoredRecord>;
}

/** Everything one push writes, handed over at once (StoreTx.writeBatch). */
export interface BatchWrites {
  posyanduId: string;
  deviceId: string;
  batchId: string;
  records: readonly StoredRecord[];
  /**
   * The keys readBatchState found stored: a record of `records` whose key is here is an update, the others are
   * new (a key found in another posyandu is refused before writing, so never among `records`). A store may insert
   * the new ones without looking for them again (PostgreSQL does: docs/postgres-storage.md).
   */
  stored: ReadonlySet<string>;
  /** One per applied change: the version row is also the log that makes a change apply once (migration 0012). */
  versions: readonly VersionRow[];
  /** The posyandu's new last seq; null when the batch changed no record. */
  lastSeq: number | null;
  responseJson: string;
  receivedAt: string;
}

/** Operations inside one batch's transaction. Bulk by design: one call per kind of write per batch. */
export interface StoreTx {
  /**
   * The three reads of a push in one go (one statement on PostgreSQL: issue 14 counted 11 round trips per batch,
   * now 5); the same answers as findBatchResponse, findAppliedChangeIds and loadRecords.
   */
  readBatchState(
    posyanduId: string,
    deviceId: string,
    batchId: string,
    changeIds: readonly string[],
    keys: readonly { table: string; id: string }[],
  ): Promise<BatchState>;
  /**
   * The five writes of a push (records, versions, applied change ids, the posyandu's seq, the batch's answer) in
   * one go, with saveRecords' rule: a record another posyandu holds throws RecordOwnedElsewhereError.
   */
  writeBatch(writes: BatchWrites): Promise<void>;
  /** Locks the posyandu for this transaction (batches of one posyandu apply one after another) and returns its last seq. */
  lockPosyandu(posyanduId: string): Promise<number>;
  setPosyanduSeq(posyanduId: string, seq: number): Promise<void>;
  // The posyandu is part of every idempotency key: the distribution key on a distributed PostgreSQL
  // (docs/scaling.md). SQLite, never distributed, keys by device alone.
  findBatchResponse(posyanduId: string, deviceId: string, batchId: string): Promise<string | null>;
  saveBatchResponse(
    posyanduId: string,
    deviceId: string,
    batchId: string,
    responseJson: string,
    receivedAt: string,
  ): Promise<void>;
  findAppliedChangeIds(posyanduId: string, deviceId: string, changeIds: readonly string[]): Promise<Set<string>>;
  loadRecords(keys: readonly { table: string; id: string }[]): Promise<Map<string, StoredRecord>>;
  /**
   * Inserts or updates the merged records. A record whose id another posyandu holds is never moved: the write
   * throws RecordOwnedElsewhereError (two posyandu creating the same id at once), and the transaction rolls back.
   */
  saveRecords(records: readonly StoredRecord[]): Promise<void>;
  insertVersions(versions: readonly VersionRow[]): Promise<void>;
}

export interface Store extends StaffStore, StaffWorkStore, RecoveryStore, JudgementStore {
  readonly dialect: Dialect;
  migrate(): Promise<string[]>;
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  createPuskesmas(row: { id: string; name: string }): Promise<void>;
  createPosyandu(row: PosyanduRow): Promise<void>;
  getPosyandu(id: string): Promise<PosyanduRow | null>;
  countPosyandus(): Promise<number>;
  createDevice(row: DeviceRow & { tokenHash: string; createdAt: string }): Promise<void>;
  /**
   * The device of a token, revoked or not (the caller decides; a revoked device still has a name to limit). The
   * first use of a rotated token makes it the device's only token.
   */
  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRow | null>;
  /** Sets the token that replaces the device's current one at its first use (a rotation). */
  setNextToken(deviceId: string, tokenHash: string): Promise<void>;
  /** The phones of a posyandu with their token hashes, relays left out: what a relay of that posyandu copies. */
  listDeviceCredentials(posyanduId: string): Promise<DeviceCredentialRow[]>;
  /** Marks a device revoked; false when there is no such device or it was revoked already. */
  revokeDevice(deviceId: string, at: string): Promise<boolean>;
  createEnrollmentCode(row: EnrollmentCodeRow): Promise<void>;
  /**
   * In one transaction: marks the code used if it exists, is unused and has not expired at `at`, and creates the
   * device it is exchanged for. Null (and nothing written) otherwise.
   */
  redeemEnrollmentCode(
    codeHash: string,
    at: string,
    device: { id: string; tokenHash: string },
  ): Promise<DeviceRow | null>;
  /** Current records of one posyandu with seq above `afterSeq`, in seq order. */
  listRecordsAfter(posyanduId: string, afterSeq: number, limit: number): Promise<StoredRecord[]>;
  /** How many records of the posyandu changed after `afterSeq` (what a pull from there has still to scan). */
  countRecordsAfter(posyanduId: string, afterSeq: number): Promise<number>;
  /** One trivial query through the same path requests take: resolves when the database answers. */
  ping(): Promise<void>;
  countVersions(table: string, recordId: string): Promise<number>;
  /** Every version received of one record, oldest first: its history, with the device that sent each. */
  listVersions(table: string, recordId: string): Promise<VersionRow[]>;
  close(): Promise<void>;
}

/** A concurrent batch of another posyandu committed a record with an id this batch meant to create. */
export class RecordOwnedElsewhereError extends Error {
  constructor() {
    super('a record of this batch was created by another posyandu at the same time');
  }
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
  revoked_at?: string | Date | null;
  single_phone?: boolean | number;
  relay?: boolean | number;
}

export function toDeviceRow(row: DeviceDbRow): DeviceRow {
  const revoked = row.revoked_at ?? null;
  return {
    id: row.id,
    posyanduId: row.posyandu_id,
    kaderId: row.kader_id,
    kaderName: row.kader_name,
    revokedAt: revoked instanceof Date ? revoked.toISOString() : revoked,
    singlePhone: row.single_phone === true || row.single_phone === 1,
    relay: row.relay === true || row.relay === 1,
  };
}

/** The columns of a device a lookup returns, the same for both dialects. */
export const DEVICE_COLUMNS = 'id, posyandu_id, kader_id, kader_name, revoked_at, single_phone, relay';

/** A credentials row as both dialects return it. */
export interface DeviceCredentialDbRow {
  id: string;
  kader_id: string;
  kader_name: string;
  token_sha256: string;
  next_token_sha256: string | null;
  revoked_at: string | Date | null;
  single_phone: boolean | number;
  created_at: string | Date;
}

export const DEVICE_CREDENTIAL_SQL = `SELECT id, kader_id, kader_name, token_sha256, next_token_sha256, revoked_at,
  single_phone, created_at FROM devices WHERE posyandu_id = $posyandu AND NOT relay ORDER BY created_at, id`;

export function toDeviceCredential(row: DeviceCredentialDbRow): DeviceCredentialRow {
  const iso = (v: string | Date | null) => (v instanceof Date ? v.toISOString() : v);
  return {
    id: row.id,
    kaderId: row.kader_id,
    kaderName: row.kader_name,
    tokenSha256: row.token_sha256,
    nextTokenSha256: row.next_token_sha256,
    revokedAt: iso(row.revoked_at),
    singlePhone: row.single_phone === true || row.single_phone === 1,
    createdAt: iso(row.created_at) ?? '',
  };
}

/** A record_versions row as both dialects return it; JSON columns arrive parsed (PostgreSQL) or as text (SQLite). */
export interface VersionDbRow {
  table_name: string;
  record_id: string;
  posyandu_id: string;
  device_id: string;
  change_id: string;
  batch_id: string;
  op: string;
  hlc: string;
  data: unknown;
  fields: unknown;
  received_at: string | Date;
}

export function toVersionRow(row: VersionDbRow): VersionRow {
  const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
  return {
    table: row.table_name,
    recordId: row.record_id,
    posyanduId: row.posyandu_id,
    deviceId: row.device_id,
    changeId: row.change_id,
    batchId: row.batch_id,
    op: row.op === 'delete' ? 'delete' : 'upsert',
    hlc: row.hlc,
    data: json(row.data) as Record<string, unknown>,
    fields: (json(row.fields) as string[] | null) ?? null,
    receivedAt: row.received_at instanceof Date ? row.received_at.toISOString() : row.received_at,
  };
}
