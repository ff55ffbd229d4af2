import { SEALED_META_KEYS, sealRow } from './crypto-middleware.ts';
import type { VaultState } from './crypto-vault.ts';
import {
  importSecret,
  PBKDF2_ITERATIONS,
  randomBytes,
  unwrapWithPin,
  wrapWithPin,
  type WrappedSecret,
} from './crypto-keys.ts';
import type { PersonRow, PosyanduDb } from './db.ts';
import type { DraftStore } from './draft-store.ts';
import { fromPersonRow, toPersonRow } from './search-terms.ts';
import { afterWrongPin, isValidPin, NO_TRIES, remainingWait, triesLeft, type PinTries } from './pin-lockout.ts';

/** The master secret wrapped under the PIN (never the secret itself). */
export const META_VAULT_KEY = 'vaultKey';
/** Wrong PINs so far and the wait they earned: kept across reloads, so closing the app does not reset them. */
export const META_PIN_TRIES = 'pinTries';

export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'wrong'; triesLeft: number; waitMs: number }
  | { ok: false; reason: 'wait'; waitMs: number };

/** What the app shows at start: no PIN yet (set one), locked (ask it), unlocked (this session entered it). */
export async function readVaultState(db: PosyanduDb): Promise<VaultState> {
  if (db.vault.state !== 'plain') return db.vault.state;
  const row = await db.meta.get(META_VAULT_KEY);
  if (row) db.vault.lock();
  return db.vault.state;
}

/**
 * The first PIN: a new random secret, wrapped under the PIN, and every row already on the phone (an app from
 * before encryption, with its queued outbox) encrypted in place. The rows are sealed before the transaction (no
 * crypto inside it), then written in one transaction with the wrapped secret: a failure leaves the phone exactly
 * as it was, unencrypted and with no PIN. Nothing else writes meanwhile (the app shows only the PIN screen and
 * sync has not started); the row counts are checked inside the transaction all the same.
 */
export async function setFirstPin(
  db: PosyanduDb,
  pin: string,
  iterations = PBKDF2_ITERATIONS,
  drafts?: DraftStore,
  /** More work with the keys in place before any screen shows (the recovery wrap, pin-recovery.ts). */
  prepare?: () => Promise<unknown>,
): Promise<void> {
  if (!isValidPin(pin)) throw new Error('a PIN is six digits');
  if ((await readVaultState(db)) !== 'plain') throw new Error('this phone already has a PIN');
  const secret = randomBytes(32);
  const wrapped = await wrapWithPin(secret, pin, iterations);
  const keys = await importSecret(secret);
  secret.fill(0);

  const plain = await db.transaction('r', db.tables, async () => {
    const cards = new Map((await db.households.toArray()).map((h) => [h.id, h.familyCardNumber]));
    const byTable = new Map<string, Record<string, unknown>[]>();
    for (const table of db.tables) {
      let rows = (await table.toArray()) as Record<string, unknown>[];
      // The meta rows to seal (the token, the day roster); the rest of meta stays as it is.
      if (table.name === 'meta') rows = rows.filter((row) => SEALED_META_KEYS.has(String(row.key)));
      // Search terms from before encryption were whole words; blind terms are matched whole, so every prefix.
      if (table.name === 'persons') {
        rows = (rows as unknown as PersonRow[]).map(
          (row) => toPersonRow(fromPersonRow(row), cards.get(row.householdId)) as unknown as Record<string, unknown>,
        );
      }
      byTable.set(table.name, rows);
    }
    return byTable;
  });

  try {
    await db.vault.unlockAfter(keys, async () => {
      const sealed = new Map<string, Record<string, unknown>[]>();
      for (const [name, rows] of plain)
        sealed.set(name, await Promise.all(rows.map((row) => sealRow(db.vault, name, row))));
      await db.transaction('rw', db.tables, async () => {
        for (const table of db.tables) {
          const rows = sealed.get(table.name) ?? [];
          if (table.name !== 'meta' && (await table.count()) !== rows.length)
            throw new Error('the phone changed meanwhile');
          // put with each row's own key: the outbox keeps its seqs, so its order and the batch in flight survive.
          if (rows.length > 0) await table.bulkPut(rows);
        }
        await db.meta.put({ key: META_VAULT_KEY, value: wrapped });
        await db.meta.put({ key: META_PIN_TRIES, value: NO_TRIES });
      });
      await drafts?.load();
      await prepare?.();
    });
  } catch (error) {
    db.vault.forget();
    throw error;
  }
}

async function readTries(db: PosyanduDb): Promise<PinTries> {
  const value = (await db.meta.get(META_PIN_TRIES))?.value as PinTries | undefined;
  return value ?? NO_TRIES;
}

/** Unlocks with the PIN, or says how many tries are left or how long to wait. */
export async function unlockWithPin(
  db: PosyanduDb,
  pin: string,
  now: () => number = Date.now,
  drafts?: DraftStore,
  prepare?: () => Promise<unknown>,
): Promise<UnlockResult> {
  const tries = await readTries(db);
  const wait = remainingWait(tries, now());
  if (wait > 0) return { ok: false, reason: 'wait', waitMs: wait };
  const wrapped = (await db.meta.get(META_VAULT_KEY))?.value as WrappedSecret | undefined;
  if (!wrapped) throw new Error('this phone has no PIN yet');
  const keys = isValidPin(pin) ? await unwrapWithPin(wrapped, pin) : null;
  if (!keys) {
    const next = afterWrongPin(tries, now());
    await db.meta.put({ key: META_PIN_TRIES, value: next });
    return { ok: false, reason: 'wrong', triesLeft: triesLeft(next), waitMs: remainingWait(next, now()) };
  }
  if (tries.failures > 0) await db.meta.put({ key: META_PIN_TRIES, value: NO_TRIES });
  await db.vault.unlockAfter(keys, async () => {
    await drafts?.load();
    await prepare?.();
  });
  return { ok: true };
}

/** The wait still running from earlier wrong PINs (the lock screen shows it at start). */
export async function pinWait(db: PosyanduDb, now: () => number = Date.now): Promise<number> {
  return remainingWait(await readTries(db), now());
}
