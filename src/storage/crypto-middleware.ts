import type {
  DBCore,
  DBCoreCursor,
  DBCoreKeyRange,
  DBCoreMutateRequest,
  DBCoreQuery,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import type { Vault } from './crypto-vault.ts';

/**
 * Encryption at rest as the lowest DBCore layer (docs/security.md, "Encryption at rest"): every repository, and
 * every existing test, keeps reading and writing plain records, and what reaches IndexedDB is
 * `{ <clear fields>, <blind index fields>, _e: AES-GCM(whole row) }`.
 *
 * WebCrypto is asynchronous and an IndexedDB transaction commits as soon as no request is pending at the end of a
 * task, so awaiting a digest inside a transaction would end it. `whileAlive` keeps the transaction busy with dummy
 * reads until the crypto settles, then resumes the caller inside a request callback, where the transaction is
 * still active: the same mechanism as Dexie.waitFor, applied at the one place that needs it. A record and its
 * outbox entry therefore stay one transaction.
 */

interface SealSpec {
  /** Fields kept readable on the stored row: keys, ids, dates, queue state. Never a name, NIK or measurement. */
  clear: readonly string[];
  /** Index fields holding a blind term (HMAC) instead of the value; an array field gets one term per element. */
  blind: readonly string[];
  /**
   * The clear fields are left out of the sealed copy and put back from the stored row when it is opened. Record
   * tables only: their clear fields are ids and a date, stored beside `_e` whenever the row is, so sealing them
   * again was a second copy of each, about a fifth of the bytes a first pull seals and writes (docs/benchmarks.md,
   * h45). Rows sealed before hold them in both places, with the same values, and open the same.
   */
  clearOnce?: true;
}

const EVENT: SealSpec = { clear: ['id', 'personId', 'date'], blind: [], clearOnce: true };

export const SEALED_TABLES: Readonly<Record<string, SealSpec>> = {
  households: { clear: ['id'], blind: ['familyCardNumber'], clearOnce: true },
  persons: { clear: ['id', 'householdId', 'motherId'], blind: ['nik', '_search'], clearOnce: true },
  measurements: EVENT,
  immunizations: EVENT,
  services: EVENT,
  visits: EVENT,
  screenings: EVENT,
  referrals: EVENT,
  pregnancies: { clear: ['id', 'personId'], blind: [], clearOnce: true },
  outbox: {
    clear: ['seq', 'changeId', 'table', 'recordId', 'op', 'createdAt', 'attempts', 'state', 'bytes', 'batchId'],
    blind: [],
  },
};

/**
 * Meta rows holding a secret (the device token) or health data (the day roster, day-roster.ts); the rest of meta
 * is ids, cursors, the clock and the day roster's marks (person ids only).
 */
export const SEALED_META_KEYS: ReadonlySet<string> = new Set(['deviceToken', 'dayRoster']);

const SEALED = '_e';
const META_SPEC: SealSpec = { clear: ['key'], blind: [] };
const RANGE_EQUAL = 1;

type Row = Record<string, unknown>;

export function vaultMiddleware(vault: Vault): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'VaultMiddleware',
    // Below every Dexie layer (the lowest built-in is -1): hooks, caches and live queries all see plain rows.
    level: -10,
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name === 'meta') return sealedTable(table, vault, META_SPEC, metaIsSealed);
        const spec = SEALED_TABLES[name];
        return spec ? sealedTable(table, vault, spec, () => true) : table;
      },
    }),
  };
}

function metaIsSealed(row: Row): boolean {
  return SEALED_META_KEYS.has(String(row.key));
}

function sealedTable(table: DBCoreTable, vault: Vault, spec: SealSpec, applies: (row: Row) => boolean): DBCoreTable {
  const seal = (row: Row): Promise<Row> =>
    vault.state === 'plain' || !applies(row) || isSealed(row) ? Promise.resolve(row) : sealWith(vault, spec, row);
  const open = async (stored: unknown): Promise<unknown> => {
    if (!isRow(stored) || !isSealed(stored)) return stored;
    const row = (await vault.open(new Uint8Array(stored[SEALED] as ArrayBuffer))) as Row;
    // The primary key may have been given by IndexedDB (the outbox's auto-increment seq) after sealing.
    const primary = table.schema.primaryKey.keyPath;
    if (typeof primary === 'string' && stored[primary] !== undefined) row[primary] = stored[primary];
    if (spec.clearOnce) for (const field of spec.clear) if (stored[field] !== undefined) row[field] = stored[field];
    return row;
  };
  const openAll = (rows: readonly unknown[]) => Promise.all(rows.map(open));
  const needsBlind = (query: DBCoreQuery): boolean => {
    const path = query.index.keyPath;
    return vault.state !== 'plain' && typeof path === 'string' && spec.blind.includes(path);
  };
  const blindQuery = async (query: DBCoreQuery): Promise<DBCoreQuery> => {
    if (query.range.type !== RANGE_EQUAL) throw new Error(`only equality queries on a blind index`);
    const term = await vault.blind(String(query.range.lower));
    const range: DBCoreKeyRange = { ...query.range, lower: term, upper: term };
    return { ...query, range };
  };
  // Each step below touches WebCrypto (and so keeps the transaction busy) only when a row or a query needs it:
  // a phone with no PIN yet, a plain meta row or a query on a clear index costs what it cost before.
  const translate = (req: { trans: DBCoreTransaction; query: DBCoreQuery }) =>
    needsBlind(req.query) ? whileAlive(req.trans, blindQuery(req.query)) : Promise.resolve(req.query);
  const openRows = (trans: DBCoreTransaction, rows: readonly unknown[]) =>
    rows.some(isSealed) ? afterRead(trans, openAll(rows)) : Promise.resolve(rows as unknown[]);

  return {
    ...table,
    mutate: (req: DBCoreMutateRequest) => {
      if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
      if (vault.state === 'plain' || !req.values.some((value) => applies(value as Row))) return table.mutate(req);
      if (req.type === 'put' && (req.updates || req.changeSpec)) {
        return Promise.reject(new Error(`partial updates are not supported on the encrypted table ${table.name}`));
      }
      // Rows sealed before the transaction (a pulled page, the first PIN): nothing to encrypt, so no dummy read
      // to keep the transaction alive while nothing is pending.
      if (req.values.every(isSealed)) return table.mutate(req);
      return whileAlive(req.trans, Promise.all(req.values.map((value) => seal(value as Row)))).then((values) =>
        table.mutate({ ...req, values }),
      );
    },
    get: async (req) => {
      const row: unknown = await table.get(req);
      return isSealed(row) ? afterRead(req.trans, open(row)) : row;
    },
    getMany: async (req) => openRows(req.trans, await table.getMany(req)),
    query: async (req) => {
      const query = await translate(req);
      const response = await table.query({ ...req, query });
      if (!req.values) return response;
      return { ...response, result: await openRows(req.trans, response.result) };
    },
    count: async (req) => table.count({ ...req, query: await translate(req) }),
    openCursor: async (req) => {
      const cursor = await table.openCursor({ ...req, query: await translate(req) });
      return cursor && req.values && vault.state !== 'plain' ? openingCursor(cursor, open) : cursor;
    },
  };
}

/** The stored form of a row: clear fields, blind terms, and the whole row sealed. */
async function sealWith(vault: Vault, spec: SealSpec, row: Row): Promise<Row> {
  const stored: Row = {};
  for (const field of spec.clear) if (row[field] !== undefined) stored[field] = row[field];
  for (const field of spec.blind) {
    const value = row[field];
    if (typeof value === 'string') stored[field] = await vault.blind(value);
    else if (Array.isArray(value)) stored[field] = await Promise.all(value.map((term) => vault.blind(String(term))));
  }
  stored[SEALED] = await vault.seal(spec.clearOnce ? withoutFields(row, spec.clear) : row);
  return stored;
}

/** The row without `fields`: what a record table seals (SealSpec.clearOnce). */
function withoutFields(row: Row, fields: readonly string[]): Row {
  const rest: Row = {};
  for (const key in row) if (!fields.includes(key)) rest[key] = row[key];
  return rest;
}

/**
 * Seals a row of `table` outside any transaction (the first PIN encrypts a whole phone this way, before opening
 * the one transaction that writes it); the layer lets an already sealed row through unchanged.
 */
export function sealRow(vault: Vault, table: string, row: Row): Promise<Row> {
  if (table === 'meta') return metaIsSealed(row) ? sealWith(vault, META_SPEC, row) : Promise.resolve(row);
  const spec = SEALED_TABLES[table];
  return spec ? sealWith(vault, spec, row) : Promise.resolve(row);
}

function isSealed(value: unknown): boolean {
  return isRow(value) && (value[SEALED] instanceof Uint8Array || value[SEALED] instanceof ArrayBuffer);
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null;
}

/** A cursor whose `value` is the opened row: each step waits for the decryption before the caller sees it. */
function openingCursor(cursor: DBCoreCursor, open: (stored: unknown) => Promise<unknown>): DBCoreCursor {
  let current: unknown;
  const wrapper: DBCoreCursor = {
    get trans() {
      return cursor.trans;
    },
    get key(): unknown {
      return cursor.key;
    },
    get primaryKey(): unknown {
      return cursor.primaryKey;
    },
    get value(): unknown {
      return current;
    },
    get done() {
      return cursor.done;
    },
    continue: (key?: unknown) => cursor.continue(key),
    continuePrimaryKey: (key: unknown, primaryKey: unknown) => cursor.continuePrimaryKey(key, primaryKey),
    advance: (count: number) => cursor.advance(count),
    stop: (value?: unknown) => cursor.stop(value),
    fail: (error: Error) => cursor.fail(error),
    start: (onNext: () => void) =>
      cursor.start(() => {
        whileAlive(cursor.trans, open(cursor.value)).then(
          (value) => {
            current = value;
            try {
              onNext();
            } catch (error) {
              cursor.fail(error instanceof Error ? error : new Error(String(error)));
            }
          },
          (error: unknown) => cursor.fail(error instanceof Error ? error : new Error(String(error))),
        );
      }),
    next(): Promise<DBCoreCursor> {
      let gotOne = 1;
      return this.start(() => (gotOne-- ? this.continue() : this.stop())).then(() => this);
    },
  };
  return wrapper;
}

/**
 * Decrypting what a read returned. A read in a transaction of its own (Dexie's implicit one: read-only, not marked
 * `_explicit` by Dexie.transaction) has nothing left to do once IndexedDB answered, so it lets the transaction end
 * and decrypts after, instead of spinning dummy requests meanwhile (they cost the day screen's cold open, and a
 * live transaction holds back the read-write ones behind it). In an explicit transaction the caller may read or
 * write again after this, so the transaction is kept alive as before.
 */
function afterRead<T>(trans: DBCoreTransaction, work: Promise<T>): Promise<T> {
  const idb = trans as unknown as IDBTransaction & { _explicit?: boolean };
  return idb.mode === 'readonly' && idb._explicit !== true ? work : whileAlive(trans, work);
}

/**
 * Settles like `work`, keeping `trans` alive meanwhile by chaining dummy reads, and resolves from inside a request
 * callback so the caller's next request still finds the transaction active.
 */
export function whileAlive<T>(trans: DBCoreTransaction, work: Promise<T>): Promise<T> {
  const idb = trans as unknown as IDBTransaction;
  let store: IDBObjectStore;
  let first: IDBRequest;
  try {
    const name = idb.objectStoreNames[0];
    if (name === undefined) return work;
    store = idb.objectStore(name);
    first = store.get(-Infinity);
  } catch {
    // Already finished (a read-only transaction whose last request answered): nothing left to keep alive.
    return work;
  }
  return new Promise<T>((resolve, reject) => {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
    work.then(
      (value) => (outcome = { ok: true, value }),
      (error: unknown) => (outcome = { ok: false, error }),
    );
    const spin = () => {
      if (outcome) {
        if (outcome.ok) resolve(outcome.value);
        else reject(outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error)));
        return;
      }
      try {
        store.get(-Infinity).onsuccess = spin;
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    first.onsuccess = spin;
  });
}
