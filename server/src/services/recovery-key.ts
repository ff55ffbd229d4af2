import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  privateDecrypt,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RECOVERY_ALGORITHM, type RecoveryPublicKey } from '../../../protocol/index.ts';

/**
 * The puskesmas recovery key pair (docs/security.md, "Recovery of a forgotten PIN"). The private key is a PKCS#8
 * PEM file in the data directory, mode 0600, never in the database: a database backup or dump copied off the
 * server then holds only ciphertexts nobody can open. It is never sent anywhere; phones get the public key only.
 */
export const RECOVERY_KEY_FILE = 'recovery-key.pem';
/** 3072-bit RSA: 128-bit security (NIST SP 800-57), inside every browser's WebCrypto RSA-OAEP. */
export const RECOVERY_KEY_BITS = 3072;

export interface RecoveryKey {
  publicKey: RecoveryPublicKey;
  privateKey: KeyObject;
}

const generate = promisify(generateKeyPair);

export function recoveryKeyPath(dataDir: string): string {
  return join(dataDir, RECOVERY_KEY_FILE);
}

function toBase64Url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

function fromPrivate(privateKey: KeyObject): RecoveryKey {
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  // The id names the key without revealing anything: a phone's upload says which key it used.
  const keyId = toBase64Url(createHash('sha256').update(spki).digest().subarray(0, 12));
  return { privateKey, publicKey: { keyId, alg: RECOVERY_ALGORITHM, spki: toBase64Url(spki) } };
}

/** The key of the data directory, or null when none was made yet. */
export function readRecoveryKey(dataDir: string): RecoveryKey | null {
  const file = recoveryKeyPath(dataDir);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // Someone widened the file's mode: narrow it again rather than refuse to start.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return fromPrivate(createPrivateKey(pem));
}

/**
 * The existing key, or a new one written once with `wx`: an existing key is never replaced, since every R the
 * phones uploaded is encrypted to it.
 */
export async function loadOrCreateRecoveryKey(
  dataDir: string,
  bits = RECOVERY_KEY_BITS,
): Promise<{ key: RecoveryKey; created: boolean }> {
  const existing = readRecoveryKey(dataDir);
  if (existing) return { key: existing, created: false };
  const { privateKey } = await generate('rsa', { modulusLength: bits, publicExponent: 0x10001 });
  mkdirSync(dataDir, { recursive: true });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  try {
    writeFileSync(recoveryKeyPath(dataDir), pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process (the server and the admin command at once) made it first: use theirs.
    const raced = (error as NodeJS.ErrnoException).code === 'EEXIST' ? readRecoveryKey(dataDir) : null;
    if (raced) return { key: raced, created: false };
    throw error;
  }
  return { key: fromPrivate(privateKey), created: true };
}

/** R from its ciphertext (RSA-OAEP with SHA-256, as WebCrypto's RSA-OAEP hash SHA-256 makes it). */
export function decryptRecoveryCode(key: RecoveryKey, ciphertext: string): string {
  const plain = privateDecrypt(
    { key: key.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(ciphertext, 'base64url'),
  );
  return plain.toString('utf8');
}
