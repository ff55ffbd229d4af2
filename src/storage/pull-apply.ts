import type { PulledChange } from '../../protocol/sync.ts';
import { TABLE_NAMES } from '../../protocol/table-kinds.ts';
import { loadWireSchemas } from '../../protocol/wire-schemas.ts';
import { sealRow } from './crypto-middleware.ts';
import type { Vault } from './crypto-vault.ts';
import { ROSTER_KEY } from './day-roster.ts';
import { markRosterWhole, ROSTER_MARK_ALL, ROSTER_SOURCES } from './day-roster-marks.ts';
import { freshRows, parsePage, planPage, type ParsedPage, type TableWrites } from './pull-plan.ts';
import { readWriteGeneration } from './write-generation.ts';
import { relaxedTransaction } from './durability.ts';
import { META_PULL_CURSOR, type ServerTimeReading, type StorageContext } from './write-context.ts';

export interface PullApplySummary {
  applied: number;
  /** Changes of a table this app does not know, or that fail its schema: left for a newer app version. */
  skipped: number;
}

/**
 * Applies one page of pulled changes and its cursor in ONE transaction, so a crash never stores a cursor past
 * changes that were not applied. Events are inserted if absent. Mutable records take the server's merged state,
 * except the fields a pending local edit still has to push: those keep the local value until the push is
 * answered and a later pull brings the server's verdict. Tombstones mark the record deleted (pull-plan.ts).
 *
 * A page is read and written in bulk, and a record that comes back exactly as the phone has it is not written
 * again. On a phone with a PIN the rows are sealed BEFORE the write transaction: the page is planned in a read
 * transaction, its rows encrypted outside any transaction, and the write transaction writes the sealed rows when
 * no record or outbox row was written meanwhile (write-generation.ts); else it plans again and writes the sealed
 * rows if the plan is the same, or the rows it planned, sealed inside it as any write. WebCrypto
 * inside a transaction means keeping it alive with dummy reads until each digest settles: for a new phone's
 * first pull of 10,000 records that was most of the time.
 */
export async function applyPulledChanges(
  context: StorageContext,
  changes: readonly PulledChange[],
  cursor: string,
  serverTime?: ServerTimeReading,
): Promise<PullApplySummary> {
  const { db } = context;
  const tables = [db.outbox, db.meta, ...TABLE_NAMES.map((t) => db.recordTable(t))];
  await loadWireSchemas();
  const ahead = preparedPages.get(changes);
  preparedPages.delete(changes);
  const ready = ahead ? await ahead : null;
  const page = ready?.page ?? parsePage(changes);
  if (!ready && db.vault.state === 'unlocked') rememberCards(context, page);
  const started = performance.now();
  const sealed =
    db.vault.state === 'unlocked' && page.applied > 0
      ? await db
          .transaction('r', tables, async () => {
            const generation = await readWriteGeneration(db);
            const cards = knownCards(context, generation);
            return { generation, cards, draft: await planPage(context, page, cards) };
          })
          .then(async ({ generation, cards, draft }) => {
            split('pull:plan-read', started);
            const sealedAt = performance.now();
            const early = ready && ready.epoch === db.vault.keyEpoch ? ready.sealed : undefined;
            const rows = await sealPlan(db.vault, draft, early);
            split('pull:seal', sealedAt);
            return { generation, cards, draft, rows };
          })
      : null;
  const writeAt = performance.now();
  let commitAt = 0;
  // Relaxed (durability.ts): a page lost to a power cut is lost with its cursor, and pulled again.
  const summary = await relaxedTransaction(db, tables, async () => {
    // Read before this transaction writes anything: no record or outbox row changed since the page was planned
    // (write-generation.ts) means the same plan, so the sealed rows are written without planning again.
    const generation = await readWriteGeneration(db);
    const unchanged = sealed !== null && generation === sealed.generation;
    // The server's time first: the page's remote stamps are judged against corrected time.
    const clock = await context.observeServerTime(serverTime);
    for (const stamp of page.stamps) clock.receive(stamp);
    let cards: Map<string, string | undefined>;
    if (unchanged) {
      cards = sealed.cards;
      await markRoster(context, sealed.rows);
      await writePlan(context, sealed.rows);
    } else {
      const replanAt = performance.now();
      cards = knownCards(context, generation);
      const plan = await planPage(context, page, cards);
      split('pull:replan', replanAt);
      // Another tab (or a save) wrote between the read and this transaction: the plan may differ. Both plans
      // are built in the same order from the same inputs, so plain JSON compares them; a false "differs" only
      // means sealing inside the transaction, as any other write does.
      const same = sealed !== null && JSON.stringify(sealed.draft) === JSON.stringify(plan);
      await markRoster(context, same ? sealed.rows : plan);
      await writePlan(context, same ? sealed.rows : plan);
    }
    // The cards as this transaction leaves them, valid for as long as nothing else writes (write-generation.ts).
    rememberKnownCards(context, cards, await readWriteGeneration(db));
    await db.meta.put({ key: META_PULL_CURSOR, value: cursor });
    await context.saveClock(clock);
    commitAt = performance.now();
    return { applied: page.applied, skipped: page.skipped };
  });
  split('pull:write', writeAt);
  // Of which the commit: the last request answered until the transaction is committed.
  split('pull:commit', commitAt);
  return summary;
}

/** Milliseconds per step of applying pulled pages since the app started: four sums, nothing that grows. */
const timings: Record<string, number> = {};

/** Where a page's time goes, for the first-pull bench (bench/sync/page/first-pull-page.ts). */
function split(name: string, start: number): void {
  timings[name] = (timings[name] ?? 0) + performance.now() - start;
}

export function pullApplyTimings(): Readonly<Record<string, number>> {
  return { ...timings };
}

/** Family card numbers as the phone holds them at a write generation, under the vault's keys of then. */
interface KnownCards {
  generation: unknown;
  epoch: number;
  cards: Map<string, string | undefined>;
}

const knownCardsByDb = new WeakMap<object, KnownCards>();

/**
 * A copy of the family card numbers known at `generation`, or none if anything was written since. A first pull
 * brings the households before their members: each later page's persons used to read (and, with a PIN, decrypt)
 * the same few hundred households again to index their card numbers.
 */
function knownCards(context: StorageContext, generation: unknown): Map<string, string | undefined> {
  const known = knownCardsByDb.get(context.db);
  const valid = known && known.generation === generation && known.epoch === context.db.vault.keyEpoch;
  if (!valid) knownCardsByDb.delete(context.db);
  return new Map(valid ? known.cards : []);
}

function rememberKnownCards(context: StorageContext, cards: Map<string, string | undefined>, generation: unknown) {
  if (cards.size > MAX_PULLED_CARDS) knownCardsByDb.delete(context.db);
  else knownCardsByDb.set(context.db, { generation, epoch: context.db.vault.keyEpoch, cards });
}

/** A page sealed ahead: parsed, and the rows it would write on a phone holding none of them, sealed. */
interface PreparedPage {
  page: ParsedPage;
  /** The vault's keys these were sealed under (crypto-vault.ts). */
  epoch: number;
  /** The guessed rows (the objects the plan then takes) and each sealed. */
  sealed: Map<Record<string, unknown>, Record<string, unknown>>;
}

/** Pages sealed ahead, until applied; keyed by the pulled array itself, so a page is never mistaken for another. */
const preparedPages = new WeakMap<readonly PulledChange[], Promise<PreparedPage | null>>();
/** Family card numbers of the households this tab has pulled, for the members of later pages (bounded). */
const pulledCards = new WeakMap<object, Map<string, string | undefined>>();
const MAX_PULLED_CARDS = 20_000;

/**
 * Parses a page and seals the rows it will most likely write, before it is applied: the pull calls this when
 * page n+1 arrives while page n is being written (pull-changes.ts), so the encryption of one page overlaps the
 * IndexedDB writes of the other, which mostly wait on the database's own thread. Nothing is read or written here;
 * the page's plan, made when it is applied, decides what is written, and a planned row other than the one
 * guessed is sealed then (sealPlan). A phone without a PIN has nothing to seal.
 */
export function preparePulledChanges(context: StorageContext, changes: readonly PulledChange[]): void {
  const { vault } = context.db;
  if (vault.state !== 'unlocked' || preparedPages.has(changes)) return;
  const epoch = vault.keyEpoch;
  const work = async (): Promise<PreparedPage> => {
    await loadWireSchemas();
    const page = parsePage(changes);
    const rows = freshRows(page, rememberCards(context, page));
    const sealed = new Map<Record<string, unknown>, Record<string, unknown>>();
    await Promise.all(rows.map(async ({ table, row }) => sealed.set(row, await sealRow(vault, table, row))));
    return { page, epoch, sealed };
  };
  // A failure here (the phone locked meanwhile) only means sealing when the page is applied.
  preparedPages.set(
    changes,
    work().catch(() => null),
  );
}

/** The family card numbers pulled so far, this page's households added (a guess for sealing ahead only). */
function rememberCards(context: StorageContext, page: ParsedPage): ReadonlyMap<string, string | undefined> {
  const cards = pulledCards.get(context.db) ?? new Map<string, string | undefined>();
  pulledCards.set(context.db, cards);
  for (const { record } of page.byTable.get('households') ?? []) {
    if (cards.size >= MAX_PULLED_CARDS) cards.clear();
    cards.set(String(record.id), record.familyCardNumber as string | undefined);
  }
  return cards;
}

/**
 * The same plan with every row encrypted (the storage layer lets sealed rows through as they are), taking the row
 * sealed ahead where the plan took the guessed row itself (pull-plan.ts, freshRows).
 */
async function sealPlan(
  vault: Vault,
  plan: readonly TableWrites[],
  early?: PreparedPage['sealed'],
): Promise<TableWrites[]> {
  const sealOne = (table: string, row: Record<string, unknown>) => {
    const ahead = early?.get(row);
    return ahead ? Promise.resolve(ahead) : sealRow(vault, table, row);
  };
  const seal = (table: string, rows: Record<string, unknown>[]) => Promise.all(rows.map((row) => sealOne(table, row)));
  return Promise.all(
    plan.map(async (w): Promise<TableWrites> => ({
      table: w.table,
      add: await seal(w.table, w.add),
      put: await seal(w.table, w.put),
      delete: w.delete,
      ...(w.members ? { members: await seal('persons', w.members) } : {}),
    })),
  );
}

/** People of the day roster a page may touch and still leave a mark each (day-roster-marks.ts). */
const ROSTER_MARKS_PER_PAGE = 100;

/**
 * A page touching many of the roster's people, or landing when the roster is to be rebuilt whole anyway (none
 * built yet, as on a new phone, or an "everything" mark still waiting), marks the whole roster once before its
 * writes: they then leave no mark each. A first pull's pages used to spend a meta put per child on marks that
 * the rebuild ignores.
 */
async function markRoster(context: StorageContext, plan: readonly TableWrites[]): Promise<void> {
  const { db } = context;
  const people = new Set<string>();
  let deleted = 0;
  for (const writes of plan) {
    if (!ROSTER_SOURCES.has(writes.table)) continue;
    const key = writes.table === 'persons' ? 'id' : 'personId';
    for (const row of [...writes.add, ...writes.put]) people.add(String(row[key]));
    deleted += writes.delete.length;
  }
  for (const member of plan.flatMap((writes) => writes.members ?? [])) people.add(String(member.id));
  if (people.size + deleted === 0) return;
  const whole =
    people.size + deleted > ROSTER_MARKS_PER_PAGE ||
    (await db.meta.get(ROSTER_MARK_ALL)) !== undefined ||
    (await db.meta.where(':id').equals(ROSTER_KEY).count()) === 0;
  if (whole) await markRosterWhole(db);
}

async function writePlan(context: StorageContext, plan: readonly TableWrites[]): Promise<void> {
  const { db } = context;
  for (const writes of plan) {
    const table = db.recordTable(writes.table);
    if (writes.add.length > 0) await table.bulkAdd(writes.add);
    if (writes.put.length > 0) await table.bulkPut(writes.put);
    if (writes.members && writes.members.length > 0) await db.recordTable('persons').bulkPut(writes.members);
    if (writes.delete.length > 0) await table.bulkDelete(writes.delete);
  }
}

export async function getPullCursor(context: StorageContext): Promise<string | null> {
  const row = await context.db.meta.get(META_PULL_CURSOR);
  return typeof row?.value === 'string' ? row.value : null;
}
