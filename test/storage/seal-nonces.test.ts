import { describe, expect, it, vi } from 'vitest';
import { importSecret, randomBytes } from '../../src/storage/crypto-keys.ts';
import { Vault } from '../../src/storage/crypto-vault.ts';

// Issue 14 (h42): nonces come from the CSPRNG in blocks instead of one getRandomValues call per sealed row. AES-GCM
// under one key must never see a nonce twice; these hold the block to that and to the stored format.

async function unlockedVault(): Promise<Vault> {
  const vault = new Vault();
  vault.unlock(await importSecret(randomBytes(32)));
  return vault;
}

const nonceOf = (sealed: Uint8Array) => Array.from(sealed.subarray(0, 12), (b) => b.toString(16)).join('.');

describe('sealing draws nonces in blocks', () => {
  it('never gives two rows the same nonce, across more than one block', async () => {
    const vault = await unlockedVault();
    const sealed = await Promise.all(Array.from({ length: 9_000 }, (_, i) => vault.seal({ i })));
    expect(new Set(sealed.map(nonceOf)).size).toBe(sealed.length);
  });

  it('asks the CSPRNG for a block, not once a row', async () => {
    const vault = await unlockedVault();
    // The block in use may be nearly spent: draw it down first, then count over a full block's worth.
    await Promise.all(Array.from({ length: 4_096 }, (_, i) => vault.seal({ i })));
    const random = vi.spyOn(globalThis.crypto, 'getRandomValues');
    await Promise.all(Array.from({ length: 4_096 }, (_, i) => vault.seal({ i })));
    expect(random.mock.calls.length).toBeLessThanOrEqual(1);
    random.mockRestore();
  });

  it('keeps the stored form: nonce, ciphertext, tag; opened to the same value', async () => {
    const vault = await unlockedVault();
    const value = { id: 'a', name: 'Siti Nur’aini', weights: [3.2, 4.1] };
    const sealed = await vault.seal(value);
    expect(sealed.length).toBe(12 + new TextEncoder().encode(JSON.stringify(value)).length + 16);
    expect(await vault.open(sealed)).toEqual(value);
  });
});
