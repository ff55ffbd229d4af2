// The bench page: served by the real server next to the built app (same origin, so the same IndexedDB), it
// exposes the app's real storage and sync code and the plain-IndexedDB baseline on `window.bench`. The Node
// driver (bench/app/browser-bench.ts) calls it; every loop runs here so no CDP round trip is timed.
import { openStorage } from '../../src/storage/index.ts';
import { pullChanges } from '../../src/sync/pull-changes.ts';
import type { BenchApi, BenchHousehold, EncryptionCost, SearchResult, WriteResult } from './bench-types.ts';
import { copyInto, openPlainDb, plainSaveHousehold, plainSearch } from './plain-idb.ts';

declare global {
  interface Window {
    bench: BenchApi;
  }
}

const storageFor = (dbName: string | null) => (dbName === null ? openStorage() : openStorage({ name: dbName }));

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function countOutbox(dbName: string): Promise<number> {
  const open = indexedDB.open(dbName);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const request = db.transaction('outbox').objectStore('outbox').count();
  const count = await new Promise<number>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return count;
}

window.bench = {
  async enroll(dbName, enrollment) {
    const storage = storageFor(dbName);
    await storage.saveEnrollment(enrollment);
    storage.close();
  },

  /**
   * The sync engine's own pull loop (pages of 500, as the engine asks), into the given database; with `pin`,
   * unlocked first (a database with a PIN takes no record while locked), as the app pulls.
   */
  async pull(dbName, token, pin) {
    const storage = storageFor(dbName);
    if (pin !== undefined) {
      await storage.vaultState();
      const unlocked = await storage.unlock(pin);
      if (!unlocked.ok) throw new Error(`bench pull: the PIN did not unlock ${storage.name}`);
    }
    let received = 0;
    const ms = await timed(async () => {
      received = await pullChanges({
        fetch: (input, init) => fetch(input, init),
        now: () => Date.now(),
        timeoutMs: 120_000,
        baseUrl: location.origin,
        storage,
        token,
        pageSize: 500,
      });
    });
    storage.close();
    return { received, ms };
  },

  async copyToPlain(fromDb, plainDb) {
    const db = await openPlainDb(plainDb);
    const copied = await copyInto(db, fromDb);
    db.close();
    return copied;
  },

  /** Each query once through searchPeople and once plain, alternating which goes first. */
  async search(oursDb, plainDb, queries, limit): Promise<SearchResult> {
    const storage = openStorage({ name: oursDb });
    const db = await openPlainDb(plainDb);
    const result: SearchResult = { ours: [], plain: [], mismatches: 0, medianHits: 0 };
    const hits: number[] = [];
    for (const [i, query] of queries.entries()) {
      let oursIds: string[] = [];
      let plainIds: string[] = [];
      const runOurs = async () => {
        result.ours.push(
          await timed(async () => (oursIds = (await storage.searchPeople(query, limit)).map((p) => p.id))),
        );
      };
      const runPlain = async () => {
        result.plain.push(await timed(async () => (plainIds = (await plainSearch(db, query, limit)).map((p) => p.id))));
      };
      if (i % 2 === 0) {
        await runOurs();
        await runPlain();
      } else {
        await runPlain();
        await runOurs();
      }
      if (oursIds.join() !== plainIds.join()) result.mismatches += 1;
      hits.push(oursIds.length);
    }
    result.medianHits = median(hits);
    storage.close();
    db.close();
    return result;
  },

  /** Household + members through saveHouseholdWithMembers, and the same plain, alternating; warm-up dropped. */
  async write(oursDb, plainDb, inputs: BenchHousehold[], warmup): Promise<WriteResult> {
    const storage = openStorage({ name: oursDb });
    const db = await openPlainDb(plainDb);
    const result: WriteResult = { ours: [], plain: [], outboxRows: { ours: 0, plain: 0 } };
    for (const [i, input] of inputs.entries()) {
      const runOurs = () => timed(() => storage.saveHouseholdWithMembers(input));
      const runPlain = () => timed(() => plainSaveHousehold(db, input));
      let oursMs: number;
      let plainMs: number;
      if (i % 2 === 0) {
        oursMs = await runOurs();
        plainMs = await runPlain();
      } else {
        plainMs = await runPlain();
        oursMs = await runOurs();
      }
      if (i < warmup) continue;
      result.ours.push(oursMs);
      result.plain.push(plainMs);
    }
    storage.close();
    db.close();
    result.outboxRows = { ours: await countOutbox(oursDb), plain: await countOutbox(plainDb) };
    return result;
  },

  async setFirstPin(dbName, pin) {
    const storage = openStorage({ name: dbName });
    const ms = await timed(() => storage.setFirstPin(pin));
    storage.close();
    return ms;
  },

  /** Issue 13: each step on the unencrypted and on the encrypted database, alternating which goes first. */
  async encryptionCost(plainDb, sealedDb, pin, args): Promise<EncryptionCost> {
    const result: EncryptionCost = {
      write: { plain: [], sealed: [] },
      search: { plain: [], sealed: [], mismatches: 0 },
      openPlain: [],
      openSealed: { unlock: [], read: [] },
    };
    const plain = openStorage({ name: plainDb });
    const sealed = openStorage({ name: sealedDb });
    await sealed.vaultState();
    await sealed.unlock(pin);
    for (const [i, input] of args.inputs.entries()) {
      let plainMs = 0;
      let sealedMs = 0;
      const runs = [
        async () => void (plainMs = await timed(() => plain.saveHouseholdWithMembers(input))),
        async () => void (sealedMs = await timed(() => sealed.saveHouseholdWithMembers(input))),
      ];
      await sequence(i % 2 === 0 ? runs : runs.reverse());
      if (i < args.warmup) continue;
      result.write.plain.push(plainMs);
      result.write.sealed.push(sealedMs);
    }
    for (const [i, query] of args.queries.entries()) {
      let plainIds = '';
      let sealedIds = '';
      const runs = [
        async () => {
          const ms = await timed(async () => (plainIds = ids(await plain.searchPeople(query, args.limit))));
          result.search.plain.push(ms);
        },
        async () => {
          const ms = await timed(async () => (sealedIds = ids(await sealed.searchPeople(query, args.limit))));
          result.search.sealed.push(ms);
        },
      ];
      await sequence(i % 2 === 0 ? runs : runs.reverse());
      if (plainIds !== sealedIds) result.search.mismatches += 1;
    }
    plain.close();
    sealed.close();
    for (let i = 0; i < args.opens; i += 1) {
      result.openPlain.push(
        await timed(async () => {
          const storage = openStorage({ name: plainDb });
          await storage.vaultState();
          await storage.listHouseholds();
          storage.close();
        }),
      );
      const storage = openStorage({ name: sealedDb });
      result.openSealed.unlock.push(
        await timed(async () => {
          await storage.vaultState();
          await storage.unlock(pin);
        }),
      );
      result.openSealed.read.push(await timed(() => storage.listHouseholds()));
      storage.close();
    }
    return result;
  },
};

async function sequence<T>(runs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const run of runs) out.push(await run());
  return out;
}

/** Search results compared by id and order; households saved in the loop have fresh ids on each side. */
function ids(people: { name: string; birthDate: string }[]): string {
  return people.map((p) => `${p.name}|${p.birthDate}`).join();
}

document.body.dataset.ready = 'true';
