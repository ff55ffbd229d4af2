import type { PosyanduRow, Store } from '../db/store.ts';
import type { StaffActor } from './staff-sessions.ts';

/** Admin and read-only see their whole puskesmas; a `staff` account only the posyandu she is assigned to. */
export function canSee(actor: StaffActor, posyandu: Pick<PosyanduRow, 'id' | 'puskesmasId'>): boolean {
  if (posyandu.puskesmasId !== actor.staff.puskesmasId) return false;
  return actor.staff.role !== 'staff' || actor.posyanduIds.has(posyandu.id);
}

/** Read-only accounts change nothing; the others change what they see. */
export function canChange(actor: StaffActor, posyandu: Pick<PosyanduRow, 'id' | 'puskesmasId'>): boolean {
  return actor.staff.role !== 'read-only' && canSee(actor, posyandu);
}

/** Creating a posyandu is a matter for the whole puskesmas: admin only. */
export function canCreatePosyandu(actor: StaffActor): boolean {
  return actor.staff.role === 'admin';
}

export class StaffAccessError extends Error {
  constructor(
    readonly kind: 'forbidden' | 'not-found',
    message: string,
  ) {
    super(message);
  }
}

/** The posyandu, when this staff member may see it (or change it, with `change`); otherwise a 404 or 403. */
export async function visiblePosyandu(
  store: Store,
  actor: StaffActor,
  posyanduId: string,
  change: boolean,
): Promise<PosyanduRow> {
  const posyandu = await store.getPosyandu(posyanduId);
  if (!posyandu) throw new StaffAccessError('not-found', 'Posyandu tidak ditemukan.');
  if (!canSee(actor, posyandu)) throw new StaffAccessError('forbidden', 'Anda tidak berwenang atas posyandu ini.');
  if (change && !canChange(actor, posyandu)) {
    throw new StaffAccessError('forbidden', 'Akun baca-saja tidak dapat mengubah data.');
  }
  return posyandu;
}
