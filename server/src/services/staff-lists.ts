import type { PosyanduSummary } from '../db/staff-store.ts';
import type { Store } from '../db/store.ts';
import { growthTablesFrom } from './growth-tables-file.ts';
import { listCacheOf, type PosyanduJudged } from './staff-list-cache.ts';
import { LIST_NAMES, type ListName, type ListRow, compareRows } from './staff-list-rows.ts';
import { StaffAccessError, canSee, visiblePosyandu } from './staff-scope.ts';
import type { StaffActor } from './staff-sessions.ts';

/** Which posyandu a list covers: the whole visible puskesmas, one desa (Kemendagri village code) or one posyandu. */
export type ListScope =
  { kind: 'puskesmas' } | { kind: 'desa'; villageCode: string } | { kind: 'posyandu'; id: string };

export interface ScopedRow extends ListRow {
  posyanduId: string;
  posyanduName: string;
  desa: string | null;
}

export type ListCounts = Record<ListName, number>;

interface Judged {
  asOf: string;
  /** Some rows are of an earlier day or earlier rules, judged again in the background (staff-list-cache.ts). */
  refreshing: boolean;
  /** The earliest day the scope's rows were judged for, and when the oldest of them were judged. */
  judgedFor: string;
  judgedAt: string;
  tables: 'ok' | 'missing';
  posyandus: PosyanduSummary[];
  byPosyandu: Map<string, PosyanduJudged>;
}

/** The posyandu of the scope this staff member may see; a scope she may not see is a 403, an unknown one a 404. */
async function posyandusOf(store: Store, actor: StaffActor, scope: ListScope): Promise<PosyanduSummary[]> {
  const all = await store.listPosyanduSummaries(actor.staff.puskesmasId);
  if (scope.kind === 'posyandu') {
    await visiblePosyandu(store, actor, scope.id, false);
    return all.filter((p) => p.id === scope.id);
  }
  const inScope = scope.kind === 'desa' ? all.filter((p) => p.villageCode === scope.villageCode) : all;
  if (scope.kind === 'desa' && inScope.length === 0) throw new StaffAccessError('not-found', 'Desa tidak ditemukan.');
  const visible = inScope.filter((p) => canSee(actor, p));
  if (scope.kind === 'desa' && visible.length === 0) {
    throw new StaffAccessError('forbidden', 'Anda tidak berwenang atas desa ini.');
  }
  return visible;
}

async function judgeScope(
  store: Store,
  actor: StaffActor,
  scope: ListScope,
  growthTablesFile: string,
  now: Date,
): Promise<Judged> {
  const posyandus = await posyandusOf(store, actor, scope);
  const asOf = now.toISOString().slice(0, 10);
  const tables = await growthTablesFrom(growthTablesFile);
  const growth = tables.ok ? tables.tables : undefined;
  const cache = listCacheOf(store);
  const byPosyandu = new Map<string, PosyanduJudged>();
  const seqs = await store.listPosyanduSeqs(actor.staff.puskesmasId);
  // One posyandu after another: SQLite has one queue anyway, and PostgreSQL's pool is shared with the phones.
  await cache.answering(async () => {
    await cache.preload(
      posyandus.map((p) => p.id),
      growth,
    );
    for (const p of posyandus) byPosyandu.set(p.id, await cache.judged(p.id, asOf, growth, seqs.get(p.id)));
  });
  const parts = [...byPosyandu.values()];
  const oldest = parts.reduce<PosyanduJudged | undefined>((o, p) => (!o || p.judgedAt < o.judgedAt ? p : o), undefined);
  return {
    asOf,
    refreshing: parts.some((p) => p.stale),
    judgedFor: parts.reduce((min, p) => (p.asOf < min ? p.asOf : min), asOf),
    judgedAt: oldest?.judgedAt ?? now.toISOString(),
    tables: tables.ok ? 'ok' : 'missing',
    posyandus,
    byPosyandu,
  };
}

/**
 * The day the answer was judged for (`asOf`), and `refreshing` while rows of an earlier day are answered because
 * a restarted server (a new day, upgraded rules) is judging them again in the background (staff-list-cache.ts).
 */
function freshness(judged: Judged) {
  const { refreshing, judgedAt } = judged;
  return { asOf: judged.judgedFor, ...(refreshing ? { refreshing, judgedAt } : {}) };
}

function emptyCounts(): ListCounts {
  return Object.fromEntries(LIST_NAMES.map((n) => [n, 0])) as ListCounts;
}

/** The dashboard: how many people each list holds, for the scope and for each of its posyandu. */
export async function listCountsForStaff(
  store: Store,
  actor: StaffActor,
  scope: ListScope,
  growthTablesFile: string,
  now: Date,
) {
  const judged = await judgeScope(store, actor, scope, growthTablesFile, now);
  const total = emptyCounts();
  const posyandus = judged.posyandus.map((p) => {
    const counts = emptyCounts();
    const one = judged.byPosyandu.get(p.id);
    for (const list of LIST_NAMES) {
      counts[list] = one?.counts[list] ?? 0;
      total[list] += counts[list];
    }
    return { id: p.id, name: p.name, desa: p.desa, villageCode: p.villageCode, counts };
  });
  return { ...freshness(judged), tables: judged.tables, counts: total, posyandus };
}

/** The first `limit` rows of lists each already in order, merged: ten thousand rows need no sort per request. */
function mergeHeads(lists: { rows: readonly ListRow[]; posyandu: PosyanduSummary }[], limit: number): ScopedRow[] {
  const at = lists.map(() => 0);
  const out: ScopedRow[] = [];
  while (out.length < limit) {
    let best = -1;
    lists.forEach((l, i) => {
      const row = l.rows[at[i] ?? 0];
      const bestList = lists[best];
      const bestRow = bestList ? bestList.rows[at[best] ?? 0] : undefined;
      if (row && (!bestRow || compareRows(row, bestRow) < 0)) best = i;
    });
    const chosen = lists[best];
    const row = chosen?.rows[at[best] ?? 0];
    if (!chosen || !row) break;
    at[best] = (at[best] ?? 0) + 1;
    out.push({
      ...row,
      posyanduId: chosen.posyandu.id,
      posyanduName: chosen.posyandu.name,
      desa: chosen.posyandu.desa,
    });
  }
  return out;
}

/** One list over the scope, at most `limit` rows (the total is given), each row naming its posyandu and desa. */
export async function listForStaff(
  store: Store,
  actor: StaffActor,
  list: ListName,
  scope: ListScope,
  limit: number,
  growthTablesFile: string,
  now: Date,
) {
  const judged = await judgeScope(store, actor, scope, growthTablesFile, now);
  const cache = listCacheOf(store);
  const ids = judged.posyandus.filter((p) => judged.byPosyandu.has(p.id)).map((p) => p.id);
  const rows = await cache.answering(() => cache.listRows(ids, list));
  const lists = judged.posyandus.flatMap((posyandu) => {
    const own = rows.get(posyandu.id);
    return own ? [{ rows: own, posyandu }] : [];
  });
  const total = lists.reduce((n, l) => n + l.rows.length, 0);
  return { ...freshness(judged), tables: judged.tables, list, total, rows: mergeHeads(lists, limit) };
}
