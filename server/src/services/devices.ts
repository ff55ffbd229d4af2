import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  encodeEnrollmentCode,
  enrollmentAreaOf,
  type Enrollment,
  type EnrollmentArea,
} from '../../../protocol/index.ts';
import type { DeviceRow, PosyanduRow, Store } from '../db/store.ts';
import type { PosyanduArea } from '../db/staff-store.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createPuskesmas(store: Store, name: string): Promise<string> {
  const id = randomUUID();
  await store.createPuskesmas({ id, name: requireName(name, 'puskesmas') });
  return id;
}

export async function createPosyandu(
  store: Store,
  name: string,
  puskesmasId: string | null = null,
  area?: PosyanduArea,
): Promise<string> {
  const id = randomUUID();
  await store.createPosyandu({ id, name: requireName(name, 'posyandu'), puskesmasId, ...(area ? { area } : {}) });
  return id;
}

/**
 * The area phones are given, in their enrollment and on every pull: the desa's codes and the dusun staff keep.
 * Undefined for a posyandu without a valid village code (its phones type the codes once).
 */
export function posyanduAreaForPhones(row: Pick<PosyanduRow, 'area' | 'dusun'>): EnrollmentArea | undefined {
  return enrollmentAreaOf({ ...row.area, dusun: row.dusun ?? [] });
}

/** A desa's codes from its 10-digit Kemendagri code: province, regency and district are its prefixes. */
export function areaFromVillageCode(villageCode: string, desa?: string): PosyanduArea {
  return {
    desa: desa?.trim() || null,
    provinceCode: villageCode.slice(0, 2),
    regencyCode: villageCode.slice(0, 4),
    districtCode: villageCode.slice(0, 6),
    villageCode,
  };
}

export interface CreatedDevice {
  deviceId: string;
  token: string;
  enrollment: Enrollment;
  enrollmentCode: string;
}

/**
 * Enrolls a phone for a kader. The token (32 random bytes) is shown once, inside the enrollment code; the server
 * keeps only its SHA-256, so a copy of the database does not let anyone push as the device.
 */
export async function createDevice(
  store: Store,
  input: {
    posyanduId: string;
    kaderName: string;
    kaderId?: string;
    deviceId?: string;
    token?: string;
    /** A pustu relay's credential rather than a phone's (docs/scaling.md, "The pustu relay"). */
    relay?: boolean;
    /** Dusun of the desa (the admin CLI's --dusun): they become the posyandu's list, kept by the server. */
    dusun?: readonly string[];
  },
): Promise<CreatedDevice> {
  const found = await store.getPosyandu(input.posyanduId);
  if (!found) throw new Error(`Posyandu ${input.posyanduId} tidak ditemukan.`);
  const posyandu = input.dusun ? await keepDusun(store, found, input.dusun) : found;
  const deviceId = input.deviceId ?? randomUUID();
  const token = input.token ?? randomBytes(32).toString('base64url');
  const kaderId = input.kaderId ?? randomUUID();
  const kaderName = requireName(input.kaderName, 'kader');
  await store.createDevice({
    id: deviceId,
    posyanduId: posyandu.id,
    kaderId,
    kaderName,
    tokenHash: hashToken(token),
    createdAt: new Date().toISOString(),
    relay: input.relay === true,
  });
  const enrollment: Enrollment = {
    v: 1,
    deviceId,
    token,
    posyanduId: posyandu.id,
    posyanduName: posyandu.name,
    kaderId,
    kaderName,
  };
  const area = posyanduAreaForPhones(posyandu);
  if (area) enrollment.area = area;
  return { deviceId, token, enrollment, enrollmentCode: encodeEnrollmentCode(enrollment) };
}

/** Dusun given with a new device replace the posyandu's list, so its phones' next pulls bring the same ones. */
async function keepDusun(store: Store, posyandu: PosyanduRow, dusun: readonly string[]): Promise<PosyanduRow> {
  const names = [...new Set(dusun.map((d) => d.trim().replace(/\s+/g, ' ')).filter((d) => d.length > 0))];
  const area = posyandu.area ?? {
    desa: null,
    provinceCode: null,
    regencyCode: null,
    districtCode: null,
    villageCode: null,
  };
  await store.updatePosyandu(posyandu.id, { name: posyandu.name, area, dusun: names });
  return { ...posyandu, dusun: names };
}

/** The device a token belongs to, revoked or not: the caller refuses a revoked one, and may count it. */
export async function findDeviceByToken(store: Store, token: string): Promise<DeviceRow | null> {
  if (token.length < 20 || token.length > 200) return null;
  return store.findDeviceByTokenHash(hashToken(token));
}

/** Revoking ends the device's access at its next request; its records and their history stay. */
export async function revokeDevice(store: Store, deviceId: string, now = new Date()): Promise<boolean> {
  return store.revokeDevice(deviceId, now.toISOString());
}

function requireName(name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) throw new Error(`Nama ${what} wajib diisi (1-100 huruf).`);
  return trimmed;
}

/**
 * A new token for a device, returned once. The current token keeps working until the new one is first used, so a
 * phone whose answer got lost simply carries on with the old one and rotates again later.
 */
export async function rotateDeviceToken(store: Store, deviceId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await store.setNextToken(deviceId, hashToken(token));
  return token;
}
