// What IndexedDB's per-request cost is worth, for issue 14's deliverable 2 (docs/benchmarks.md, h45): the same
// 10,000 event-like rows (ids, a person id and a date indexed, 450 random bytes standing in for `_e`) written in 10
// strict transactions in Chromium, once as 10,000 `put`s and once as 1,000 `put`s of 10 rows each (their person ids
// and dates in multiEntry indexes, so the index entries are the same). No app code: a probe of the browser, for
// weighing a storage format with several records an IndexedDB row. Prints wall time and Chromium's CPU, alternated.
// Run: npx tsx bench/sync/idb-rows-probe.ts   (RATE=4 slows the page's main thread 4x, as the first-pull bench does)
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { launchPhone } from '../../test/e2e/browser.ts';
import { chromiumCpu, cpuSince } from './browser-cpu.ts';

const ROUNDS = 3;
const rate = Number(process.env.RATE ?? 1);

type Layout = 'rows' | 'bundles';

/** Runs in the page: writes the rows in the layout asked, returns the milliseconds it took. */
async function writeRows([layout, name]: readonly [Layout, string]): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore('t', { keyPath: 'id' });
      const many = layout === 'bundles';
      store.createIndex('personId', many ? 'personIds' : 'personId', { multiEntry: many });
      store.createIndex('date', many ? 'dates' : 'date', { multiEntry: many });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('open failed'));
  });
  const row = (i: number) => ({
    id: `019ff418-cd70-7d0a-a2a2-${String(i).padStart(12, '0')}`,
    personId: `019fb62c-2430-7cf4-a66f-${String(i % 700).padStart(12, '0')}`,
    date: `2026-0${1 + (i % 9)}-1${i % 10}`,
    _e: crypto.getRandomValues(new Uint8Array(450)),
  });
  const started = performance.now();
  for (let page = 0; page < 10; page++) {
    const tx = db.transaction('t', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('t');
    for (let b = 0; b < (layout === 'rows' ? 1000 : 100); b++) {
      if (layout === 'rows') {
        store.put(row(page * 1000 + b));
        continue;
      }
      const rows = Array.from({ length: 10 }, (_, k) => row(page * 1000 + b * 10 + k));
      store.put({ id: rows[0]!.id, personIds: rows.map((r) => r.personId), dates: rows.map((r) => r.date), rows });
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    });
  }
  const ms = performance.now() - started;
  db.close();
  return Math.round(ms);
}

async function main(): Promise<void> {
  // IndexedDB needs an origin: an empty page on loopback.
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>probe</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const phone = await launchPhone();
  try {
    const { page } = phone;
    await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    // tsx names the page function's inner arrows with a `__name` helper that the page does not have.
    await page.evaluate('window.__name = (f) => f');
    const cdp = await phone.context.newCDPSession(page);
    if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    for (let round = 0; round < ROUNDS; round++) {
      for (const layout of ['rows', 'bundles'] as const) {
        const before = chromiumCpu(phone.profile);
        const ms = await page.evaluate(writeRows, [layout, `probe-${layout}-${round}`] as const);
        const cpu = cpuSince(before, chromiumCpu(phone.profile));
        console.log(
          `${rate}x ${layout === 'rows' ? '10,000 puts of a row   ' : ' 1,000 puts of 10 rows '} ${ms} ms, ` +
            `browser ${cpu.browser ?? 0} ms, renderer ${cpu.renderer ?? 0} ms CPU (load ${loadavg()[0]?.toFixed(2)})`,
        );
      }
    }
  } finally {
    await phone.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
