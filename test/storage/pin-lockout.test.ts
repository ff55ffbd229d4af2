import { describe, expect, it } from 'vitest';
import {
  afterWrongPin,
  isValidPin,
  NO_TRIES,
  remainingWait,
  triesLeft,
  waitAfter,
} from '../../src/storage/pin-lockout.ts';
import { importSecret, randomBytes, revealWithPin, unwrapWithPin, wrapWithPin } from '../../src/storage/crypto-keys.ts';
import { Vault } from '../../src/storage/crypto-vault.ts';

describe('PIN tries', () => {
  it('allows five wrong PINs, then waits 30 s, doubling up to an hour', () => {
    expect([1, 2, 3, 4].map(waitAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map(waitAfter)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(waitAfter(40)).toBe(3_600_000);
    let tries = NO_TRIES;
    for (let i = 0; i < 5; i += 1) tries = afterWrongPin(tries, 1_000);
    expect(triesLeft(tries)).toBe(0);
    expect(remainingWait(tries, 1_000)).toBe(30_000);
    expect(remainingWait(tries, 31_000)).toBe(0);
  });

  it('takes exactly six digits', () => {
    expect(['123456', '000000'].map(isValidPin)).toEqual([true, true]);
    expect(['12345', '1234567', '12345a', ' 123456', '١٢٣٤٥٦'].map(isValidPin)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('the key wrapped under the PIN', () => {
  it('unwraps with the right PIN only, into keys that decrypt what the first keys encrypted', async () => {
    const secret = randomBytes(32);
    const wrapped = await wrapWithPin(secret, '482915', 1_000);
    expect(Buffer.from(wrapped.wrapped).includes(Buffer.from(secret))).toBe(false);
    expect(await unwrapWithPin(wrapped, '482916')).toBeNull();
    const keys = await unwrapWithPin(wrapped, '482915');
    expect(keys).not.toBeNull();
    expect(keys!.record.extractable).toBe(false);
    expect(keys!.index.extractable).toBe(false);

    const first = new Vault();
    first.unlock(await importSecret(secret));
    const second = new Vault();
    second.unlock(keys!);
    expect(await second.open(await first.seal({ weightKg: 9.35 }))).toEqual({ weightKg: 9.35 });
    expect(await second.blind('siti')).toBe(await first.blind('siti'));
    expect(await second.blind('siti')).not.toBe(await second.blind('sitj'));
    expect(await revealWithPin(wrapped, '000000')).toBeNull();
    expect(await revealWithPin(wrapped, '482915')).toEqual(secret);
  });

  it('refuses a tampered ciphertext', async () => {
    const vault = new Vault();
    vault.unlock(await importSecret(randomBytes(32)));
    const sealed = await vault.seal({ name: 'Siti' });
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
    await expect(vault.open(sealed)).rejects.toThrow();
  });
});
