import { formatOneTimeCode } from '../../protocol/one-time-code.ts';
import { importSecret, PBKDF2_ITERATIONS, revealWithPin, wrapWithPin, type WrappedSecret } from './crypto-keys.ts';
import type { PosyanduDb } from './db.ts';
import type { DraftStore } from './draft-store.ts';
import { META_PIN_TRIES, META_VAULT_KEY, type UnlockResult } from './pin-lock.ts';
import { afterWrongPin, isValidPin, NO_TRIES, remainingWait, triesLeft, type PinTries } from './pin-lockout.ts';
import { newRecoveryCode, revealWithRecoveryCode, wrapWithRecoveryCode, type RecoveryWrap } from './recovery-keys.ts';

/**
 * Recovery of a forgotten PIN (docs/security.md, "Recovery of a forgotten PIN"). The secret is wrapped a second
 * time under a recovery code R; R waits sealed under the vault (openable only by whoever unlocked, who has the
 * secret anyway) until the sync engine has sent it encrypted to the puskesmas, then it is gone from the phone.
 */

/** The wraps under R, newest first. The previous one stays until the server holds the newest R. */
export const META_RECOVERY_WRAPS = 'recoveryWraps';
/** R sealed under the vault, until the server acknowledged it encrypted (sync/recovery-upload.ts). */
export const META_RECOVERY_PENDING = 'recoveryPending';

interface PendingRecovery {
  recoveryId: string;
  sealed: Uint8Array;
}

async function readWraps(db: PosyanduDb): Promise<RecoveryWrap[]> {
  const value = (await db.meta.get(META_RECOVERY_WRAPS))?.value;
  return Array.isArray(value) ? (value as RecoveryWrap[]) : [];
}

/** Meta rows for a new R over `secret`; the vault must be unlocked (R is sealed under it). */
async function rotatedRows(
  db: PosyanduDb,
  secret: Uint8Array<ArrayBuffer>,
  keep: RecoveryWrap | undefined,
  iterations: number,
): Promise<{ wraps: RecoveryWrap[]; pending: PendingRecovery }> {
  const code = newRecoveryCode();
  const wrap = await wrapWithRecoveryCode(secret, code, iterations);
  const sealed = await db.vault.seal(code);
  return { wraps: keep ? [wrap, keep] : [wrap], pending: { recoveryId: wrap.recoveryId, sealed } };
}

/**
 * After the first PIN, or the first unlock of a phone that had its PIN before recovery existed: a first R. Costs
 * two PBKDF2 runs once; a failure is only logged by the caller and tried again at the next unlock.
 */
export async function armRecoveryIfMissing(
  db: PosyanduDb,
  pin: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<boolean> {
  if (db.vault.state !== 'unlocked' || (await readWraps(db)).length > 0) return false;
  const wrapped = (await db.meta.get(META_VAULT_KEY))?.value as WrappedSecret | undefined;
  const secret = wrapped ? await revealWithPin(wrapped, pin) : null;
  if (!secret) return false;
  try {
    const { wraps, pending } = await rotatedRows(db, secret, undefined, iterations);
    await db.transaction('rw', db.meta, async () => {
      if ((await readWraps(db)).length > 0) return;
      await db.meta.put({ key: META_RECOVERY_WRAPS, value: wraps });
      await db.meta.put({ key: META_RECOVERY_PENDING, value: pending });
    });
    return true;
  } finally {
    secret.fill(0);
  }
}

async function readTries(db: PosyanduDb): Promise<PinTries> {
  return ((await db.meta.get(META_PIN_TRIES))?.value as PinTries | undefined) ?? NO_TRIES;
}

type Revealed = { ok: true; secret: Uint8Array<ArrayBuffer>; used: RecoveryWrap } | Exclude<UnlockResult, { ok: true }>;

/** R against every wrap kept; a wrong R counts in the same growing wait as a wrong PIN. */
async function reveal(db: PosyanduDb, typed: string, now: () => number): Promise<Revealed> {
  const tries = await readTries(db);
  const wait = remainingWait(tries, now());
  if (wait > 0) return { ok: false, reason: 'wait', waitMs: wait };
  for (const wrap of await readWraps(db)) {
    const secret = await revealWithRecoveryCode(wrap, typed);
    if (secret) return { ok: true, secret, used: wrap };
  }
  const next = afterWrongPin(tries, now());
  await db.meta.put({ key: META_PIN_TRIES, value: next });
  return { ok: false, reason: 'wrong', triesLeft: triesLeft(next), waitMs: remainingWait(next, now()) };
}

/** Whether the typed R opens this phone, before the kader types a new PIN; wrong codes count. */
export async function checkRecoveryCode(
  db: PosyanduDb,
  typed: string,
  now: () => number = Date.now,
): Promise<UnlockResult> {
  const result = await reveal(db, typed, now);
  if (!result.ok) return result;
  result.secret.fill(0);
  return { ok: true };
}

/**
 * R and a new PIN: the secret re-wrapped under the PIN, the tries reset, a new R drawn (the used one is spent:
 * it stays only until the server holds the new one, so a phone that has not synced yet can still be recovered),
 * all in one transaction, then the app unlocks. Every record and the outbox are untouched: the secret is the same.
 */
export async function recoverWithCode(
  db: PosyanduDb,
  typed: string,
  newPin: string,
  options: { now?: () => number; iterations?: number; drafts?: DraftStore } = {},
): Promise<UnlockResult> {
  if (!isValidPin(newPin)) throw new Error('a PIN is six digits');
  const result = await reveal(db, typed, options.now ?? Date.now);
  if (!result.ok) return result;
  const { secret, used } = result;
  try {
    const iterations = options.iterations ?? PBKDF2_ITERATIONS;
    const wrapped = await wrapWithPin(secret, newPin, iterations);
    const keys = await importSecret(secret);
    await db.vault.unlockAfter(keys, async () => {
      const { wraps, pending } = await rotatedRows(db, secret, used, iterations);
      await db.transaction('rw', db.meta, async () => {
        await db.meta.put({ key: META_VAULT_KEY, value: wrapped });
        await db.meta.put({ key: META_PIN_TRIES, value: NO_TRIES });
        await db.meta.put({ key: META_RECOVERY_WRAPS, value: wraps });
        await db.meta.put({ key: META_RECOVERY_PENDING, value: pending });
      });
      await options.drafts?.load();
    });
  } catch (error) {
    db.vault.lock();
    throw error;
  } finally {
    secret.fill(0);
  }
  return { ok: true };
}

/** R waiting to be sent (unlocked only), formatted as it is typed; null when the server already has it. */
export async function pendingRecoveryCode(db: PosyanduDb): Promise<{ recoveryId: string; code: string } | null> {
  const pending = (await db.meta.get(META_RECOVERY_PENDING))?.value as PendingRecovery | undefined;
  if (!pending) return null;
  const code = await db.vault.open(pending.sealed);
  return typeof code === 'string' ? { recoveryId: pending.recoveryId, code: formatOneTimeCode(code) } : null;
}

/** The server holds R `recoveryId` (encrypted): R leaves the phone, and older wraps are dropped. */
export async function recoveryUploaded(db: PosyanduDb, recoveryId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const pending = (await db.meta.get(META_RECOVERY_PENDING))?.value as PendingRecovery | undefined;
    if (pending?.recoveryId !== recoveryId) return;
    await db.meta.delete(META_RECOVERY_PENDING);
    const wraps = (await readWraps(db)).filter((w) => w.recoveryId === recoveryId);
    await db.meta.put({ key: META_RECOVERY_WRAPS, value: wraps });
  });
}
