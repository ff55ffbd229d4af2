// Which commits wait for the disk (durability.ts): the kader's saves always; the sync queue's bookkeeping (takes,
// answers, pulled pages) not, except a take that re-stamps a record. Read off the transactions the storage layer
// opens in fake-indexeddb, which keeps the durability each was asked for.
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PosyanduDb } from '../../src/storage/db.ts';
import { relaxedTransaction } from '../../src/storage/durability.ts';
import { enrolledStorage, saveFamily, otherPhoneStamp, pulledFromOtherPhone, uniqueDbName } from './fixtures.ts';

interface Opened {
  stores: string[];
  durability: string;
}

/**
 * Every read-write transaction opened from now on by a database opened from now on (Dexie binds the connection's
 * transaction() when it opens), with its stores and durability.
 */
function watchTransactions(): Opened[] {
  const opened: Opened[] = [];
  const original = IDBDatabase.prototype.transaction;
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
    this: IDBDatabase,
    stores,
    mode,
    options,
  ) {
    const trans = original.call(this, stores, mode, options);
    if (mode === 'readwrite') opened.push({ stores: [...trans.objectStoreNames], durability: trans.durability });
    return trans;
  });
  return opened;
}

/**
 * How often each IndexedDB method is called on the outbox store or its indexes from now on (until
 * vi.restoreAllMocks).
 */
function countOutboxCalls(): (method: string) => number {
  const calls = new Map<string, number>();
  const storeOf = (self: unknown) => (self instanceof IDBIndex ? self.objectStore : (self as IDBObjectStore)).name;
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype] as unknown as Record<string, unknown>[]) {
    for (const name of [
      'get',
      'getAll',
      'getAllKeys',
      'put',
      'add',
      'delete',
      'count',
      'openCursor',
      'openKeyCursor',
    ]) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      // A plain function passing `arguments` on: fake-indexeddb reads how many arguments it was given.
      vi.spyOn(proto as Record<string, () => unknown>, name).mockImplementation(function (this: unknown) {
        if (storeOf(this) === 'outbox') calls.set(name, (calls.get(name) ?? 0) + 1);
        // eslint-disable-next-line prefer-rest-params
        return (original as (...a: unknown[]) => unknown).apply(this, arguments as unknown as unknown[]);
      });
    }
  }
  return (method) => calls.get(method) ?? 0;
}

afterEach(() => {
  vi.restoreAllMocks();
});

const YEAR_MS = 365 * 24 * 3600 * 1000;
const ALL = Number.MAX_SAFE_INTEGER;
const applied = (batch: { entries: { changeId: string }[] }) =>
  batch.entries.map((e) => ({ changeId: e.changeId, status: 'applied' as const }));

describe('durability of commits', () => {
  it("is strict for a kader's saves and relaxed for taking, answering and releasing batches and pulled pages", async () => {
    const opened = watchTransactions();
    const storage = await enrolledStorage();
    opened.splice(0);
    const { members } = await saveFamily(storage);
    await storage.recordEvent('measurements', { personId: members[2]!.id, date: '2026-01-05', weightKg: 9.5 });
    const saves = opened.splice(0);
    expect(saves.length).toBeGreaterThanOrEqual(2);
    expect(saves.every((t) => t.durability === 'strict')).toBe(true);

    const first = (await storage.takeBatch(2, ALL))!;
    const following = (await storage.takeFollowing(first.batchId, 2, ALL))!;
    await storage.acknowledge(applied(first), first.batchId);
    await storage.releaseBatch(following.batchId);
    const household = { ...(await storage.getHousehold(members[0]!.householdId))!, hlc: otherPhoneStamp };
    await storage.applyPulledChanges([pulledFromOtherPhone('households', household)], 'cursor-1');
    const bookkeeping = opened.splice(0);
    expect(bookkeeping.map((t) => t.durability)).toEqual(['relaxed', 'relaxed', 'relaxed', 'relaxed', 'relaxed']);
    // The take and the answer lock only the queue; the pulled page writes records with its cursor.
    expect(bookkeeping[0]!.stores.sort()).toEqual(['meta', 'outbox']);
    expect(bookkeeping[2]!.stores.sort()).toEqual(['meta', 'outbox']);
    expect(bookkeeping[4]!.stores).toContain('households');
    expect(await storage.getPullCursor()).toBe('cursor-1');

    await storage.recordEvent('measurements', { personId: members[2]!.id, date: '2026-02-05', weightKg: 9.7 });
    expect(opened.map((t) => t.durability)).toEqual(['strict']);
  });

  it('is strict for a take that re-stamps records of a clock run ahead, which rewrites them', async () => {
    const opened = watchTransactions();
    const storage = await enrolledStorage({ now: () => Date.now() + YEAR_MS });
    const { household } = await saveFamily(storage);
    // The server's answer teaches the phone that its clock is a year ahead.
    const now = Date.now();
    await storage.acknowledge([], undefined, {
      serverTime: new Date(now).toISOString(),
      sentAtMs: now + YEAR_MS,
      receivedAtMs: now + YEAR_MS,
    });
    opened.splice(0);
    const batch = (await storage.takeBatch(500, ALL))!;
    // A relaxed try over the queue alone finds the far-ahead stamps and writes nothing; the take starts over.
    expect(opened.map((t) => t.durability)).toEqual(['relaxed', 'strict']);
    expect(opened[1]!.stores).toContain('persons');
    const stamped = JSON.parse(batch.entries.find((e) => e.recordId === household.id)!.wire) as {
      record: { hlc: string };
    };
    expect((await storage.getHousehold(household.id))?.hlc).toBe(stamped.record.hlc);
  });

  it('relaxes only the transaction a relaxedTransaction() opens, not one started from inside it', async () => {
    const opened = watchTransactions();
    const db = new PosyanduDb(uniqueDbName('durability'));
    await db.open();
    let inner: Promise<unknown> = Promise.resolve();
    await relaxedTransaction(db, [db.meta], async () => {
      // A transaction of its own, begun inside the scope: it must not take the relaxed mark.
      inner = Dexie.ignoreTransaction(() => db.transaction('rw', [db.meta], () => db.meta.put({ key: 'b', value: 2 })));
      await db.meta.put({ key: 'a', value: 1 });
    });
    await inner;
    await db.transaction('rw', [db.meta], () => db.meta.put({ key: 'c', value: 3 }));
    expect(opened.map((t) => t.durability)).toEqual(['relaxed', 'strict', 'strict']);
    db.close();
  });
});

describe("a batch's answer", () => {
  it('deletes a batch of one run of seqs without counting or walking its rows', async () => {
    const storage = await enrolledStorage();
    const { members } = await saveFamily(storage);
    for (let i = 0; i < 30; i++) {
      await storage.recordEvent('measurements', { personId: members[2]!.id, date: '2026-01-05', weightKg: 8 + i / 10 });
    }
    const batch = (await storage.takeBatch(20, ALL))!;
    const calls = countOutboxCalls();
    expect(await storage.acknowledge(applied(batch), batch.batchId)).toMatchObject({ done: 20, pending: 14 });
    for (const walk of ['count', 'openCursor', 'openKeyCursor', 'getAll', 'getAllKeys']) expect(calls(walk)).toBe(0);
    // One request deletes the batch's range, and the next oldest is still queued.
    expect(calls('delete')).toBe(1);
    vi.restoreAllMocks();
    const next = (await storage.takeBatch(500, ALL))!;
    expect(next.entries.map((e) => e.seq)).toEqual(batch.entries.map((e) => e.seq! + 20).slice(0, 14));
  });
});
