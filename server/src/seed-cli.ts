// `npm run -s seed`: a realistic posyandu for demos and benchmarks, written through the same apply-batch service
// the sync endpoint uses, so every record is validated and merged exactly as if phones had sent it.
import { parseArgs } from 'node:util';
import { PROTOCOL_VERSION } from '../../protocol/index.ts';
import { loadConfig } from './config.ts';
import { openStore } from './db/open-store.ts';
import { generatePosyandu } from './seed/generate-posyandu.ts';
import { inBatches, seedChanges } from './seed/seed-changes.ts';
import { applyBatch } from './services/apply-batch.ts';
import { createDevice, createPosyandu } from './services/devices.ts';

const BATCH_SIZE = 500;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      households: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
      posyandu: { type: 'string' },
      name: { type: 'string', default: 'Posyandu Seruni (contoh)' },
      'as-of': { type: 'string', default: new Date().toISOString().slice(0, 10) },
    },
    strict: true,
  });
  const households = Number(values.households);
  const seed = Number(values.seed);
  if (!Number.isInteger(households) || households < 1 || households > 100_000) {
    throw new Error('--households harus bilangan bulat 1-100000.');
  }
  if (!Number.isInteger(seed)) throw new Error('--seed harus bilangan bulat.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) throw new Error('--as-of harus tanggal YYYY-MM-DD.');

  const config = loadConfig();
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await store.migrate();
    const posyanduId = values.posyandu ?? (await createPosyandu(store, values.name));
    const device = await createDevice(store, { posyanduId, kaderName: 'Kader Contoh' });
    const data = generatePosyandu({
      seed,
      posyanduId,
      deviceId: device.deviceId,
      kaderId: device.enrollment.kaderId,
      households,
      asOf: values['as-of'],
    });
    const started = performance.now();
    const tally = { applied: 0, duplicate: 0, rejected: 0 };
    const changes = seedChanges(data, `seed-${device.deviceId}`);
    for (const [index, changesOfBatch] of inBatches(changes, BATCH_SIZE).entries()) {
      const response = await applyBatch(
        store,
        { deviceId: device.deviceId, posyanduId, kaderId: device.enrollment.kaderId },
        {
          protocolVersion: PROTOCOL_VERSION,
          deviceId: device.deviceId,
          batchId: `seed-${index}`,
          changes: changesOfBatch,
        },
      );
      for (const result of response.results) {
        tally[result.status]++;
        if (result.status === 'rejected') console.error(`ditolak ${result.changeId}: ${result.error?.message}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const counts = Object.fromEntries(Object.entries(data).map(([table, rows]) => [table, rows.length]));
    console.log(`Posyandu ${posyanduId}: ${JSON.stringify(counts)}`);
    console.log(
      `${tally.applied} data tersimpan, ${tally.duplicate} duplikat, ${tally.rejected} ditolak, dalam ${seconds.toFixed(2)} s ` +
        `(${Math.round(changes.length / seconds)} data/s, ${store.dialect}).`,
    );
    console.log(`Kode pendaftaran perangkat untuk posyandu ini (kader "Kader Contoh"):`);
    console.log(`  ${device.enrollmentCode}`);
    if (tally.rejected > 0) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Gagal: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
