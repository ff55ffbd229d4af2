// The puskesmas work lists (issue 11) over a seeded puskesmas of 30 posyandu in 10 desa, on SQLite and on
// PostgreSQL: the dashboard's first screen (posyandu list + list counts) cold (nothing judged yet), warm, and after
// one phone pushed; then each list for the whole puskesmas, one desa and one posyandu. In-process HTTP (hono's
// app.request), medians of 5 runs after one. Prints figures, never fails on a time.
// Run: npx tsx bench/staff-work-lists.bench.ts [--db sqlite|postgres|both] [--posyandu 30] [--households 300]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROTOCOL_VERSION, formatHlc } from '../protocol/index.ts';
import { createApp } from '../server/src/app.ts';
import { openStore } from '../server/src/db/open-store.ts';
import type { Store } from '../server/src/db/store.ts';
import { generatePosyandu } from '../server/src/seed/generate-posyandu.ts';
import { inBatches, seedChanges } from '../server/src/seed/seed-changes.ts';
import { uuidV7 } from '../server/src/seed/uuid-v7.ts';
import { applyBatch } from '../server/src/services/apply-batch.ts';
import { createDevice, createPuskesmas } from '../server/src/services/devices.ts';
import { createStaff } from '../server/src/services/staff-accounts.ts';
import { LIST_NAMES } from '../server/src/services/staff-list-rows.ts';
import { acquirePostgres, createDatabase } from '../test/setup/postgres.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    posyandu: { type: 'string', default: '30' },
    households: { type: 'string', default: '300' },
  },
});
const POSYANDU = Number(values.posyandu);
const HOUSEHOLDS = Number(values.households);
const PASSWORD = 'bench-password-123';
// The seed's own date: the lists judge the data as of the day it was generated for.
const NOW = new Date('2026-11-01T03:00:00.000Z');
const villageCode = (desa: number) => `3302012${String(desa + 1).padStart(3, '0')}`;

async function seed(store: Store) {
  const puskesmasId = await createPuskesmas(store, 'Puskesmas Bench');
  const posyandus: { id: string; deviceId: string; kaderId: string }[] = [];
  const started = performance.now();
  let records = 0;
  for (let i = 0; i < POSYANDU; i++) {
    const id = randomUUID();
    const desa = Math.floor(i / 3);
    await store.createPosyandu({
      id,
      name: `Posyandu ${i + 1}`,
      puskesmasId,
      area: {
        desa: `Desa ${desa + 1}`,
        provinceCode: '33',
        regencyCode: '3302',
        districtCode: '330201',
        villageCode: villageCode(desa),
      },
    });
    const device = await createDevice(store, { posyanduId: id, kaderName: 'Kader Bench' });
    const kaderId = device.enrollment.kaderId;
    posyandus.push({ id, deviceId: device.deviceId, kaderId });
    const data = generatePosyandu({
      seed: i + 1,
      posyanduId: id,
      deviceId: device.deviceId,
      kaderId,
      households: HOUSEHOLDS,
    });
    for (const [index, changes] of inBatches(seedChanges(data), 500).entries()) {
      records += changes.length;
      await applyBatch(
        store,
        { deviceId: device.deviceId, posyanduId: id, kaderId },
        { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, batchId: `b${index}`, changes },
      );
    }
  }
  const persons = (await store.listPosyanduSummaries(puskesmasId)).reduce((n, p) => n + p.persons, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    `  seeded ${POSYANDU} posyandu in ${POSYANDU / 3} desa, ${persons} persons, ${records} records in ${seconds} s`,
  );
  return { puskesmasId, posyandus };
}

async function run(kind: 'sqlite' | 'postgres'): Promise<void> {
  console.log(`\n${kind}:`);
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-lists-bench-'));
  const pg = kind === 'postgres' ? await acquirePostgres() : null;
  const databaseUrl = pg ? await createDatabase(pg.adminUrl, 'posyandu_bench') : undefined;
  const store = openStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    await store.migrate();
    const { puskesmasId, posyandus } = await seed(store);
    await createStaff(store, { name: 'Admin', username: 'admin', role: 'admin', password: PASSWORD, puskesmasId });
    const app = createApp({ store, version: 'bench', staticDir: null, now: () => NOW });
    const signIn = await app.request('/api/staff/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const once = async (path: string): Promise<{ ms: number; body: Record<string, unknown> }> => {
      const started = performance.now();
      const response = await app.request(path, { headers: { Cookie: cookie } });
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, body };
    };
    const firstScreen = async () => {
      const started = performance.now();
      await Promise.all([once('/api/staff/posyandus'), once('/api/staff/lists')]);
      return performance.now() - started;
    };
    const median = async (measure: () => Promise<number>) => {
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const ms = await measure();
        if (i > 0) times.push(ms);
      }
      return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
    };
    const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;

    console.log(`  dashboard first screen, cold (all ${POSYANDU} posyandu judged)  ${fmt(await firstScreen())}`);
    console.log(`  dashboard first screen, warm (median)                  ${fmt(await median(firstScreen))}`);
    // What holding every posyandu's judged records costs the server process.
    const heapMb = (process.memoryUsage().heapUsed / 1e6).toFixed(0);
    console.log(`  heap used with all ${POSYANDU} posyandu judged (whole process)  ${heapMb.padStart(6)} MB`);
    // One phone syncs a measurement: only its posyandu is judged again.
    const phone = posyandus[0];
    if (phone) {
      const afterPush = async () => {
        const people = await store.listCurrentRecords(phone.id, 'persons');
        const personId = people[Math.floor(Math.random() * people.length)]?.id ?? '';
        const record = {
          id: uuidV7(Date.now()),
          posyanduId: phone.id,
          recordedBy: { kaderId: phone.kaderId, deviceId: phone.deviceId },
          recordedAt: '2026-10-31T08:00:00.000Z',
          hlc: formatHlc({ wallMs: Date.now(), counter: 0, node: 'bench' }),
          personId,
          date: '2026-10-31',
          systolicMmHg: 150,
          diastolicMmHg: 95,
        };
        const changes = [{ changeId: randomUUID(), table: 'measurements', op: 'upsert' as const, record }];
        const answer = await applyBatch(
          store,
          { deviceId: phone.deviceId, posyanduId: phone.id, kaderId: phone.kaderId },
          { protocolVersion: PROTOCOL_VERSION, deviceId: phone.deviceId, batchId: randomUUID(), changes },
        );
        if (answer.results[0]?.status !== 'applied') throw new Error(`bench push: ${JSON.stringify(answer.results)}`);
        return firstScreen();
      };
      console.log(`  dashboard first screen after one phone pushed (median) ${fmt(await median(afterPush))}`);
    }
    const desa = villageCode(0);
    const one = posyandus[0]?.id ?? '';
    for (const list of LIST_NAMES) {
      const whole = await median(async () => (await once(`/api/staff/lists/${list}`)).ms);
      const total = (await once(`/api/staff/lists/${list}`)).body.total;
      const inDesa = await median(async () => (await once(`/api/staff/lists/${list}?desa=${desa}`)).ms);
      const inOne = await median(async () => (await once(`/api/staff/lists/${list}?posyandu=${one}`)).ms);
      console.log(
        `  list ${list.padEnd(13)} puskesmas ${fmt(whole)} (${String(total).padStart(5)} people)  desa ${fmt(inDesa)}  posyandu ${fmt(inOne)}`,
      );
    }
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
    await pg?.stop();
  }
}

async function main(): Promise<void> {
  const kinds = values.db === 'both' ? (['sqlite', 'postgres'] as const) : [values.db as 'sqlite' | 'postgres'];
  for (const kind of kinds) await run(kind);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
