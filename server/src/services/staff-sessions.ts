import { createHash, randomBytes } from 'node:crypto';
import type { StaffRow } from '../db/staff-store.ts';
import type { Store } from '../db/store.ts';
import { audit } from './staff-audit.ts';
import { dummyPasswordHash, verifyPassword } from './staff-passwords.ts';
import type { SignInLimiter } from './staff-rate-limit.ts';

/** A session dies after this long without a request: a shared puskesmas computer left open is closed for her. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

export function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}

export interface StaffActor {
  staff: StaffRow;
  /** The posyandu a `staff` account is scoped to; empty for admin and read-only (the whole puskesmas). */
  posyanduIds: ReadonlySet<string>;
  csrfToken: string;
  sessionHash: string;
}

export type SignInResult =
  | { ok: true; sessionId: string; csrfToken: string; staff: StaffRow }
  | { ok: false; reason: 'wrong-credentials' }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

/** Checks the password (a wrong username costs the same time as a wrong password) and opens a session. */
export async function signIn(
  store: Store,
  limiter: SignInLimiter,
  input: { username: string; password: string; address: string },
  now: Date,
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase();
  const retryAfterSeconds = limiter.retryAfterSeconds(username, input.address, now.getTime());
  if (retryAfterSeconds > 0) {
    await audit(store, { staffId: null, username, address: input.address }, 'sign-in-throttled', null, now);
    return { ok: false, reason: 'rate-limited', retryAfterSeconds };
  }
  const found = await store.findStaffByUsername(username);
  const valid = await verifyPassword(input.password, found?.passwordHash ?? (await dummyPasswordHash()));
  if (!found || !valid) {
    limiter.recordFailure(username, input.address, now.getTime());
    await audit(store, { staffId: found?.id ?? null, username, address: input.address }, 'sign-in-failed', null, now);
    return { ok: false, reason: 'wrong-credentials' };
  }
  limiter.recordSuccess(username);
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await store.createSession(hashSessionId(sessionId), {
    staffId: found.id,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
  });
  await audit(store, { staffId: found.id, username, address: input.address }, 'sign-in', null, now);
  const { passwordHash: _hash, ...staff } = found;
  return { ok: true, sessionId, csrfToken, staff };
}

/** The staff member behind a session cookie, or null when it is unknown or idle too long; each use extends it. */
export async function resolveSession(store: Store, sessionId: string, now: Date): Promise<StaffActor | null> {
  if (sessionId.length < 40 || sessionId.length > 100) return null;
  const sessionHash = hashSessionId(sessionId);
  const session = await store.findSession(sessionHash);
  if (!session) return null;
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    await store.deleteSession(sessionHash);
    return null;
  }
  const staff = await store.getStaff(session.staffId);
  if (!staff) return null;
  await store.extendSession(sessionHash, new Date(now.getTime() + SESSION_IDLE_MS).toISOString());
  const posyanduIds = new Set(staff.role === 'staff' ? await scopedPosyanduIds(store, staff) : []);
  return { staff, posyanduIds, csrfToken: session.csrfToken, sessionHash };
}

/**
 * A `staff` account sees the posyandu she is assigned to and every posyandu of the desa she is assigned to, read
 * at each request so a posyandu created later in her desa is hers at once (a bidan desa serves the whole desa).
 */
async function scopedPosyanduIds(store: Store, staff: StaffRow): Promise<string[]> {
  const [assigned, desas] = await Promise.all([
    store.listStaffPosyanduIds(staff.id),
    store.listStaffDesaCodes(staff.id),
  ]);
  return [...assigned, ...(await store.listPosyanduIdsInDesas(staff.puskesmasId, desas))];
}

export async function signOut(store: Store, actor: StaffActor, address: string, now: Date): Promise<void> {
  await store.deleteSession(actor.sessionHash);
  await audit(store, { staffId: actor.staff.id, username: actor.staff.username, address }, 'sign-out', null, now);
}
