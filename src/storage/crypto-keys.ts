/**
 * The phone's keys (docs/security.md, "Encryption at rest"). One random 32-byte master secret per phone; it is
 * stored only wrapped: by a key derived from the kader's PIN (PBKDF2-SHA256) and, the same way, by one derived from
 * the recovery code only the puskesmas can give back (recovery-keys.ts, pin-recovery.ts). Unwrapping imports it straight into a non-extractable HKDF
 * key, from which the record key (AES-GCM) and the blind-index key (HMAC-SHA256) are derived; neither can be read
 * back out of WebCrypto, and nothing but the wrapped forms ever reaches IndexedDB.
 */

/** OWASP 2023 for PBKDF2-HMAC-SHA256; the unlock time it costs is measured in bench/pin-unlock.bench.ts. */
export const PBKDF2_ITERATIONS = 600_000;

export interface WrappedSecret {
  /** AES-GCM nonce and ciphertext of the master secret under the key derived from the PIN. */
  iv: Uint8Array;
  wrapped: Uint8Array;
  salt: Uint8Array;
  iterations: number;
}

export interface VaultKeys {
  record: CryptoKey;
  index: CryptoKey;
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const encoder = new TextEncoder();

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

async function pinKey(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', encoder.encode(pin), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
  );
}

/** Wraps a master secret under a PIN (first PIN, a changed PIN, or a new PIN after recovery). */
export async function wrapWithPin(
  secret: Uint8Array<ArrayBuffer>,
  pin: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<WrappedSecret> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await pinKey(pin, salt, iterations);
  const wrapped = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv }, key, secret));
  return { iv, wrapped, salt, iterations };
}

/**
 * The vault keys behind a PIN, or null when the PIN is wrong (AES-GCM's tag fails). The secret goes from the
 * wrapped bytes into a non-extractable key inside WebCrypto without passing through JavaScript.
 */
export async function unwrapWithPin(wrapped: WrappedSecret, pin: string): Promise<VaultKeys | null> {
  const key = await pinKey(pin, copy(wrapped.salt), wrapped.iterations);
  let master: CryptoKey;
  try {
    master = await subtle().unwrapKey(
      'raw',
      copy(wrapped.wrapped),
      key,
      { name: 'AES-GCM', iv: copy(wrapped.iv) },
      'HKDF',
      false,
      ['deriveKey'],
    );
  } catch {
    return null;
  }
  return deriveVaultKeys(master);
}

/** The raw secret behind a PIN, only to wrap it again under a new PIN; null when the PIN is wrong. */
export async function revealWithPin(wrapped: WrappedSecret, pin: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const key = await pinKey(pin, copy(wrapped.salt), wrapped.iterations);
  try {
    return new Uint8Array(
      await subtle().decrypt({ name: 'AES-GCM', iv: copy(wrapped.iv) }, key, copy(wrapped.wrapped)),
    );
  } catch {
    return null;
  }
}

/** Imports a raw secret (first PIN, recovery) as the vault keys; the caller zeroes its copy afterwards. */
export async function importSecret(secret: Uint8Array<ArrayBuffer>): Promise<VaultKeys> {
  const master = await subtle().importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return deriveVaultKeys(master);
}

async function deriveVaultKeys(master: CryptoKey): Promise<VaultKeys> {
  const derive = (info: string, algorithm: AesKeyGenParams | HmacKeyGenParams, usages: KeyUsage[]) =>
    subtle().deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(info) },
      master,
      algorithm,
      false,
      usages,
    );
  const [record, index] = await Promise.all([
    derive('posyandu-ilp records v1', { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']),
    derive('posyandu-ilp blind index v1', { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign']),
  ]);
  return { record, index };
}

/** IndexedDB may hand back a view on a larger buffer (or a Node Buffer); WebCrypto wants exact bytes. */
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
