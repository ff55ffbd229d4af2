import type { StaffStore } from '../db/staff-store.ts';

export interface AuditActor {
  staffId: string | null;
  username: string | null;
  address: string | null;
}

/** One line per staff action: who, what, when, on what. Written before the answer, so an action is never unrecorded. */
export async function audit(
  store: StaffStore,
  actor: AuditActor,
  action: string,
  target: string | null,
  now: Date,
): Promise<void> {
  await store.insertAudit({ at: now.toISOString(), ...actor, action, target });
}
