// What reading and deleting an outbox costs Chromium itself, for issue 14's push (docs/benchmarks.md, fourteenth
// session): 10,000 rows shaped like outbox entries (a 570-byte `wire` string beside the queue's fields, the
// `[state+seq]` and `recordId` indexes) are written, read back as 10 getAll()s of 1,000, and deleted three ways:
// 10 key-range deletes of 1,000 (what a push's answers do), one key-range delete of 10,000 (what a deferred clean-up
// would do), and clear(). No app code: a probe of the browser, printing wall time and CPU by process kind, so that a
// design that defers or batches the deletes is weighed before it is built. Rounds alternate the three.
// Run: npx tsx bench/sync/idb-delete-probe.ts   (ROUNDS=3 by default)
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { launchPhone } from '../../test/e2e/browser.ts';
import { chromiumCpu, cpuSince } from './browser-cpu.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const ROWS = 10_000;
const BATCH = 1_000;

type Deletion = 'ranges of 1,000' | 'one range' | 'clear()';
const DELETIONS: readonly Deletion[] = ['ranges of 1,000', 'one range', 'clear()'];

/** Runs in the page: a fresh database of ROWS outbox-like rows, written in strict transactions of BATCH. */
async function writeRows([name, rows, batch]: readonly [string, number, number]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      store.createIndex('state_seq', ['state', 'seq']);
      store.createIndex('recordId', 'recordId');
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('open failed'));
  });
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  for (let from = 0; from < rows; from += batch) {
    const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
    for (let i = 0; i < batch; i++) {
      const recordId = hex(32);
      const record = { id: recordId, personId: hex(32), date: '2026-11-01', weightKg: 12.3, note: hex(330) };
      const wire = JSON.stringify({ changeId: hex(32), table: 'measurements', op: 'upsert', record });
      tx.objectStore('outbox').put({
        changeId: hex(32),
        table: 'measurements',
        recordId,
        op: 'upsert',
        wire,
        hlc: hex(30),
        createdAt: new Date().toISOString(),
        attempts: 0,
        state: 'pending',
        bytes: wire.length,
      });
    }
    await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
  }
  db.close();
}

/** Runs in the page: the rows read as a push takes them, in getAll()s of `batch`; the milliseconds it took. */
async function readRows([name, rows, batch]: readonly [string, number, number]): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve) => {
    const open = indexedDB.open(name, 1);
    open.onsuccess = () => resolve(open.result);
  });
  const started = performance.now();
  for (let from = 1; from <= rows; from += batch) {
    const request = db
      .transaction('outbox', 'readonly')
      .objectStore('outbox')
      .getAll(IDBKeyRange.bound(from, from + batch - 1));
    await new Promise((resolve) => (request.onsuccess = () => resolve(request.result)));
  }
  db.close();
  return performance.now() - started;
}

/** Runs in the page: the rows deleted one of three ways, in relaxed transactions; the milliseconds it took. */
async function deleteRows([name, rows, batch, how]: readonly [string, number, number, Deletion]): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve) => {
    const open = indexedDB.open(name, 1);
    open.onsuccess = () => resolve(open.result);
  });
  const started = performance.now();
  const ranges: (IDBKeyRange | null)[] = [];
  if (how === 'clear()') ranges.push(null);
  else if (how === 'one range') ranges.push(IDBKeyRange.bound(1, rows));
  else for (let from = 1; from <= rows; from += batch) ranges.push(IDBKeyRange.bound(from, from + batch - 1));
  for (const range of ranges) {
    const tx = db.transaction('outbox', 'readwrite', { durability: 'relaxed' });
    if (range === null) tx.objectStore('outbox').clear();
    else tx.objectStore('outbox').delete(range);
    await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
  }
  db.close();
  return performance.now() - started;
}

const server = createServer((_request, response) => {
  response.setHeader('content-type', 'text/html');
  response.end('<!doctype html><title>probe</title>');
}).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const port = (server.address() as { port: number }).port;
const phone = await launchPhone();
try {
  const page = await phone.context.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  // tsx names inner functions through a helper the page does not have.
  await page.evaluate('globalThis.__name = (f) => f');
  console.log(
    `load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`${ROWS} outbox-like rows; CPU in ms by process kind (browser: IndexedDB's home; renderer: the page)`);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const how of DELETIONS) {
      const name = `probe-${round}-${DELETIONS.indexOf(how)}`;
      await page.evaluate(writeRows, [name, ROWS, BATCH] as const);
      // LevelDB's compaction of the write settles before anything is timed.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const beforeRead = chromiumCpu(phone.profile);
      const readMs = await page.evaluate(readRows, [name, ROWS, BATCH] as const);
      const beforeDelete = chromiumCpu(phone.profile);
      const deleteMs = await page.evaluate(deleteRows, [name, ROWS, BATCH, how] as const);
      const read = cpuSince(beforeRead, beforeDelete);
      const deleted = cpuSince(beforeDelete, chromiumCpu(phone.profile));
      const cpu = (spent: Record<string, number>) => `browser ${spent.browser ?? 0}, renderer ${spent.renderer ?? 0}`;
      console.log(
        `round ${round}, delete by ${how.padEnd(15)} read ${Math.round(readMs)} ms (CPU ${cpu(read)}); ` +
          `delete ${Math.round(deleteMs)} ms (CPU ${cpu(deleted)})`,
      );
    }
  }
  console.log(
    `load average at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await phone.close();
  server.close();
}
