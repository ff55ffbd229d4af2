/**
 * How many wrong PINs before the app makes the kader wait, and for how long. Pure: the clock comes in, so the
 * timing is tested without waiting. Nothing is ever wiped after wrong tries: a wipe would lose unsynced records,
 * and a growing wait already makes guessing a 6-digit PIN impractical (docs/security.md).
 */

/** Wrong PINs allowed before the first wait. */
export const FREE_TRIES = 5;
/** The first wait; each further wrong PIN doubles it, up to MAX_WAIT_MS. */
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 60 * 60_000;

export interface PinTries {
  /** Wrong PINs since the last right one. */
  failures: number;
  /** Epoch ms before which no PIN is even tried; 0 when none. */
  waitUntil: number;
}

export const NO_TRIES: PinTries = { failures: 0, waitUntil: 0 };

/** The wait after the given number of consecutive wrong PINs (0 while free tries remain). */
export function waitAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_TRIES));
}

/** The tries after one more wrong PIN at `now`. */
export function afterWrongPin(tries: PinTries, now: number): PinTries {
  const failures = tries.failures + 1;
  const wait = waitAfter(failures);
  return { failures, waitUntil: wait > 0 ? now + wait : 0 };
}

/** How long the kader must still wait at `now` before a PIN is tried (0 = she may type it). */
export function remainingWait(tries: PinTries, now: number): number {
  return Math.max(0, tries.waitUntil - now);
}

/** Wrong PINs she may still make before a wait starts. */
export function triesLeft(tries: PinTries): number {
  return Math.max(0, FREE_TRIES - tries.failures);
}

/** A PIN is exactly six digits (the kader's keypad; docs/security.md explains the length). */
export function isValidPin(pin: string): boolean {
  return /^[0-9]{6}$/.test(pin);
}
