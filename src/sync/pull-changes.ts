import { formatHeldRanges, MAX_HELD_RANGES, toRanges } from '../../protocol/held-seqs.ts';
import { PullResponseSchema } from '../../protocol/sync.ts';
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
 */
export async function pullChanges(deps: PullDeps): Promise<number> {
  let cursor = await deps.storage.getPullCursor();
  let received = 0;
  // The lowest ranges first: the pull walks up from the cursor, and ranges past the cap only cost a download.
  const held = formatHeldRanges(toRanges(deps.held ?? []).slice(0, MAX_HELD_RANGES));
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const query = new URLSearchParams({ limit: String(deps.pageSize) });
    if (cursor !== null) query.set('since', cursor);
    if (held !== '') query.set('held', held);
    const sentAt = deps.now();
    const raw = await requestJson(deps, `${deps.baseUrl}/api/v1/sync/pull?${query}`, {
      method: 'GET',
      headers: { Authorization: `Bearer ${deps.token}` },
    });
    const parsed = PullResponseSchema.safeParse(raw);
    if (!parsed.success) throw new SyncError('bad-response', 'pull answer has the wrong shape', true);
    // The server's time goes in with the page: one local commit per page.
    const { serverTime } = parsed.data;
    const reading = serverTime ? { serverTime, sentAtMs: sentAt, receivedAtMs: deps.now() } : undefined;
    await deps.storage.applyPulledChanges(parsed.data.changes, parsed.data.cursor, reading);
    // The posyandu as staff now have it (name, codes, dusun): the household form offers it from then on.
    if (parsed.data.posyandu) await deps.storage.refreshPosyandu(parsed.data.posyandu);
    received += parsed.data.changes.length;
    cursor = parsed.data.cursor;
    const { remaining, hasMore } = parsed.data;
    // A one-page pull is over before anyone could read a progress line; a long first pull is not.
    if (remaining !== undefined && (hasMore || page > 0)) deps.onProgress?.(received, received + remaining);
    if (!parsed.data.hasMore) break;
  }
  return received;
}
