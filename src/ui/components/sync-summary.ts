import type { StringKey } from '../../i18n/index.ts';
import type { SyncStatus } from '../../sync/index.ts';

export interface SyncLine {
  key: StringKey;
  params?: Record<string, string | number>;
}

/**
 * The sync card's two lines, chosen so that they never contradict each other: a phone that has never finished a
 * sync does not say "everything was sent", and one fetching its posyandu for the first time says so.
 */
export function syncSummary(
  status: Pick<SyncStatus, 'pending' | 'running' | 'progress' | 'lastSuccessAt'> &
    Partial<Pick<SyncStatus, 'lastReceived'>>,
  formatWhen: (iso: string) => string,
): { headline: SyncLine; detail: SyncLine | null } {
  const { pending, running, progress, lastSuccessAt } = status;
  const neverSynced = lastSuccessAt === null;
  let headline: SyncLine;
  if (pending > 0) headline = { key: 'syncWaiting', params: { count: pending } };
  else if (neverSynced && running) headline = { key: 'syncFirstPull' };
  else if (neverSynced) headline = { key: 'syncNothingWaiting' };
  else headline = { key: 'syncAllSent' };
  // While the first pull runs the headline already says what happens; "never sent" beside it would alarm.
  if (neverSynced && running && !progress) return { headline, detail: null };
  // What came in is said on the same line, so the card does not grow (and shift the home) when it did.
  const received = status.lastReceived ?? 0;
  const detail: SyncLine = neverSynced
    ? { key: 'syncNever' }
    : received > 0
      ? { key: 'syncLastReceived', params: { when: formatWhen(lastSuccessAt), count: received } }
      : { key: 'syncLast', params: { when: formatWhen(lastSuccessAt) } };
  return { headline, detail };
}
