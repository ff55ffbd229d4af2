// The puskesmas work lists (issue 11) over a seeded puskesmas of 30 posyandu in 10 desa, on SQLite and on
// PostgreSQL: the dashboard's first screen (posyandu list + list counts) on a first start with nothing stored,
// then after restarts (a new store on the same database: nothing in memory) from the stored judgements, after a
// push, on a new day; warm, and after one phone pushed; then each list for the whole puskesmas, one desa and one
// posyandu, cold after a restart and warm. In-process HTTP (hono's app.request), medians of 5 runs after one.
// Prints figures, never fails on a time.
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
import { listCacheOf } from '../server/src/services/staff-list-cache.ts';
import { LIST_NAMES } from '../server/src/services/staff-list-rows.ts';
import { acquirePostgres, createDatabase, PRODUCTION_SETTINGS } from '../test/setup/postgres.ts';

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
  const pg = kind === 'postgres' ? await acquirePostgres(PRODUCTION_SETTINGS) : null;
  const databaseUrl = pg ? await createDatabase(pg.adminUrl, 'posyandu_bench') : undefined;
  const open = () => openStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  const seeding = open();
  const stores: Store[] = [seeding];
  try {
    await seeding.migrate();
    const { puskesmasId, posyandus } = await seed(seeding);
    await createStaff(seeding, { name: 'Admin', username: 'admin', role: 'admin', password: PASSWORD, puskesmasId });
    let store = seeding;
    let cookie = '';
    let now = NOW;
    let app = createApp({ store, version: 'bench', staticDir: null, now: () => now });
    /** A restarted server: a new store on the same database, so nothing judged is in memory; signed in again. */
    const restart = async (on = NOW) => {
      store = open();
      stores.push(store);
      now = on;
      app = createApp({ store, version: 'bench', staticDir: null, now: () => now });
      const signIn = await app.request('/api/staff/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    };
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

    await restart();
    console.log(`  dashboard first screen, first start, nothing stored    ${fmt(await firstScreen())}`);
    await restart();
    console.log(`  dashboard first screen after a restart (stored rows)   ${fmt(await firstScreen())}`);
    console.log(`  dashboard first screen, warm (median)                  ${fmt(await median(firstScreen))}`);
    // What holding every posyandu's judged records costs the server process.
    const heapMb = (process.memoryUsage().heapUsed / 1e6).toFixed(0);
    console.log(`  heap used with all ${POSYANDU} posyandu judged (whole process)  ${heapMb.padStart(6)} MB`);
    // One phone syncs a measurement: only its posyandu is judged again.
    const phone = posyandus[0];
    if (phone) {
      const push = async () => {
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
      };
      const afterPush = async () => {
        await push();
        return firstScreen();
      };
      console.log(`  dashboard first screen after one phone pushed (median) ${fmt(await median(afterPush))}`);
      // The pushes above were judged (and stored) by the requests after them; this one is not judged yet.
      await push();
      await restart();
      console.log(`  dashboard first screen after a push and a restart      ${fmt(await firstScreen())}`);
    }
    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    await restart(tomorrow);
    const staleScreen = await firstScreen();
    const staleAnswer = (await once('/api/staff/lists')).body;
    console.log(
      `  dashboard first screen after a restart the next day    ${fmt(staleScreen)} (answers ${String(staleAnswer.asOf)}, refreshing ${String(staleAnswer.refreshing)})`,
    );
    const rejudging = performance.now();
    await listCacheOf(store).settled();
    console.log(
      `  ... all ${POSYANDU} posyandu judged for the new day in the background  ${fmt(performance.now() - rejudging)}`,
    );
    console.log(`  dashboard first screen, the new day, warm (median)     ${fmt(await median(firstScreen))}`);
    const desa = villageCode(0);
    const one = posyandus[0]?.id ?? '';
    // The lists on the new day, stored by the background judging above (a restart on the seed's day would be a
    // clock set back, which judges again).
    for (const list of LIST_NAMES) {
      await restart(tomorrow);
      const cold = (await once(`/api/staff/lists/${list}`)).ms;
      const whole = await median(async () => (await once(`/api/staff/lists/${list}`)).ms);
      const total = (await once(`/api/staff/lists/${list}`)).body.total;
      const inDesa = await median(async () => (await once(`/api/staff/lists/${list}?desa=${desa}`)).ms);
      const inOne = await median(async () => (await once(`/api/staff/lists/${list}?posyandu=${one}`)).ms);
      console.log(
        `  list ${list.padEnd(13)} puskesmas cold ${fmt(cold)} warm ${fmt(whole)} (${String(total).padStart(5)} people)  desa ${fmt(inDesa)}  posyandu ${fmt(inOne)}`,
      );
    }
  } finally {
    for (const one of stores) await one.close();
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
