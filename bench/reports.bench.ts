// The reports of issue 12 over a seeded puskesmas (30 posyandu, three years of history by the seed generator), on
// SQLite and on PostgreSQL: the puskesmas's monthly report, one posyandu's, its XLSX, the by-name anthropometry
// XLSX and the FHIR Bundle of one posyandu-month, each over HTTP in-process (hono's app.request), one cold run then
// the median of 5 warm runs; then the puskesmas's report after restarts (a new store on the same database, nothing
// in memory): from the stored posyandu-month reports, and after one posyandu pushed. Prints figures, never fails.
// Run: npm run -s bench:reports [-- --posyandu 30 --households 300 --stores sqlite,postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION, formatHlc } from '../protocol/index.ts';
import { createApp } from '../server/src/app.ts';
import { openStore } from '../server/src/db/open-store.ts';
import type { Store } from '../server/src/db/store.ts';
import { generatePosyandu } from '../server/src/seed/generate-posyandu.ts';
import { inBatches, seedChanges } from '../server/src/seed/seed-changes.ts';
import { uuidV7 } from '../server/src/seed/uuid-v7.ts';
import { applyBatch } from '../server/src/services/apply-batch.ts';
import { createDevice, createPosyandu, createPuskesmas } from '../server/src/services/devices.ts';
import { createStaff } from '../server/src/services/staff-accounts.ts';
import { acquirePostgres, createDatabase, PRODUCTION_SETTINGS } from '../test/setup/postgres.ts';

const { values } = parseArgs({
  options: {
    posyandu: { type: 'string', default: '30' },
    households: { type: 'string', default: '300' },
    stores: { type: 'string', default: 'sqlite,postgres' },
  },
});
const POSYANDU = Number(values.posyandu);
const HOUSEHOLDS = Number(values.households);
const PASSWORD = 'bench-password-123';
/** The seed generator's history ends on 2026-11-01: October is the last full month. */
const MONTH = '2026-10';

async function seed(store: Store): Promise<{ puskesmasId: string; posyanduIds: string[]; records: number }> {
  const puskesmasId = await createPuskesmas(store, 'Puskesmas Bench');
  const posyanduIds: string[] = [];
  let records = 0;
  for (let i = 0; i < POSYANDU; i++) {
    const posyanduId = await createPosyandu(store, `Posyandu ${i + 1}`, puskesmasId);
    posyanduIds.push(posyanduId);
    const device = await createDevice(store, { posyanduId, kaderName: 'Kader Bench' });
    const data = generatePosyandu({
      seed: i + 1,
      posyanduId,
      deviceId: device.deviceId,
      kaderId: device.enrollment.kaderId,
      households: HOUSEHOLDS,
    });
    for (const [index, changes] of inBatches(seedChanges(data), 500).entries()) {
      records += changes.length;
      await applyBatch(
        store,
        { deviceId: device.deviceId, posyanduId, kaderId: device.enrollment.kaderId },
        { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, batchId: `b${index}`, changes },
      );
    }
  }
  return { puskesmasId, posyanduIds, records };
}

async function benchStore(label: string, open: () => Store): Promise<string[]> {
  const stores = [open()];
  try {
    return await benchStores(label, stores, open);
  } finally {
    for (const store of stores) await store.close();
  }
}

async function benchStores(label: string, stores: Store[], open: () => Store): Promise<string[]> {
  let store = stores[0] ?? open();
  await store.migrate();
  const started = performance.now();
  const { puskesmasId, posyanduIds, records } = await seed(store);
  const lines = [
    `${label}: seeded ${POSYANDU} posyandu, ${records} records in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  ];
  await createStaff(store, { name: 'Admin', username: 'admin', role: 'admin', password: PASSWORD, puskesmasId });
  let app = createApp({ store, version: 'bench', staticDir: null, onUnexpectedError: (e) => console.error(e) });
  let cookie = '';
  const signIn = async () => {
    const answer = await app.request('/api/staff/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  await signIn();
  /** A restarted server: a new store on the same database, nothing in memory. */
  const restart = async () => {
    store = open();
    stores.push(store);
    app = createApp({ store, version: 'bench', staticDir: null, onUnexpectedError: (e) => console.error(e) });
    await signIn();
  };
  const time = async (what: string, path: string) => {
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < 6; run++) {
      const t0 = performance.now();
      const response = await app.request(`/api/staff${path}`, { headers: { Cookie: cookie } });
      const body = await response.arrayBuffer();
      bytes = body.byteLength;
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${new TextDecoder().decode(body)}`);
      times.push(performance.now() - t0);
    }
    const [cold, ...warm] = times;
    warm.sort((a, b) => a - b);
    const median = warm[Math.floor(warm.length / 2)] ?? 0;
    lines.push(
      `  ${what.padEnd(52)} cold ${(cold ?? 0).toFixed(0).padStart(5)} ms, median ${median.toFixed(0).padStart(5)} ms (${(bytes / 1024).toFixed(0)} KiB)`,
    );
  };
  const first = posyanduIds[0] ?? '';
  await time(`monthly report, puskesmas of ${POSYANDU} posyandu (JSON)`, `/reports/monthly?month=${MONTH}`);
  await time('monthly report, puskesmas, XLSX', `/reports/monthly/file/xlsx?month=${MONTH}`);
  await time('monthly report, one posyandu (JSON)', `/reports/monthly?month=${MONTH}&posyandu=${first}`);
  await time(
    'anthropometry by name, one posyandu-month, XLSX',
    `/posyandus/${first}/exports/anthropometry/xlsx?month=${MONTH}`,
  );
  await time('FHIR Bundle, one posyandu-month', `/posyandus/${first}/fhir?month=${MONTH}`);
  await restart();
  await time(`after a restart: puskesmas report (stored)`, `/reports/monthly?month=${MONTH}`);
  // One phone pushes a weighing: its posyandu's stored reports are out of date, the other 29 are not.
  const device = await createDevice(store, { posyanduId: first, kaderName: 'Kader Bench 2' });
  const child = (await store.listCurrentRecords(first, 'persons'))[0]?.id ?? '';
  const record = {
    id: uuidV7(Date.now()),
    posyanduId: first,
    recordedBy: { kaderId: device.enrollment.kaderId, deviceId: device.deviceId },
    recordedAt: '2026-10-31T08:00:00.000Z',
    hlc: formatHlc({ wallMs: Date.now(), counter: 0, node: 'bench' }),
    personId: child,
    date: '2026-10-31',
    systolicMmHg: 120,
    diastolicMmHg: 80,
  };
  const pushed = await applyBatch(
    store,
    { deviceId: device.deviceId, posyanduId: first, kaderId: device.enrollment.kaderId },
    {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: device.deviceId,
      batchId: 'after-restart',
      changes: [{ changeId: randomUUID(), table: 'measurements', op: 'upsert', record }],
    },
  );
  if (pushed.results[0]?.status !== 'applied') throw new Error(`bench push: ${JSON.stringify(pushed.results)}`);
  await restart();
  await time(`after one push and a restart: puskesmas report`, `/reports/monthly?month=${MONTH}`);
  return lines;
}

async function main(): Promise<void> {
  const stores = new Set(values.stores.split(','));
  const lines: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-reports-bench-'));
  try {
    if (stores.has('sqlite')) {
      lines.push(...(await benchStore('SQLite (file, WAL)', () => openStore({ dataDir }))));
    }
    if (stores.has('postgres')) {
      const postgres = await acquirePostgres(PRODUCTION_SETTINGS);
      try {
        const databaseUrl = await createDatabase(postgres.adminUrl, 'bench_reports');
        lines.push(...(await benchStore('PostgreSQL', () => openStore({ dataDir, databaseUrl }))));
      } finally {
        await postgres.stop();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`Reports of issue 12, month ${MONTH} (targets: puskesmas report < 2 s, FHIR posyandu-month < 1 s)`);
  for (const line of lines) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
