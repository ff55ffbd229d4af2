import { randomBytes, randomUUID } from 'node:crypto';
import {
  CROCKFORD_ALPHABET,
  ONE_TIME_CODE_LENGTH,
  formatOneTimeCode,
  isOneTimeCode,
  normalizeOneTimeCode,
  type Enrollment,
} from '../../../protocol/index.ts';
import type { Store } from '../db/store.ts';
import { hashToken, posyanduAreaForPhones } from './devices.ts';

/** A day: long enough to hand a code over at the posyandu and enroll the next morning, short if it leaks. */
export const DEFAULT_CODE_TTL_HOURS = 24;

export interface CreatedEnrollmentCode {
  enrollmentCode: string;
  expiresAt: string;
}

function randomCode(): string {
  // 256 is a multiple of 32, so each byte maps to one character without bias.
  return [...randomBytes(ONE_TIME_CODE_LENGTH)].map((b) => CROCKFORD_ALPHABET[b % 32]).join('');
}

/** A one-time code for a kader of a posyandu; the server keeps only its SHA-256. */
export async function createEnrollmentCode(
  store: Store,
  input: { posyanduId: string; kaderName: string; kaderId?: string; ttlHours?: number; now?: Date },
): Promise<CreatedEnrollmentCode> {
  const posyandu = await store.getPosyandu(input.posyanduId);
  if (!posyandu) throw new Error(`Posyandu ${input.posyanduId} tidak ditemukan.`);
  const kaderName = input.kaderName.trim();
  if (kaderName.length === 0 || kaderName.length > 100) throw new Error('Nama kader wajib diisi (1-100 huruf).');
  const ttlHours = input.ttlHours ?? DEFAULT_CODE_TTL_HOURS;
  if (!(ttlHours > 0 && ttlHours <= 24 * 30)) throw new Error('Masa berlaku kode 1 jam sampai 30 hari.');
  const now = input.now ?? new Date();
  const code = randomCode();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
  await store.createEnrollmentCode({
    codeHash: hashToken(code),
    posyanduId: posyandu.id,
    kaderId: input.kaderId ?? randomUUID(),
    kaderName,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { enrollmentCode: formatOneTimeCode(code), expiresAt };
}

/**
 * Exchanges a one-time code for a new device with its own token: the enrollment the phone stores. Null when the
 * code is unknown, used or expired; the three are not told apart, so an answer teaches a guesser nothing.
 */
export async function redeemEnrollmentCode(store: Store, code: string, now = new Date()): Promise<Enrollment | null> {
  if (!isOneTimeCode(code)) return null;
  const token = randomBytes(32).toString('base64url');
  const device = await store.redeemEnrollmentCode(hashToken(normalizeOneTimeCode(code)), now.toISOString(), {
    id: randomUUID(),
    tokenHash: hashToken(token),
  });
  if (!device) return null;
  const posyandu = await store.getPosyandu(device.posyanduId);
  const area = posyandu ? posyanduAreaForPhones(posyandu) : undefined;
  return {
    v: 1,
    deviceId: device.id,
    token,
    posyanduId: device.posyanduId,
    posyanduName: posyandu?.name ?? '',
    kaderId: device.kaderId,
    kaderName: device.kaderName,
    // The desa's codes, so the phone's household form never asks for them.
    ...(area ? { area } : {}),
  };
}
