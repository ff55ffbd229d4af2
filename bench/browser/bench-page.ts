// The bench page: served by the real server next to the built app (same origin, so the same IndexedDB), it
// exposes the app's real storage and sync code and the plain-IndexedDB baseline on `window.bench`. The Node
// driver (bench/app/browser-bench.ts) calls it; every loop runs here so no CDP round trip is timed.
import { openStorage } from '../../src/storage/index.ts';
import { pullChanges } from '../../src/sync/pull-changes.ts';
import type { BenchApi, BenchHousehold, SearchResult, WriteResult } from './bench-types.ts';
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

  /** The sync engine's own pull loop (pages of 500, as the engine asks), into the given database. */
  async pull(dbName, token) {
    const storage = storageFor(dbName);
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
};

document.body.dataset.ready = 'true';
