// The contestants ours is compared with, each given the exact wire changes ours queued.
import type { Change } from '../../protocol/index.ts';
import { createDevice } from '../../server/src/services/devices.ts';
import type { PhoneBrowser } from '../../test/e2e/browser.ts';
import { startBareFloorServer } from './bare-floor-server.ts';
import { cpuSince, descendantsCpuByKind, ownUsPerRecord, usPerRecord } from './browser-cpu.ts';
import { check, openBenchPage, RECORDS, serverRecordCount, withServer, type Device } from './bench-harness.ts';
import { startCouchCompatibleServer } from './couch-compatible-server.ts';
import type { PageRun, PouchVariant } from './page/bench-api.ts';
import { meterTransactions } from './server-meter.ts';

/** (a) and (a'): the same records as PouchDB documents, replicated to a fresh express-pouchdb each time. */
export async function runPouch(phone: PhoneBrowser, pagesDir: string, changes: Change[], variant: PouchVariant) {
  const couch = await startCouchCompatibleServer(pagesDir);
  try {
    const page = await openBenchPage(phone, `${couch.url}/pouch.html`, 'pouchBench');
    try {
      const seed = await page.evaluate(([all, v]) => window.pouchBench!.load(all, v), [changes, variant] as const);
      check(seed.records === RECORDS, `pouch ${variant}: ${seed.records} local docs, expected ${RECORDS}`);
      // The in-memory databases live as long as the process: each variant gets its own.
      const dbName = `bench-${variant}`;
      const url = `${couch.url}/db/${dbName}`;
      const run = await page.evaluate(([u, v]) => window.pouchBench!.replicate(u, v), [url, variant] as const);
      const onServer = await couch.docCount(dbName);
      check(onServer === RECORDS && run.leftInQueue === 0, `pouch ${variant}: ${onServer} docs on the server`);
      return { seedMs: seed.seedMs, run };
    } finally {
      await page.close();
    }
  } finally {
    await couch.close();
  }
}

/** (b): a fresh server with the same posyandu and device, fed one request per record by workbox's Queue. */
export async function runReplay(phone: PhoneBrowser, pagesDir: string, device: Device, changes: Change[]) {
  return withServer(pagesDir, async (server) => {
    await server.store.createPosyandu({ id: device.posyanduId, name: 'Posyandu Bench', puskesmasId: null });
    await createDevice(server.store, {
      posyanduId: device.posyanduId,
      kaderName: device.enrollment.kaderName,
      kaderId: device.enrollment.kaderId,
      deviceId: device.deviceId,
      token: device.token,
    });
    const page = await openBenchPage(phone, `${server.url}/replay.html`, 'replayBench');
    try {
      const seed = await page.evaluate(([all, deviceId, token]) => window.replayBench!.enqueue(all, deviceId, token), [
        changes,
        device.deviceId,
        device.token,
      ] as const);
      check(seed.records === RECORDS, `replay: ${seed.records} queued requests, expected ${RECORDS}`);
      const apply = meterTransactions(server.store);
      const run: PageRun = await page.evaluate(() => window.replayBench!.replay());
      apply.stop();
      const onServer = await serverRecordCount(server, device.posyanduId);
      check(onServer === RECORDS && run.leftInQueue === 0, `replay: ${onServer} on server, ${run.leftInQueue} queued`);
      return { seedMs: seed.seedMs, run, applyMs: apply.ms() };
    } finally {
      await page.close();
    }
  });
}

/** The floor: the records from page memory, 500 a POST, into one SQLite transaction each, nothing else. */
export async function runFloor(phone: PhoneBrowser, pagesDir: string, changes: Change[]) {
  const floor = await startBareFloorServer(pagesDir);
  try {
    const page = await openBenchPage(phone, `${floor.url}/floor.html`, 'floorBench');
    try {
      await page.evaluate((all) => window.floorBench!.load(all), changes);
      const [browserBefore, serverBefore] = [descendantsCpuByKind(), process.cpuUsage()];
      const run: PageRun = await page.evaluate(() => window.floorBench!.push());
      // Beside ours' figures, where the floor's CPU goes: the same bodies on the same wire, no store behind them.
      const cpuUsPerRecord = {
        browserByKind: usPerRecord(cpuSince(browserBefore, descendantsCpuByKind()), RECORDS),
        server: ownUsPerRecord(serverBefore, RECORDS),
      };
      const onServer = floor.recordCount();
      check(onServer === RECORDS, `floor: ${onServer} rows on the server, expected ${RECORDS}`);
      return { run, cpuUsPerRecord };
    } finally {
      await page.close();
    }
  } finally {
    await floor.close();
  }
}
