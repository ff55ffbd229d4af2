// What `synchronous = FULL` costs the SQLite ingest (issue 13): the real store and the real apply-batch service,
// 10,000 seeded records in batches of 500 into a fresh database file, FULL and NORMAL alternated five times each so
// that the machine's load falls on both alike. Prints each run, the medians and the ratio.
// Run: npx tsx bench/sqlite-synchronous.bench.ts
import { seededIngest } from './seeded-ingest.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION } from '../protocol/index.ts';
import { openSqliteStore } from '../server/src/db/sqlite-store.ts';
import { inBatches } from '../server/src/seed/seed-changes.ts';
import { applyBatch } from '../server/src/services/apply-batch.ts';

const RECORDS = 10_000;
const BATCH = 500;
const ROUNDS = Number(process.env.ROUNDS ?? 5);

async function ingest(synchronous: 'FULL' | 'NORMAL'): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'posyandu-sync-bench-'));
  const store = openSqliteStore(join(dir, 'bench.sqlite'), { synchronous });
  try {
    await store.migrate();
    const { device, changes, sender } = await seededIngest(store, RECORDS);
    const started = performance.now();
    let applied = 0;
    for (const [i, batch] of inBatches(changes, BATCH).entries()) {
      const response = await applyBatch(store, sender, {
        protocolVersion: PROTOCOL_VERSION,
        deviceId: device.deviceId,
        batchId: `b-${i}`,
        changes: batch,
      });
      applied += response.results.filter((r) => r.status === 'applied').length;
    }
    const ms = performance.now() - started;
    if (applied !== RECORDS) throw new Error(`${applied} of ${RECORDS} applied`);
    return (RECORDS / ms) * 1000;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  await ingest('FULL'); // warm-up: JIT and the page cache
  const runs: Record<'FULL' | 'NORMAL', number[]> = { FULL: [], NORMAL: [] };
  for (let i = 0; i < ROUNDS; i++) {
    for (const mode of i % 2 === 0 ? (['FULL', 'NORMAL'] as const) : (['NORMAL', 'FULL'] as const)) {
      runs[mode].push(await ingest(mode));
    }
  }
  const full = median(runs.FULL);
  const normal = median(runs.NORMAL);
  console.log(`SQLite ingest, apply-batch service, ${RECORDS} records in batches of ${BATCH}, ${ROUNDS} runs each`);
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const mode of ['FULL', 'NORMAL'] as const) {
    console.log(`  ${mode.padEnd(6)} ${runs[mode].map((r) => Math.round(r)).join(', ')} records/s`);
  }
  console.log(
    `  median FULL ${Math.round(full)}, NORMAL ${Math.round(normal)} records/s: FULL costs ${((1 - full / normal) * 100).toFixed(1)} %`,
  );
}

await main();
