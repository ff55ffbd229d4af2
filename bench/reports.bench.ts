// The reports of issue 12 over a seeded puskesmas (30 posyandu, three years of history by the seed generator), on
// SQLite and on PostgreSQL: the puskesmas's monthly report, one posyandu's, its XLSX, the by-name anthropometry
// XLSX and the FHIR Bundle of one posyandu-month, each over HTTP in-process (hono's app.request), one cold run then
// the median of 5 warm runs. Prints figures, never fails.
// Run: npm run -s bench:reports [-- --posyandu 30 --households 300 --stores sqlite,postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROTOCOL_VERSION } from '../protocol/index.ts';
import { createApp } from '../server/src/app.ts';
import { openStore } from '../server/src/db/open-store.ts';
import type { Store } from '../server/src/db/store.ts';
import { generatePosyandu } from '../server/src/seed/generate-posyandu.ts';
import { inBatches, seedChanges } from '../server/src/seed/seed-changes.ts';
import { applyBatch } from '../server/src/services/apply-batch.ts';
import { createDevice, createPosyandu, createPuskesmas } from '../server/src/services/devices.ts';
import { createStaff } from '../server/src/services/staff-accounts.ts';
import { acquirePostgres, createDatabase } from '../test/setup/postgres.ts';

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

async function benchStore(label: string, store: Store): Promise<string[]> {
  await store.migrate();
  const started = performance.now();
  const { puskesmasId, posyanduIds, records } = await seed(store);
  const lines = [
    `${label}: seeded ${POSYANDU} posyandu, ${records} records in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  ];
  await createStaff(store, { name: 'Admin', username: 'admin', role: 'admin', password: PASSWORD, puskesmasId });
  const app = createApp({ store, version: 'bench', staticDir: null, onUnexpectedError: (e) => console.error(e) });
  const signIn = await app.request('/api/staff/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
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
  return lines;
}

async function main(): Promise<void> {
  const stores = new Set(values.stores.split(','));
  const lines: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-reports-bench-'));
  try {
    if (stores.has('sqlite')) {
      const store = openStore({ dataDir });
      try {
        lines.push(...(await benchStore('SQLite (file, WAL)', store)));
      } finally {
        await store.close();
      }
    }
    if (stores.has('postgres')) {
      const postgres = await acquirePostgres();
      try {
        const store = openStore({ dataDir, databaseUrl: await createDatabase(postgres.adminUrl, 'bench_reports') });
        try {
          lines.push(...(await benchStore('PostgreSQL', store)));
        } finally {
          await store.close();
        }
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
