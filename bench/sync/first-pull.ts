// Issue 14, deliverable 2: a new phone's first pull of the posyandu the ours run just pushed (10,000 records),
// PIN set first (encryption at rest on), at normal speed and with the CPU slowed 4x (what Lighthouse calls a
// mid-range phone), each on a fresh database and a device of its own.
import { PROTOCOL_VERSION } from '../../protocol/index.ts';
import { generatePosyandu } from '../../server/src/seed/generate-posyandu.ts';
import { inBatches, seedChanges } from '../../server/src/seed/seed-changes.ts';
import { applyBatch } from '../../server/src/services/apply-batch.ts';
import { createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import type { RunningServer } from '../../server/src/start-server.ts';
import type { PhoneBrowser } from '../../test/e2e/browser.ts';
import { check, openBenchPage, RECORDS } from './bench-harness.ts';
import { chromiumCpu, cpuSince } from './browser-cpu.ts';
import { startPullRecorder } from './first-pull-profile.ts';
import type { FirstPullRun } from './page/bench-api.ts';

export const FIRST_PULL_SLOWDOWNS: readonly number[] = slowdownsAsked() ?? [1, 4];

/** `--first-pull-cpu=1` (or `=4`, `=1,4,1`): the CPU slowdowns to run, in order, for A/B runs on a busy machine. */
function slowdownsAsked(): number[] | null {
  const arg = process.argv.find((a) => a.startsWith('--first-pull-cpu='));
  if (!arg) return null;
  const rates = arg.slice('--first-pull-cpu='.length).split(',').map(Number);
  check(rates.length > 0 && rates.every((r) => Number.isInteger(r) && r >= 1), `bad ${arg}`);
  return rates;
}

export interface FirstPullResult extends FirstPullRun {
  slowdown: number;
  /** CPU milliseconds of the browser's processes during the pull, by kind (browser-cpu.ts). */
  cpu: Record<string, number>;
}

export async function runFirstPulls(
  phone: PhoneBrowser,
  server: RunningServer,
  posyanduId: string,
  /** Households the posyandu holds: the new phone's list must show them all. */
  households: number,
  /** The built bench pages: their hidden source maps name the profile's functions by source file. */
  pagesDir: string,
  /** The --wifi run's: one slowdown, an emulated link, and headers (Accept-Encoding: identity for the plain pull). */
  options: { slowdowns?: readonly number[]; network?: object; headers?: Record<string, string>; label?: string } = {},
): Promise<FirstPullResult[]> {
  const results: FirstPullResult[] = [];
  for (const [round, slowdown] of (options.slowdowns ?? FIRST_PULL_SLOWDOWNS).entries()) {
    const created = await createDevice(server.store, { posyanduId, kaderName: `Kader Baru ${round + 1}` });
    const page = await openBenchPage(phone, `${server.url}/first-pull.html`, 'firstPullBench');
    try {
      const cdp = await phone.context.newCDPSession(page);
      if (slowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
      if (options.network || options.headers) await cdp.send('Network.enable');
      if (options.network) await cdp.send('Network.emulateNetworkConditions', options.network as never);
      if (options.headers) await cdp.send('Network.setExtraHTTPHeaders', { headers: options.headers });
      const recorder = await startPullRecorder(cdp, pagesDir);
      const cpuBefore = chromiumCpu(phone.profile);
      const run = await page.evaluate(([enrollment, name]) => window.firstPullBench!.pull(enrollment, name), [
        created.enrollment,
        `bench-first-pull-${options.label ?? ''}${round + 1}-${slowdown}x`,
      ] as const);
      const cpu = cpuSince(cpuBefore, chromiumCpu(phone.profile));
      for (const line of (await recorder?.stop(`first-pull-${round + 1}-${slowdown}x`)) ?? []) console.log(line);
      check(run.lastError === null, `first pull ${slowdown}x ended with ${run.lastError}`);
      check(run.received === RECORDS, `first pull ${slowdown}x: ${run.received} records, expected ${RECORDS}`);
      check(run.households === households && run.vault === 'unlocked', `first pull ${slowdown}x: ${run.households}`);
      results.push({ slowdown, cpu, ...run });
    } finally {
      await page.close();
    }
  }
  return results;
}

/**
 * For `--first-pull-only` (quick iterations on the pull): a generated posyandu (server/src/seed) cut to exactly
 * `records` changes, parents first, applied on the server as a phone's pushes would be. Returns the posyandu and
 * how many households it holds.
 */
export async function seedServerPosyandu(
  server: RunningServer,
  records: number,
): Promise<{ posyanduId: string; households: number }> {
  const posyanduId = await createPosyandu(server.store, 'Posyandu Bench');
  const kader = await createDevice(server.store, { posyanduId, kaderName: 'Kader Lama' });
  const sender = { deviceId: kader.deviceId, posyanduId, kaderId: kader.enrollment.kaderId };
  // About 19 records per household in the generator: 700 households give more than 10,000.
  const data = generatePosyandu({ seed: 14, ...sender, households: Math.ceil(records / 14) });
  const changes = seedChanges(data, 'b').slice(0, records);
  check(changes.length === records, `the generated posyandu has only ${changes.length} records`);
  for (const [index, batch] of inBatches(changes, 1000).entries()) {
    const answer = await applyBatch(server.store, sender, {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: kader.deviceId,
      batchId: `bench-${index}`,
      changes: batch,
    });
    const refused = answer.results.find((r) => r.status === 'rejected');
    check(refused === undefined, `seeding refused ${refused?.changeId}: ${refused?.error?.message}`);
  }
  return { posyanduId, households: changes.filter((c) => c.table === 'households').length };
}
