import type { GrowthTables } from '../../../src/domain/growth/index.ts';
import type { Store, StoredRecord } from '../db/store.ts';
import { growthTablesFrom } from './growth-tables-file.ts';
import { rulesVersion } from './rules-version.ts';
import {
  type ListCounts,
  emptyCounts,
  judgePeople,
  judgeWholePosyandu,
  judgementOf,
  maxSeq,
  namedPeople,
  nextTurn,
} from './staff-list-judge.ts';
import { sortRows } from './staff-list-order.ts';
import type { ListName, ListRow } from './staff-list-rows.ts';

export type { ListCounts };

/** One posyandu's judged residents: valid up to `seq` for one day and one set of tables. */
interface Entry {
  seq: number;
  asOf: string;
  /** The hash of the rules' source that judged the rows (rules-version.ts). */
  rulesVersion: string;
  withTables: boolean;
  judgedAt: string;
  counts: ListCounts;
  /** The lists read or judged so far, each in list order (compareRows); read from the database on first use. */
  lists: Map<ListName, ListRow[]>;
  /** Counts the updates, so a list read from the database while one ran is not kept as current. */
  updates: number;
}

export interface PosyanduJudged {
  /** How many rows each list holds. */
  counts: Readonly<ListCounts>;
  /** The day the rows were judged for: an earlier day while the judging for today runs in the background. */
  asOf: string;
  /** When they were judged (ISO time). */
  judgedAt: string;
  /** Judged for an earlier day or by earlier rules, and being judged again in the background. */
  stale: boolean;
}

/** More changed records than this since the last look, and the whole posyandu is read again (a first pull). */
const INCREMENTAL_LIMIT = 500;

const view = (entry: Entry, stale = false): PosyanduJudged => ({
  counts: entry.counts,
  asOf: entry.asOf,
  judgedAt: entry.judgedAt,
  stale,
});

/**
 * Judging every resident of a posyandu (a thousand people, eight tables) takes most of a second on a busy
 * machine, and the lists ask for the same posyandu again and again. Each resident's rows are kept in the database
 * (migration 0008) with each list's count, and in memory per list once read, so a restarted server answers the
 * dashboard from the counts alone and a list from that list's stored rows. When the
 * posyandu has records above the entry's seq (a push, a tombstone, a referral result), only the people those
 * records name are read and judged again, in memory and in the database. Rows judged for an earlier day are
 * answered as they are (the answer says their day) while the posyandu is judged for today in the background.
 * Rows judged by other rules (their source's hash: an upgrade) are answered the same way while judged again;
 * newly installed WHO tables judge the posyandu again at once.
 * One cache per store, so tests do not share it.
 */
export class StaffListCache {
  private readonly entries = new Map<string, Entry>();
  /** Per posyandu, the work running on it: a request and the background never judge one posyandu twice at once. */
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Posyandu queued for the background judging for a new day. */
  private readonly refreshing = new Set<string>();
  private background: Promise<void> = Promise.resolve();
  /** Set by `npm start` (staff-list-warm.ts): each push is then judged in the background as it arrives. */
  private follow: { growthTablesFile: string; now: () => Date } | undefined;
  private readonly pushedSince = new Set<string>();
  /** Staff requests being answered: the background judging waits for none, so they never queue behind it. */
  private serving = 0;

  constructor(
    private readonly store: Store,
    private readonly version = rulesVersion(),
  ) {}

  /** `lastSeq`, when the caller read it (posyandus.last_seq), spares the query that asks what is newer. */
  async judged(
    posyanduId: string,
    asOf: string,
    growth: GrowthTables | undefined,
    lastSeq?: number,
  ): Promise<PosyanduJudged> {
    const known = this.entries.get(posyanduId);
    // Already being judged for today in the background: the earlier day's rows, without waiting for it.
    if (known && this.refreshing.has(posyanduId) && known.withTables === (growth !== undefined)) {
      return view(known, true);
    }
    return this.serially(posyanduId, () => this.judgedNow(posyanduId, asOf, growth, lastSeq));
  }

  /**
   * One list's rows of each of these posyandu, in list order, read from the database in one query for those not
   * in memory yet. Call after `judged` (it reads the posyandu in, or judges it).
   */
  async listRows(posyanduIds: readonly string[], list: ListName): Promise<Map<string, readonly ListRow[]>> {
    const missing = posyanduIds.flatMap((id) => {
      const entry = this.entries.get(id);
      return entry && !entry.lists.has(list) ? [{ id, entry, updates: entry.updates }] : [];
    });
    const answer = new Map<string, readonly ListRow[]>();
    if (missing.length > 0) {
      const read = new Map<string, ListRow[]>(missing.map(({ id }) => [id, []]));
      for (const stored of await this.store.listListRows(
        missing.map((m) => m.id),
        list,
      )) {
        read.get(stored.posyanduId)?.push(...(JSON.parse(stored.rowsJson) as ListRow[]));
      }
      for (const { id, entry, updates } of missing) {
        const rows = sortRows(read.get(id) ?? []);
        answer.set(id, rows);
        // Kept only if nothing judged the posyandu meanwhile (a push, the background): else read again next time.
        if (this.entries.get(id) === entry && entry.updates === updates && !entry.lists.has(list)) {
          entry.lists.set(list, rows);
        }
      }
    }
    for (const id of posyanduIds) if (!answer.has(id)) answer.set(id, this.entries.get(id)?.lists.get(list) ?? []);
    return answer;
  }

  /** Runs a staff request's reading of the lists; the background judging pauses meanwhile. */
  async answering<T>(work: () => Promise<T>): Promise<T> {
    this.serving++;
    try {
      return await work();
    } finally {
      this.serving--;
    }
  }

  /**
   * The background's turn: after the event loop's pending work, and when no staff request is running, or after a
   * second at most (a request waiting for a posyandu the background holds must not wait for ever).
   */
  private async backgroundTurn(): Promise<void> {
    await nextTurn();
    for (let waited = 0; this.serving > 0 && waited < 1000; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** From now on, judge the people each push names in the background, so the stored rows stay current. */
  followPushes(growthTablesFile: string, now: () => Date): void {
    this.follow = { growthTablesFile, now };
  }

  /**
   * A batch of this posyandu was applied: when following, its people are judged (and stored) in the background,
   * so a restart or the next staff request finds them judged. Pushes queued before the job runs share it.
   */
  pushed(posyanduId: string): void {
    const follow = this.follow;
    if (!follow || this.pushedSince.has(posyanduId)) return;
    this.pushedSince.add(posyanduId);
    this.background = this.background
      .then(() => this.backgroundTurn())
      .then(async () => {
        this.pushedSince.delete(posyanduId);
        const tables = await growthTablesFrom(follow.growthTablesFile);
        const asOf = follow.now().toISOString().slice(0, 10);
        await this.judged(posyanduId, asOf, tables.ok ? tables.tables : undefined);
      })
      // A failed judging (the database closing) leaves the stored rows; the next request judges the push.
      .catch(() => {
        this.pushedSince.delete(posyanduId);
      });
  }

  /** Resolves when every background judging queued so far has ended (tests, benches, the start-up log). */
  async settled(): Promise<void> {
    for (let before; before !== this.background;) {
      before = this.background;
      await before;
    }
  }

  private serially<T>(posyanduId: string, work: () => Promise<T>): Promise<T> {
    const run = (this.locks.get(posyanduId) ?? Promise.resolve()).then(work, work);
    const done = run.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(posyanduId, done);
    void done.then(() => this.locks.get(posyanduId) === done && this.locks.delete(posyanduId));
    return run;
  }

  private async judgedNow(
    posyanduId: string,
    asOf: string,
    growth: GrowthTables | undefined,
    lastSeq: number | undefined,
  ): Promise<PosyanduJudged> {
    const withTables = growth !== undefined;
    let known = this.entries.get(posyanduId);
    if (!known || known.withTables !== withTables) {
      known = (await this.load([posyanduId], withTables)).get(posyanduId);
      if (known) this.entries.set(posyanduId, known);
    }
    // A restart on a new day, or after an upgrade of the rules: the stored rows at once, today's soon.
    if (known && (known.asOf < asOf || known.rulesVersion !== this.version)) {
      this.refreshLater(posyanduId, asOf, growth);
      return view(known, true);
    }
    if (known?.asOf === asOf) {
      if (lastSeq !== undefined && known.seq >= lastSeq) return view(known);
      const changed = await this.store.listRecordsAfter(posyanduId, known.seq, INCREMENTAL_LIMIT + 1);
      if (changed.length === 0) return view(known);
      if (changed.length <= INCREMENTAL_LIMIT) {
        await this.update(known, posyanduId, changed, growth);
        return view(known);
      }
    }
    // Nothing stored, other rules, too much changed, or a clock set back: the whole posyandu, now.
    const entry = await this.compute(posyanduId, asOf, growth);
    this.entries.set(posyanduId, entry);
    return view(entry);
  }

  /** Reads the stored states of the posyandu not in memory yet in one query (a restarted server's first answer). */
  async preload(posyanduIds: readonly string[], growth: GrowthTables | undefined): Promise<void> {
    const withTables = growth !== undefined;
    const missing = posyanduIds.filter((id) => this.entries.get(id)?.withTables !== withTables && !this.locks.has(id));
    if (missing.length === 0) return;
    for (const [id, entry] of await this.load(missing, withTables)) {
      if (this.entries.get(id)?.withTables !== withTables && !this.locks.has(id)) this.entries.set(id, entry);
    }
  }

  /** The stored states, when judged with these tables (whatever their rules, day and seq); rows come later. */
  private async load(posyanduIds: readonly string[], withTables: boolean): Promise<Map<string, Entry>> {
    const states = (await this.store.listListJudgementStates(posyanduIds)).filter((s) => s.withTables === withTables);
    return new Map(
      states.map(({ posyanduId, seq, asOf, rulesVersion, judgedAt, countsJson }) => [
        posyanduId,
        {
          seq,
          asOf,
          rulesVersion,
          withTables,
          judgedAt,
          counts: { ...emptyCounts(), ...(JSON.parse(countsJson) as Partial<ListCounts>) },
          lists: new Map(),
          updates: 0,
        },
      ]),
    );
  }

  /** Queues the judging of a posyandu for `asOf` behind the ones already queued; one posyandu at a time. */
  private refreshLater(posyanduId: string, asOf: string, growth: GrowthTables | undefined) {
    if (this.refreshing.has(posyanduId)) return;
    this.refreshing.add(posyanduId);
    this.background = this.background
      .then(() => this.backgroundTurn())
      .then(() =>
        this.serially(posyanduId, async () => {
          const known = this.entries.get(posyanduId);
          if (known && known.asOf >= asOf && known.rulesVersion === this.version) return;
          this.entries.set(posyanduId, await this.compute(posyanduId, asOf, growth, () => this.backgroundTurn()));
        }),
      )
      // A failed judging (the database closing) leaves the earlier rows; the next request queues it again.
      .catch(() => undefined)
      .finally(() => this.refreshing.delete(posyanduId));
  }

  /**
   * Re-reads and re-judges the people the changed records name (a person, or an event's personId): their stored
   * rows are replaced, the counts move by the difference, and the lists in memory take their new rows.
   */
  private async update(entry: Entry, posyanduId: string, changed: StoredRecord[], growth: GrowthTables | undefined) {
    const ids = namedPeople(changed);
    const fresh = await judgePeople(this.store, posyanduId, ids, entry.asOf, growth);
    const counts = { ...entry.counts };
    for (const old of await this.store.listPersonListRows(posyanduId, [...ids])) {
      const list = old.list as ListName;
      if (list in counts) counts[list] -= (JSON.parse(old.rowsJson) as unknown[]).length;
    }
    for (const rows of fresh.values()) for (const row of rows) counts[row.list]++;
    const seq = maxSeq(changed, entry.seq);
    const judgedAt = new Date().toISOString();
    const judgements = [...fresh].map(([id, rows]) => judgementOf(id, rows));
    await this.store.saveListJudgements(
      this.stateOf(posyanduId, { ...entry, counts }, seq, judgedAt),
      judgements,
      false,
    );
    for (const [list, rows] of entry.lists) {
      const kept = rows.filter((r) => !ids.has(r.personId));
      for (const own of fresh.values()) kept.push(...own.filter((r) => r.list === list));
      entry.lists.set(list, sortRows(kept));
    }
    entry.counts = counts;
    entry.updates++;
    entry.seq = seq;
    entry.judgedAt = judgedAt;
  }

  private stateOf(posyanduId: string, entry: Entry, seq: number, judgedAt: string) {
    const { rulesVersion, withTables, asOf } = entry;
    return { posyanduId, rulesVersion, withTables, asOf, seq, judgedAt, countsJson: JSON.stringify(entry.counts) };
  }

  /** `turn` is how judging yields between slices: to everything (a request waiting), or to requests first. */
  private async compute(
    posyanduId: string,
    asOf: string,
    growth: GrowthTables | undefined,
    turn: () => Promise<unknown> = nextTurn,
  ): Promise<Entry> {
    const whole = await judgeWholePosyandu(this.store, posyanduId, asOf, growth, turn);
    const { seq, counts, lists, judgements } = whole;
    const judgedAt = new Date().toISOString();
    const withTables = growth !== undefined;
    const entry: Entry = { seq, asOf, rulesVersion: this.version, withTables, judgedAt, counts, lists, updates: 0 };
    await this.store.saveListJudgements(this.stateOf(posyanduId, entry, seq, entry.judgedAt), judgements, true);
    return entry;
  }
}

const caches = new WeakMap<Store, StaffListCache>();

export function listCacheOf(store: Store): StaffListCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new StaffListCache(store)));
  return cache;
}
