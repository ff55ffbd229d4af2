import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dexie } from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decryptRecoveryCode,
  loadOrCreateRecoveryKey,
  type RecoveryKey,
} from '../../server/src/services/recovery-key.ts';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { META_RECOVERY_WRAPS } from '../../src/storage/pin-recovery.ts';
import {
  encryptRecoveryCode,
  newRecoveryCode,
  revealWithRecoveryCode,
  unwrapWithRecoveryCode,
  wrapWithRecoveryCode,
} from '../../src/storage/recovery-keys.ts';
import { enrollment, saveFamily, uniqueDbName } from './fixtures.ts';

const ITERATIONS = 1_000;
const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-recovery-key-'));
let server: RecoveryKey;

beforeAll(async () => {
  // 2048 bits keeps the test quick; the server's own key is 3072 (recovery-key.ts).
  server = (await loadOrCreateRecoveryKey(dataDir, 2048)).key;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('wrapping the secret under a recovery code', () => {
  it('draws 80-bit codes and opens the wrap with the code however it is typed, never with another', async () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(new Set(Array.from({ length: 50 }, newRecoveryCode)).size).toBe(50);
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const wrap = await wrapWithRecoveryCode(secret, code, ITERATIONS);
    const typed = code.toLowerCase().replace(/(.{4})(?=.)/g, '$1 - ');
    expect(await revealWithRecoveryCode(wrap, typed)).toEqual(secret);
    expect(await unwrapWithRecoveryCode(wrap, typed)).not.toBeNull();
    expect(await unwrapWithRecoveryCode(wrap, newRecoveryCode())).toBeNull();
    expect(await unwrapWithRecoveryCode(wrap, 'ABCD')).toBeNull();
  });

  it('encrypts the code so that only the puskesmas private key opens it', async () => {
    const code = newRecoveryCode();
    const ciphertext = await encryptRecoveryCode(code, server.publicKey);
    expect(ciphertext).not.toContain(code);
    expect(decryptRecoveryCode(server, ciphertext)).toBe(code);
  });
});

/** What the puskesmas would print: the phone's pending R, as the server decrypts it. */
async function codeAtPuskesmas(storage: Storage): Promise<{ recoveryId: string; code: string }> {
  const pending = await storage.pendingRecoveryCode();
  if (!pending) throw new Error('no recovery code pending');
  const ciphertext = await encryptRecoveryCode(pending.code, server.publicKey);
  await storage.recoveryUploaded(pending.recoveryId);
  return { recoveryId: pending.recoveryId, code: decryptRecoveryCode(server, ciphertext) };
}

async function rawDump(name: string): Promise<string> {
  const raw = new Dexie(name);
  await raw.open();
  const dump: unknown[] = [];
  for (const table of raw.tables) dump.push(table.name, await table.toArray());
  raw.close();
  return JSON.stringify(dump, (_key, value: unknown) =>
    value instanceof Uint8Array ? String.fromCharCode(...value) : value,
  );
}

describe('a forgotten PIN', () => {
  it('is recovered with the puskesmas code: records and the unsynced outbox intact, tries reset, code rotated', async () => {
    let clock = Date.parse('2026-03-01T08:00:00Z');
    const now = () => clock;
    const name = uniqueDbName('recover');
    const first = openStorage({ name, pinIterations: ITERATIONS, now });
    await first.saveEnrollment(enrollment);
    await first.setFirstPin('111111');
    const { members } = await saveFamily(first);
    const before = await first.syncCounts();
    expect(before.pending).toBeGreaterThan(0);
    const { code } = await codeAtPuskesmas(first);
    // Sent: R is no longer on the phone in any form, sealed or not.
    expect(await first.pendingRecoveryCode()).toBeNull();
    expect(await rawDump(name)).not.toContain(code);
    first.close();

    // A fresh start; the kader forgot her PIN.
    const phone = openStorage({ name, pinIterations: ITERATIONS, now });
    expect(await phone.vaultState()).toBe('locked');
    for (let i = 0; i < 5; i += 1) expect((await phone.checkRecoveryCode(newRecoveryCode())).ok).toBe(false);
    // Wrong codes share the PIN's growing wait: even the right code waits.
    expect(await phone.checkRecoveryCode(code)).toMatchObject({ ok: false, reason: 'wait', waitMs: 30_000 });
    clock += 30_000;
    expect(await phone.checkRecoveryCode(code)).toEqual({ ok: true });
    expect(await phone.recoverWithCode(code.toLowerCase(), '222222')).toEqual({ ok: true });
    expect(await phone.vaultState()).toBe('unlocked');
    expect((await phone.getPerson(members[0]!.id))?.name).toBe('Budi Santoso');
    expect(await phone.syncCounts()).toEqual(before);
    expect(await phone.pinWait()).toBe(0);

    // A new R waits to be sent; until the server has it, the spent one still opens the phone.
    const next = await phone.pendingRecoveryCode();
    expect(next?.code.replaceAll('-', '')).not.toBe(code);
    phone.lock();
    expect(await phone.unlock('111111')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await phone.checkRecoveryCode(code)).toEqual({ ok: true });
    expect((await phone.unlock('222222')).ok).toBe(true);
    const rotated = await codeAtPuskesmas(phone);
    phone.lock();
    expect(await phone.checkRecoveryCode(code)).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await phone.recoverWithCode(rotated.code, '333333')).toEqual({ ok: true });
    expect(await phone.syncCounts()).toEqual(before);
    phone.close();
  });

  it('a phone whose PIN predates recovery gets its recovery code at the next unlock', async () => {
    const name = uniqueDbName('legacy');
    const storage = openStorage({ name, pinIterations: ITERATIONS });
    await storage.saveEnrollment(enrollment);
    await storage.setFirstPin('123456');
    storage.close();
    const raw = new Dexie(name);
    await raw.open();
    await raw.table('meta').bulkDelete([META_RECOVERY_WRAPS, 'recoveryPending']);
    raw.close();

    const phone = openStorage({ name, pinIterations: ITERATIONS });
    expect(await phone.vaultState()).toBe('locked');
    expect((await phone.unlock('123456')).ok).toBe(true);
    const { code } = await codeAtPuskesmas(phone);
    phone.lock();
    expect((await phone.recoverWithCode(code, '654321')).ok).toBe(true);
    phone.close();
  });
});
