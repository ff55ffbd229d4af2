import type { Vault } from './crypto-vault.ts';

/** localStorage keys of form drafts (src/ui/hooks/use-draft.ts); the value is JSON, or `sealed:` + base64. */
export const DRAFT_PREFIX = 'posyandu.draft.';
const SEALED = 'sealed:';

/**
 * Unfinished forms, kept across a closed app, a lock or an update. On a phone with a PIN they are stored sealed
 * like records and read from memory: decrypted once at unlock (before any form shows), forgotten at lock. Forms
 * stay synchronous that way; only the write to localStorage waits for the encryption.
 */
export class DraftStore {
  private readonly cache = new Map<string, unknown>();
  private readonly writes = new Map<string, number>();

  constructor(
    private readonly vault: Vault,
    private readonly local: Storage | undefined = globalThis.localStorage,
  ) {
    vault.onChange((state) => {
      if (state !== 'unlocked') this.cache.clear();
    });
  }

  read(key: string): unknown {
    if (this.vault.state !== 'plain') return this.cache.get(key);
    const stored = this.local?.getItem(DRAFT_PREFIX + key);
    if (!stored || stored.startsWith(SEALED)) return undefined;
    return JSON.parse(stored) as unknown;
  }

  write(key: string, value: unknown): void {
    if (this.vault.state === 'locked') return;
    if (this.vault.state === 'plain') {
      this.local?.setItem(DRAFT_PREFIX + key, JSON.stringify(value));
      return;
    }
    this.cache.set(key, value);
    this.seal(key, value);
  }

  remove(key: string): void {
    this.cache.delete(key);
    this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
    this.local?.removeItem(DRAFT_PREFIX + key);
  }

  /** Every draft of this phone, for signing out: nothing typed stays behind for the next kader. */
  removeAll(): void {
    if (!this.local) return;
    const keys: string[] = [];
    for (let i = 0; i < this.local.length; i += 1) {
      const name = this.local.key(i);
      if (name?.startsWith(DRAFT_PREFIX)) keys.push(name.slice(DRAFT_PREFIX.length));
    }
    for (const key of keys) this.remove(key);
  }

  /** Right after the keys arrive, before the app is shown: every draft decrypted (a plain one sealed). */
  async load(): Promise<void> {
    if (!this.local) return;
    const keys: string[] = [];
    for (let i = 0; i < this.local.length; i += 1) {
      const name = this.local.key(i);
      if (name?.startsWith(DRAFT_PREFIX)) keys.push(name.slice(DRAFT_PREFIX.length));
    }
    for (const key of keys) {
      const stored = this.local.getItem(DRAFT_PREFIX + key);
      if (!stored) continue;
      try {
        if (stored.startsWith(SEALED)) {
          this.cache.set(key, await this.vault.open(fromBase64(stored.slice(SEALED.length))));
        } else {
          const value = JSON.parse(stored) as unknown;
          this.cache.set(key, value);
          this.seal(key, value);
        }
      } catch {
        // A draft that cannot be read (another PIN's, or damaged) is dropped: the form starts empty.
        this.local.removeItem(DRAFT_PREFIX + key);
      }
    }
  }

  /** The latest write wins even if an earlier encryption finishes after it. */
  private seal(key: string, value: unknown): void {
    const turn = (this.writes.get(key) ?? 0) + 1;
    this.writes.set(key, turn);
    void this.vault.seal(value).then(
      (bytes) => {
        if (this.writes.get(key) === turn) this.local?.setItem(DRAFT_PREFIX + key, SEALED + toBase64(bytes));
      },
      () => undefined,
    );
  }
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
