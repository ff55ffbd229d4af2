import type { PosyanduDb } from './db.ts';
import type { DraftStore } from './draft-store.ts';
import { SignOutBlockedError } from './errors.ts';
import { readSyncCounts } from './outbox-counts.ts';

/**
 * Signs this phone out: every record, the enrollment, the PIN's wrapped key and the drafts are removed, so the
 * phone can be handed to another kader (or given back) with nothing of the posyandu left on it. Refused while a
 * record waits to be sent or a rejected one is unresolved, checked in the same transaction that clears, so a
 * record saved a moment before can never be wiped unsent. The puskesmas keeps everything that was sent.
 */
export async function signOutPhone(db: PosyanduDb, drafts: DraftStore): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    const counts = await readSyncCounts(db);
    if (counts.pending + counts.rejected > 0) throw new SignOutBlockedError(counts.pending + counts.rejected);
    for (const table of db.tables) await table.clear();
  });
  drafts.removeAll();
  // No PIN is left on the phone: the next kader enrolls and sets her own.
  db.vault.forget();
}
