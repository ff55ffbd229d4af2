// What several changes an outbox row would be worth to a push (issue 14, deliverable 1): the same 10,000 queued
// changes (570 bytes of wire text each, the push bench's mean) stored in Chromium's IndexedDB as one change a row
// (today's outbox), 5 a row (about a save of a family card), and 50 a row (a packed tail row), with today's
// indexes (`[state+seq]`, and the record ids, multiEntry when a row holds several). Then what a push does to them
// in the page, 10 batches of 1,000 changes: a relaxed transaction that reads the batch's rows and joins their
// text into a body, and one that deletes their key range. The writes are not timed (they happen as kaders save).
// Then the other side: what a save costs when it appends to a tail row of 5 or 50 instead of adding its own.
// No app code: a probe of the browser, for weighing the outbox's format before building it. Alternated rounds;
// prints wall time and Chromium's CPU by process.
// Run: npx tsx bench/sync/outbox-rows-probe.ts   (RATE=4 slows the page's main thread 4x)
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { launchPhone } from '../../test/e2e/browser.ts';
import { chromiumCpu, cpuSince } from './browser-cpu.ts';

const ROUNDS = 3;
const CHANGES = 10_000;
const BATCH = 1_000;
const PER_ROW = [1, 5, 50] as const;
const rate = Number(process.env.RATE ?? 1);

/** Runs in the page: fills an outbox of `perRow` changes a row, untimed. */
async function fill([perRow, name, changes]: readonly [number, string, number]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      store.createIndex('queue', ['state', 'seq']);
      if (perRow === 1) store.createIndex('recordId', 'recordId');
      else store.createIndex('recordIds', 'recordIds', { multiEntry: true });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('open failed'));
  });
  const text = (i: number) =>
    JSON.stringify({
      changeId: `019ff418-cd70-7d0a-a2a2-${String(i).padStart(12, '0')}`,
      table: 'measurements',
      op: 'upsert',
      record: { id: `019ff418-cd70-7d0a-b3b3-${String(i).padStart(12, '0')}`, pad: 'x'.repeat(440) },
    });
  const tx = db.transaction('outbox', 'readwrite');
  const store = tx.objectStore('outbox');
  for (let first = 0; first < changes; first += perRow) {
    const ids = Array.from({ length: perRow }, (_, k) => first + k);
    const common = { createdAt: '2026-12-03T10:00:00.000Z', attempts: 0, state: 'pending' };
    if (perRow === 1) {
      const wire = text(first);
      store.add({
        ...common,
        changeId: `c${first}`,
        table: 'measurements',
        recordId: `r${first}`,
        op: 'upsert',
        wire,
        hlc: 'h',
        bytes: wire.length,
      });
      continue;
    }
    const wires = ids.map(text);
    store.add({
      ...common,
      changes: ids.map((i) => ({
        changeId: `c${i}`,
        table: 'measurements',
        recordId: `r${i}`,
        op: 'upsert',
        hlc: 'h',
        bytes: 570,
      })),
      recordIds: ids.map((i) => `r${i}`),
      wire: wires.join(','),
      bytes: wires.reduce((sum, w) => sum + w.length, 0),
    });
  }
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error ?? new Error('fill failed'));
  });
  db.close();
}

/** Runs in the page: the push's IndexedDB work on the outbox `name` (see the header); milliseconds. */
async function push([perRow, name, batch]: readonly [number, string, number]): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('open failed'));
  });
  const done = (tx: IDBTransaction) =>
    new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error ?? new Error('transaction failed'));
    });
  const started = performance.now();
  let from = 1;
  let bodies = 0;
  for (;;) {
    const take = db.transaction('outbox', 'readwrite', { durability: 'relaxed' });
    const request = take.objectStore('outbox').getAll(IDBKeyRange.lowerBound(from), Math.max(1, batch / perRow));
    const rows = await new Promise<{ seq: number; wire: string }[]>((resolve) => {
      request.onsuccess = () => resolve(request.result as { seq: number; wire: string }[]);
    });
    await done(take);
    if (rows.length === 0) break;
    bodies += `{"changes":[${rows.map((row) => row.wire).join(',')}]}`.length;
    const last = rows.at(-1)!.seq;
    const answer = db.transaction('outbox', 'readwrite', { durability: 'relaxed' });
    answer.objectStore('outbox').delete(IDBKeyRange.bound(from, last));
    await done(answer);
    from = last + 1;
  }
  const ms = performance.now() - started;
  db.close();
  if (bodies < 5_000_000) throw new Error(`bodies of ${bodies} bytes`);
  return Math.round(ms);
}

const SAVES = 500;

/**
 * Runs in the page: what a save pays for each layout, `saves` strict transactions one after another (a kader's
 * saves, each on disk before the screen says so). `perRow` 1 adds one row a save, as today; above 1, a save reads
 * the tail row and writes it again with its change appended, starting a new row once it holds `perRow` changes.
 * Milliseconds a save.
 */
async function saves([perRow, name, saves]: readonly [number, string, number]): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('open failed'));
  });
  const wire = (i: number) => JSON.stringify({ changeId: `c${i}`, record: { id: `r${i}`, pad: 'x'.repeat(520) } });
  const started = performance.now();
  for (let i = 0; i < saves; i++) {
    const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('outbox');
    const change = { changeId: `c${i}`, recordId: `r${i}`, bytes: 570 };
    if (perRow === 1) store.add({ ...change, state: 'pending', wire: wire(i) });
    else {
      const cursor = store.openCursor(null, 'prev');
      cursor.onsuccess = () => {
        const tail = cursor.result?.value as { changes: unknown[]; wire: string } | undefined;
        if (tail && tail.changes.length < perRow) {
          cursor.result!.update({ ...tail, changes: [...tail.changes, change], wire: `${tail.wire},${wire(i)}` });
        } else store.add({ state: 'pending', changes: [change], wire: wire(i) });
      };
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error ?? new Error('save failed'));
    });
  }
  const ms = (performance.now() - started) / saves;
  db.close();
  return ms;
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
      for (const perRow of PER_ROW) {
        const name = `outbox-${perRow}-${round}`;
        await page.evaluate(fill, [perRow, name, CHANGES] as const);
        const before = chromiumCpu(phone.profile);
        const ms = await page.evaluate(push, [perRow, name, BATCH] as const);
        const cpu = cpuSince(before, chromiumCpu(phone.profile));
        console.log(
          `${rate}x ${String(perRow).padStart(2)} change(s) a row: ${ms} ms, browser ${cpu.browser ?? 0} ms, ` +
            `renderer ${cpu.renderer ?? 0} ms CPU (load ${loadavg()[0]?.toFixed(2)})`,
        );
      }
    }
    // The other side of the trade: what each layout costs a save (the design appends to the tail row).
    for (let round = 0; round < ROUNDS; round++) {
      for (const perRow of PER_ROW) {
        const ms = await page.evaluate(saves, [perRow, `saves-${perRow}-${round}`, SAVES] as const);
        console.log(`${rate}x ${String(perRow).padStart(2)} change(s) a row: ${ms.toFixed(2)} ms a save`);
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
