import {
  CROCKFORD_ALPHABET,
  isOneTimeCode,
  normalizeOneTimeCode,
  ONE_TIME_CODE_LENGTH,
} from '../../protocol/one-time-code.ts';
import type { RecoveryPublicKey } from '../../protocol/recovery.ts';
import {
  PBKDF2_ITERATIONS,
  randomBytes,
  revealWithPin,
  unwrapWithPin,
  wrapWithPin,
  type VaultKeys,
  type WrappedSecret,
} from './crypto-keys.ts';

/**
 * The recovery code R (docs/security.md, "Recovery of a forgotten PIN"): 16 Crockford base32 characters, 80
 * random bits, read out in groups of four like a one-time enrollment code. The phone wraps its secret under R
 * exactly as under the PIN (PBKDF2, AES-GCM) and sends R only encrypted to the puskesmas key.
 */
export interface RecoveryWrap extends WrappedSecret {
  /** Random id of this R; the server's row names it, so a rotated R replaces the spent one. */
  recoveryId: string;
}

/** A fresh R. 256 is a multiple of 32, so each byte gives one character without bias (5 bits each, 80 in all). */
export function newRecoveryCode(): string {
  return [...randomBytes(ONE_TIME_CODE_LENGTH)].map((b) => CROCKFORD_ALPHABET[b % 32]).join('');
}

function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Wraps the secret under R; the caller keeps the wrap in meta and R (sealed) until it is uploaded. */
export async function wrapWithRecoveryCode(
  secret: Uint8Array<ArrayBuffer>,
  code: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<RecoveryWrap> {
  const wrapped = await wrapWithPin(secret, normalizeOneTimeCode(code), iterations);
  return { ...wrapped, recoveryId: toBase64Url(randomBytes(16)) };
}

/** The vault keys behind R, or null when the typed code is malformed or not this wrap's R. */
export async function unwrapWithRecoveryCode(wrap: WrappedSecret, typed: string): Promise<VaultKeys | null> {
  if (!isOneTimeCode(typed)) return null;
  return unwrapWithPin(wrap, normalizeOneTimeCode(typed));
}

/** The raw secret behind R, only to wrap it under the new PIN and a new R; null when the code is wrong. */
export async function revealWithRecoveryCode(
  wrap: WrappedSecret,
  typed: string,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!isOneTimeCode(typed)) return null;
  return revealWithPin(wrap, normalizeOneTimeCode(typed));
}

/** R encrypted to the puskesmas public key (RSA-OAEP, SHA-256), base64url: what the server stores. */
export async function encryptRecoveryCode(code: string, key: RecoveryPublicKey): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const publicKey = await subtle.importKey(
    'spki',
    fromBase64Url(key.spki),
    { name: 'RSA-OAEP', hash: 'SHA-256' },
    false,
    ['encrypt'],
  );
  const plain = new TextEncoder().encode(normalizeOneTimeCode(code));
  return toBase64Url(new Uint8Array(await subtle.encrypt({ name: 'RSA-OAEP' }, publicKey, plain)));
}
