import type { Enrollment } from '../../protocol/enrollment.ts';
import type { PulledPosyandu } from '../../protocol/sync.ts';
import { loadWireSchemas } from '../../protocol/wire-schemas.ts';
import { ReenrollBlockedError, ValidationError, issuesFromZod } from './errors.ts';
import { readSyncCounts } from './outbox-counts.ts';
import {
  META_ENROLLMENT,
  META_TOKEN,
  META_TOKEN_SINCE,
  type StorageContext,
  type StoredEnrollment,
} from './write-context.ts';

/** The enrollment as stored: the token may be gone (a 401 forgets it) while the identity stays for offline work. */
export type DeviceEnrollment = StoredEnrollment & { token: string | null };

export async function getEnrollment(context: StorageContext): Promise<DeviceEnrollment | null> {
  const { db } = context;
  return db.transaction('r', [db.meta], async () => {
    const identity = (await db.meta.get(META_ENROLLMENT))?.value as StoredEnrollment | undefined;
    if (!identity) return null;
    // Locked: the token is encrypted and not needed (nothing syncs while locked); the identity is still shown.
    const token = db.vault.state === 'locked' ? null : (await db.meta.get(META_TOKEN))?.value;
    return { ...identity, token: typeof token === 'string' ? token : null };
  });
}

/**
 * Stores what the kader was given. The queue is kept: records already saved still go out under this token. The
 * same kader at the same posyandu may enroll again at any time (a revoked or lost token is how queued records get
 * out); another kader or posyandu may not while a record waits or a rejected one is unresolved, because those
 * records were written in the first kader's name (ReenrollBlockedError, the count shown to her).
 */
export async function saveEnrollment(context: StorageContext, enrollment: Enrollment): Promise<void> {
  const { EnrollmentSchema } = await loadWireSchemas();
  const parsed = EnrollmentSchema.safeParse(enrollment);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error));
  const { token, ...identity } = parsed.data;
  const { db } = context;
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    const current = (await db.meta.get(META_ENROLLMENT))?.value as StoredEnrollment | undefined;
    if (current && (current.kaderId !== identity.kaderId || current.posyanduId !== identity.posyanduId)) {
      const counts = await readSyncCounts(db);
      if (counts.pending + counts.rejected > 0) throw new ReenrollBlockedError(counts.pending + counts.rejected);
    }
    await db.meta.put({ key: META_ENROLLMENT, value: identity });
    await db.meta.put({ key: META_TOKEN, value: token });
    await db.meta.delete(META_TOKEN_SINCE);
  });
}

/**
 * The posyandu's name and area as the server sent them with a pull: staff renamed it, corrected its codes or
 * changed its dusun list. Only the stored identity's posyandu fields change (kader, device and token stay), and
 * only when something differs, so a pull that brings the same area writes nothing. Returns whether it changed.
 */
export async function refreshPosyandu(context: StorageContext, posyandu: PulledPosyandu): Promise<boolean> {
  const { db } = context;
  return db.transaction('rw', [db.meta], async () => {
    const current = (await db.meta.get(META_ENROLLMENT))?.value as StoredEnrollment | undefined;
    if (!current) return false;
    // No area in the answer keeps the phone's: staff cannot remove a posyandu's codes, and a pustu relay knows
    // only the posyandu's name.
    const area = posyandu.area ?? current.area;
    const sameArea = JSON.stringify(sortedKeys(area)) === JSON.stringify(sortedKeys(current.area));
    if (posyandu.name === current.posyanduName && sameArea) return false;
    const next: StoredEnrollment = { ...current, posyanduName: posyandu.name, ...(area ? { area } : {}) };
    await db.meta.put({ key: META_ENROLLMENT, value: next });
    return true;
  });
}

function sortedKeys(value: object | undefined): unknown {
  return value ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : null;
}

/** Since when the current token is in use; null until the first sync with it noted the time. */
export async function getTokenSince(context: StorageContext): Promise<string | null> {
  const value = (await context.db.meta.get(META_TOKEN_SINCE))?.value;
  return typeof value === 'string' ? value : null;
}

/** A rotated token replaces the current one, or only the time is noted (`token` null). */
export async function setToken(context: StorageContext, token: string | null, since: string): Promise<void> {
  const { db } = context;
  await db.transaction('rw', [db.meta], async () => {
    if (token !== null) await db.meta.put({ key: META_TOKEN, value: token });
    await db.meta.put({ key: META_TOKEN_SINCE, value: since });
  });
}

/** After a 401: the token is useless, but the identity and every queued change stay. */
export async function forgetToken(context: StorageContext): Promise<void> {
  await context.db.meta.delete(META_TOKEN);
}
