// Issue 13: what encryption at rest costs the app's save, search and open, in Debian's headless Chromium. Two
// databases hold the same people (pulled from the real server); one gets a PIN (its rows are encrypted in place,
// timed), then each step runs on both, alternating. Prints medians and ratios; asserts nothing about time.
// Run: npx tsx bench/encryption-cost.bench.ts [--people 10000] [--saves 40] [--queries 60] [--opens 5]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevice, createPosyandu } from '../server/src/services/devices.ts';
import { startServer } from '../server/src/start-server.ts';
import { launchPhone } from '../test/e2e/browser.ts';
import { fiveMemberHouseholds, peopleOfPosyandu, pushToServer, searchQueries } from './app/bench-data.ts';
import { buildBenchPage, openBenchPage } from './app/browser-bench.ts';
import { buildApp } from './app/bundle-size.ts';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const PEOPLE = arg('people', 10_000);
const SAVES = arg('saves', 40);
const WARMUP = 5;
const QUERIES = arg('queries', 60);
const OPENS = arg('opens', 5);
const PIN = '482915';
const PLAIN_DB = 'cost-plain';
const SEALED_DB = 'cost-sealed';

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const p95 = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
};
const line = (label: string, plain: readonly number[], sealed: readonly number[]) =>
  `  ${label.padEnd(40)} ${median(plain).toFixed(1).padStart(8)} ${median(sealed).toFixed(1).padStart(9)}` +
  ` ${(median(sealed) / median(plain)).toFixed(2).padStart(7)}x   p95 ${p95(plain).toFixed(1)} / ${p95(sealed).toFixed(1)}`;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'posyandu-cost-'));
  const load = loadavg()[0]?.toFixed(1);
  const appDir = await buildApp(join(work, 'app'));
  await buildBenchPage(appDir);
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(work, 'data'),
    staticDir: appDir,
    demoData: false,
  });
  const phone = await launchPhone();
  try {
    const posyanduId = await createPosyandu(server.store, 'Posyandu Bench');
    const device = await createDevice(server.store, { posyanduId, kaderName: 'Kader Bench' });
    const people = peopleOfPosyandu(device, PEOPLE);
    await pushToServer(server.store, device, people);
    const bench = await openBenchPage(phone.context, server.url);
    for (const name of [PLAIN_DB, SEALED_DB]) {
      await bench.evaluate(([db, e]) => window.bench.enroll(db, e), [name, device.enrollment] as const);
      await bench.evaluate(([db, t]) => window.bench.pull(db, t), [name, device.token] as const);
    }
    const firstPinMs = await bench.evaluate(([db, pin]) => window.bench.setFirstPin(db, pin), [
      SEALED_DB,
      PIN,
    ] as const);
    const cost = await bench.evaluate(
      ([plain, sealed, pin, args]) => window.bench.encryptionCost(plain, sealed, pin, args),
      [
        PLAIN_DB,
        SEALED_DB,
        PIN,
        {
          inputs: fiveMemberHouseholds(SAVES + WARMUP),
          warmup: WARMUP,
          queries: searchQueries(people.persons, QUERIES),
          limit: 20,
          opens: OPENS,
        },
      ] as const,
    );
    await bench.close();
    const version = phone.context.browser()?.version() ?? 'Chromium';
    const out = [
      `Encryption at rest: what it costs (${version}, ${people.persons.length} people, ${people.households.length} households; load average ${load} at start, ${loadavg()[0]?.toFixed(1)} at end, 2 shared cores)`,
      `  ${''.padEnd(40)} ${'no PIN ms'.padStart(8)} ${'PIN ms'.padStart(9)} ${'ratio'.padStart(8)}`,
      line(`save a household of 5 (median of ${cost.write.plain.length})`, cost.write.plain, cost.write.sealed),
      line(`search, 20 results (median of ${cost.search.plain.length})`, cost.search.plain, cost.search.sealed),
      line(`open + household list (median of ${OPENS})`, cost.openPlain, cost.openSealed.read),
      `  unlock (PBKDF2-SHA256 600,000 + unwrap + HKDF), median of ${OPENS}: ${median(cost.openSealed.unlock).toFixed(0)} ms`,
      `  cold open with the PIN = unlock + list: ${(median(cost.openSealed.unlock) + median(cost.openSealed.read)).toFixed(0)} ms against ${median(cost.openPlain).toFixed(0)} ms`,
      `  first PIN on a phone already holding them (encrypt every row in place): ${firstPinMs.toFixed(0)} ms`,
      `  search results differing between the two: ${cost.search.mismatches} of ${cost.search.plain.length}`,
    ];
    console.log(out.join('\n'));
  } finally {
    await phone.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
