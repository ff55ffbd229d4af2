import { afterEach, describe, expect, it, vi } from 'vitest';
import { importSecret, randomBytes } from '../../src/storage/crypto-keys.ts';
import { Vault } from '../../src/storage/crypto-vault.ts';
import { LockedError } from '../../src/storage/index.ts';

// Issue 14: blind index terms are kept while the vault is unlocked, so the ~45 terms of each person (most of them
// shared: NIK and card prefixes of a desa, a household's card) cost one HMAC each per session, not one per row.

afterEach(() => {
  vi.restoreAllMocks();
});

async function unlockedVault(): Promise<Vault> {
  const vault = new Vault();
  vault.unlock(await importSecret(randomBytes(32)));
  return vault;
}

describe('the vault keeps blind terms while unlocked', () => {
  it('asks WebCrypto once per term, and gives the same term as before', async () => {
    const vault = await unlockedVault();
    const sign = vi.spyOn(globalThis.crypto.subtle, 'sign');
    const first = await Promise.all(['3201', '3201', 'siti', '3201'].map((t) => vault.blind(t)));
    expect(sign).toHaveBeenCalledTimes(2);
    expect(first[0]).toBe(first[1]);
    expect(first[0]).not.toBe(first[2]);
    expect(await vault.blind('siti')).toBe(first[2]);
    expect(sign).toHaveBeenCalledTimes(2);
  });

  it('forgets them with the keys: locked, it refuses; another key gives other terms', async () => {
    const vault = await unlockedVault();
    const before = await vault.blind('3201');
    vault.lock();
    await expect(vault.blind('3201')).rejects.toThrow(LockedError);
    vault.unlock(await importSecret(randomBytes(32)));
    expect(await vault.blind('3201')).not.toBe(before);
  });
});
