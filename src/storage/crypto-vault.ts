import type { VaultKeys } from './crypto-keys.ts';
import { randomBytes } from './crypto-keys.ts';
import { LockedError } from './errors.ts';

/**
 * Holds the keys while the app is unlocked and forgets them on lock. `plain` is the state of a phone with no PIN
 * yet (just enrolled, or an app from before encryption): rows pass through unchanged until the first PIN is set,
 * which encrypts them in place (pin-lock.ts).
 */
export type VaultState = 'plain' | 'locked' | 'unlocked';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Blind index terms are HMAC-SHA256 truncated to 12 bytes (96 bits): collisions are negligible for a posyandu. */
const BLIND_BYTES = 12;
/**
 * Blind terms kept while unlocked. A person has about 14 terms (short prefixes of her name words, some prefixes of
 * her NIK and family card number: search-terms.ts; every prefix, about 39, before issue 14) and most are shared: the
 * NIK and card prefixes of a desa, the card of a household's members, the first letters of names. A new phone's first pull of 10,000 records asked WebCrypto for ~100,000 HMACs, mostly
 * the same few thousand. Bounded, and forgotten with the keys.
 */
const BLIND_CACHE_MAX = 50_000;

const NONCE_BYTES = 12;
/** AES-GCM's default (and WebCrypto's): a 128-bit tag after the ciphertext. */
const TAG_BYTES = 16;
/**
 * Nonces drawn from the CSPRNG in blocks: a first pull seals 10,000 rows, and one `getRandomValues` call per row
 * was about 2 % of the page's CPU at a 4x slowdown (docs/benchmarks.md, h42). Each nonce is handed out once and
 * the block is never reused, so every seal still gets 96 fresh random bits; they are stored in clear beside the
 * ciphertext anyway, so holding a few thousand ahead in memory discloses nothing.
 */
const NONCES_PER_BLOCK = 4_096;
let nonceBlock = new Uint8Array(0);
let nonceAt = 0;

/** Fills `into` with the next unused nonce of the block, drawing a new block when it is spent. */
function takeNonce(into: Uint8Array): void {
  if (nonceAt + NONCE_BYTES > nonceBlock.length) {
    nonceBlock = randomBytes(NONCE_BYTES * NONCES_PER_BLOCK);
    nonceAt = 0;
  }
  into.set(nonceBlock.subarray(nonceAt, nonceAt + NONCE_BYTES));
  nonceAt += NONCE_BYTES;
}

export class Vault {
  private keys: VaultKeys | null = null;
  private readonly blinds = new Map<string, Promise<string>>();
  private mode: VaultState = 'plain';
  private epoch = 0;
  private readonly listeners = new Set<(state: VaultState) => void>();

  get state(): VaultState {
    return this.mode;
  }

  /** Changes whenever the keys are set or forgotten: rows sealed ahead (pull-apply.ts) are used under the same. */
  get keyEpoch(): number {
    return this.epoch;
  }

  /** A PIN exists: nothing may be read or written until unlock() is given the keys. */
  lock(): void {
    this.keys = null;
    this.epoch += 1;
    this.blinds.clear();
    this.set('locked');
  }

  /** Back to no PIN: when setting the first PIN failed and the rows stayed unencrypted, or the phone signed out. */
  forget(): void {
    this.keys = null;
    this.epoch += 1;
    this.blinds.clear();
    this.set('plain');
  }

  unlock(keys: VaultKeys): void {
    this.keys = keys;
    this.epoch += 1;
    this.blinds.clear();
    this.set('unlocked');
  }

  /**
   * Unlocks, runs `prepare` with the keys in place (encrypting the phone, decrypting the drafts), and only then
   * tells the listeners, so the app never shows a screen before that work is done.
   */
  async unlockAfter(keys: VaultKeys, prepare: () => Promise<void>): Promise<void> {
    this.keys = keys;
    this.epoch += 1;
    this.blinds.clear();
    this.mode = 'unlocked';
    // On failure the caller forgets or locks; the listeners never heard of this unlock.
    await prepare();
    for (const listener of this.listeners) listener('unlocked');
  }

  onChange(listener: (state: VaultState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(mode: VaultState): void {
    if (mode === this.mode) return;
    this.mode = mode;
    for (const listener of this.listeners) listener(mode);
  }

  private need(): VaultKeys {
    if (!this.keys) throw new LockedError();
    return this.keys;
  }

  /** AES-GCM with a fresh 96-bit nonce per write: nonce ‖ ciphertext ‖ tag. */
  async seal(value: unknown): Promise<Uint8Array<ArrayBuffer>> {
    const { record } = this.need();
    const plain = encoder.encode(JSON.stringify(value));
    // The output's length is known before encrypting (AES-GCM adds only its tag), so the nonce is written in place.
    const out = new Uint8Array(NONCE_BYTES + plain.length + TAG_BYTES);
    const iv = out.subarray(0, NONCE_BYTES);
    takeNonce(iv);
    out.set(
      new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv }, record, plain)),
      NONCE_BYTES,
    );
    return out;
  }

  async open(sealed: Uint8Array): Promise<unknown> {
    const { record } = this.need();
    const bytes = new Uint8Array(sealed);
    const plain = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, 12) },
      record,
      bytes.subarray(12),
    );
    return JSON.parse(decoder.decode(plain)) as unknown;
  }

  /** The blind index term of a search word, NIK or family card number: equal inputs give equal terms. */
  blind(term: string): Promise<string> {
    // Rejects (never throws) when locked, as it did when it was an async function.
    if (!this.keys) return Promise.reject(new LockedError());
    const { index } = this.keys;
    const known = this.blinds.get(term);
    if (known) return known;
    if (this.blinds.size >= BLIND_CACHE_MAX) this.blinds.clear();
    const made = this.computeBlind(index, term);
    this.blinds.set(term, made);
    // A failed digest is not kept: the next call tries again.
    made.catch(() => this.blinds.delete(term));
    return made;
  }

  private async computeBlind(index: CryptoKey, term: string): Promise<string> {
    const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', index, encoder.encode(term)));
    let text = '';
    for (const byte of mac.subarray(0, BLIND_BYTES)) text += String.fromCharCode(byte);
    // base64url: short, and an IndexedDB string key compares it like any other.
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
}
