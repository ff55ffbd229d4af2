import { formatHeldRanges, MAX_HELD_RANGES, toRanges } from '../../protocol/held-seqs.ts';
import type { PullResponse } from '../../protocol/sync.ts';
import { loadWireSchemas } from '../../protocol/wire-schemas.ts';
import type { Storage } from '../storage/index.ts';
import { SyncError, requestJson, type HttpDeps } from './http.ts';

export interface PullDeps extends HttpDeps {
  baseUrl: string;
  storage: Storage;
  token: string;
  pageSize: number;
  /** After each page of a pull that takes more than one: records received so far, and the expected total. */
  onProgress?: (received: number, total: number) => void;
  /** Seqs this run's push reported stored exactly as sent: the server leaves them out (protocol/held-seqs.ts). */
  held?: readonly number[];
}

/** Upper bound on pages per run, so a server that always says hasMore cannot hold the lock forever. */
const MAX_PAGES_PER_RUN = 10_000;

/**
 * Pages through the server's changes since the stored cursor until hasMore is false. Each page and its cursor
 * are applied in one local transaction, so an interrupted pull (a closed app, a lost signal) resumes after the
 * last page applied, never from the start.
 *
 * The next page is asked for as soon as a page arrives, while the phone writes it: the server reads and sends
 * page n+1 while IndexedDB stores page n. Only the answer is early; the cursor it moves to is stored with the page
 * itself, so a page that never gets applied (the app closed, the write failed) is asked for again next time.
 * As soon as it arrives, the next page is sealed ahead too (storage.preparePulledChanges), while this one is
 * still being written.
 */
export async function pullChanges(deps: PullDeps): Promise<number> {
  let cursor = await deps.storage.getPullCursor();
  let received = 0;
  // The lowest ranges first: the pull walks up from the cursor, and ranges past the cap only cost a download.
  const held = formatHeldRanges(toRanges(deps.held ?? []).slice(0, MAX_HELD_RANGES));
  let next = fetchPage(deps, cursor, held);
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const { answer, reading } = await next;
    if (answer.hasMore && page + 1 < MAX_PAGES_PER_RUN) {
      next = fetchPage(deps, answer.cursor, held);
      // Sealed while this page is written: the encryption of one overlaps the other's IndexedDB writes. Awaited
      // on the next turn; if this page's write fails first, its failure is the one reported.
      next.then(({ answer: coming }) => deps.storage.preparePulledChanges(coming.changes)).catch(() => undefined);
    }
    // The server's time goes in with the page: one local commit per page.
    await deps.storage.applyPulledChanges(answer.changes, answer.cursor, reading);
    // The posyandu as staff now have it (name, codes, dusun): the household form offers it from then on.
    if (answer.posyandu) await deps.storage.refreshPosyandu(answer.posyandu);
    received += answer.changes.length;
    cursor = answer.cursor;
    const { remaining, hasMore } = answer;
    // A one-page pull is over before anyone could read a progress line; a long first pull is not.
    if (remaining !== undefined && (hasMore || page > 0)) deps.onProgress?.(received, received + remaining);
    if (!hasMore) break;
  }
  return received;
}

type ServerTimeReading = Parameters<Storage['applyPulledChanges']>[2];

interface FetchedPage {
  answer: PullResponse;
  reading: ServerTimeReading | undefined;
}

/** One page of the pull, checked; the server-time reading is taken when the answer arrives, not when it is used. */
async function fetchPage(deps: PullDeps, since: string | null, held: string): Promise<FetchedPage> {
  const query = new URLSearchParams({ limit: String(deps.pageSize) });
  if (since !== null) query.set('since', since);
  if (held !== '') query.set('held', held);
  const sentAt = deps.now();
  const raw = await requestJson(deps, `${deps.baseUrl}/api/v1/sync/pull?${query}`, {
    method: 'GET',
    headers: { Authorization: `Bearer ${deps.token}` },
  });
  const receivedAt = deps.now();
  const { PullResponseSchema } = await loadWireSchemas();
  const parsed = PullResponseSchema.safeParse(raw);
  if (!parsed.success) throw new SyncError('bad-response', 'pull answer has the wrong shape', true);
  const { serverTime } = parsed.data;
  return {
    answer: parsed.data,
    reading: serverTime ? { serverTime, sentAtMs: sentAt, receivedAtMs: receivedAt } : undefined,
  };
}
