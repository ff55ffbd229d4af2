// The staff app's lists over a seeded puskesmas on SQLite: the posyandu list (its dashboard's first screen) and
// one posyandu's work list, each over HTTP in-process, median of 5 warm runs. Prints figures, never fails.
// Run: npx tsx bench/staff-lists.bench.ts [--posyandu 30] [--households 300]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROTOCOL_VERSION } from '../protocol/index.ts';
import { createApp } from '../server/src/app.ts';
import { openStore } from '../server/src/db/open-store.ts';
import { generatePosyandu } from '../server/src/seed/generate-posyandu.ts';
import { inBatches, seedChanges } from '../server/src/seed/seed-changes.ts';
import { applyBatch } from '../server/src/services/apply-batch.ts';
import { createDevice, createPosyandu, createPuskesmas } from '../server/src/services/devices.ts';
import { createStaff } from '../server/src/services/staff-accounts.ts';

const { values } = parseArgs({
  options: { posyandu: { type: 'string', default: '30' }, households: { type: 'string', default: '300' } },
});
const POSYANDU = Number(values.posyandu);
const HOUSEHOLDS = Number(values.households);
const PASSWORD = 'bench-password-123';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-staff-bench-'));
  const store = openStore({ dataDir });
  try {
    await store.migrate();
    const puskesmasId = await createPuskesmas(store, 'Puskesmas Bench');
    const posyanduIds: string[] = [];
    let records = 0;
    const seedStarted = performance.now();
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
    const persons = (await store.listPosyanduSummaries(puskesmasId)).reduce((n, p) => n + p.persons, 0);
    console.log(
      `seeded ${POSYANDU} posyandu, ${persons} persons, ${records} records in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`,
    );

    await createStaff(store, { name: 'Admin', username: 'admin', role: 'admin', password: PASSWORD, puskesmasId });
    const app = createApp({ store, version: 'bench', staticDir: null });
    const signIn = await app.request('/api/staff/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const median = async (path: string): Promise<string> => {
      const times: number[] = [];
      for (let run = 0; run < 6; run++) {
        const started = performance.now();
        const response = await app.request(path, { headers: { Cookie: cookie } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        if (run > 0) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return `${(times[Math.floor(times.length / 2)] ?? 0).toFixed(0)} ms`;
    };
    const first = posyanduIds[0] ?? '';
    console.log(`posyandu list (${POSYANDU} posyandu, with counts)  median ${await median('/api/staff/posyandus')}`);
    console.log(
      `work list of one posyandu                     median ${await median(`/api/staff/posyandus/${first}/work-list`)}`,
    );
    console.log(
      `persons of one posyandu                       median ${await median(`/api/staff/posyandus/${first}/persons`)}`,
    );
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
