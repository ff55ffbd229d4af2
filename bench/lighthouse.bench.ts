// Issue 14's first-load goal, measured the way the issue measured it: Lighthouse 12.2.3, mobile form factor,
// default (simulated) throttling, three runs per page, on the enrollment screen (a phone that was never enrolled)
// and on the enrolled home (a phone profile that enrolled first, kept with --disable-storage-reset). The built app
// is served by the real server, so the figures include its precompressed files and headers.
//
// Lighthouse is not a project dependency (about 200 MB, and a lockfile pitfall on this registry mirror, see
// shared/design/stack-notes.md): the bench runs the pinned version through `npm exec`, which fetches it once into
// npm's cache. Run: `npm run -s bench:lighthouse` (optionally RUNS=5, LH_REPORTS=<dir> to keep the reports).
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { createDevice, createPosyandu } from '../server/src/services/devices.ts';
import { startServer } from '../server/src/start-server.ts';
import { setPin } from '../test/e2e/app-lock.ts';
import { CHROMIUM_PATH } from '../test/e2e/browser.ts';
import { buildApp } from '../test/e2e/build-app.ts';
import { servedFiles } from './lighthouse-served.ts';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const RUNS = Number(process.env.RUNS ?? 3);
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const run = promisify(execFile);

interface LighthouseRun {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  transferBytes: number;
  /** Accessibility and best-practice audits that did not pass, to say what keeps a score below 100. */
  failing: string[];
}

interface LhJson {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { numericValue?: number; score: number | null }>;
}

/** Lighthouse now and then fails to record a trace (NO_NAVSTART); such a run is repeated, at most twice. */
async function lighthouse(url: string, profile: string | undefined, attempt = 1): Promise<LighthouseRun> {
  try {
    return await lighthouseOnce(url, profile);
  } catch (error) {
    if (attempt >= 3 || !String(error).includes('NO_NAVSTART')) throw error;
    return lighthouse(url, profile, attempt + 1);
  }
}

async function lighthouseOnce(url: string, profile: string | undefined): Promise<LighthouseRun> {
  const out = mkdtempSync(join(tmpdir(), 'posyandu-lh-'));
  const report = join(out, 'report.json');
  const flags = [...CHROME_FLAGS, ...(profile ? [`--user-data-dir=${profile}`] : [])];
  await run(
    'npm',
    [
      'exec',
      '--yes',
      `--package=${LIGHTHOUSE}`,
      '--',
      'lighthouse',
      url,
      '--form-factor=mobile',
      '--only-categories=performance,accessibility,best-practices',
      `--chrome-flags=${flags.join(' ')}`,
      '--output=json',
      `--output-path=${report}`,
      '--quiet',
      ...(profile ? ['--disable-storage-reset'] : []),
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, maxBuffer: 64 * 1024 * 1024 },
  );
  const json = JSON.parse(readFileSync(report, 'utf8')) as LhJson;
  // LH_REPORTS=<dir> keeps each run's whole report there, to read which tasks blocked (long-tasks, bootup-time).
  if (process.env.LH_REPORTS) {
    mkdirSync(process.env.LH_REPORTS, { recursive: true });
    copyFileSync(
      report,
      join(process.env.LH_REPORTS, `${new URL(url).port}-${Date.now()}${profile ? '-enrolled' : ''}.json`),
    );
  }
  rmSync(out, { recursive: true, force: true });
  const score = (id: string) => Math.round((json.categories[id]?.score ?? 0) * 100);
  const value = (id: string) => json.audits[id]?.numericValue ?? Number.NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    fcpMs: value('first-contentful-paint'),
    lcpMs: value('largest-contentful-paint'),
    tbtMs: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    transferBytes: value('total-byte-weight'),
    failing: ['accessibility', 'best-practices'].flatMap((category) =>
      (json.categories[category]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && json.audits[ref.id]?.score !== null && json.audits[ref.id]?.score !== 1)
        .map((ref) => ref.id),
    ),
  };
}

/**
 * A phone profile that has enrolled once and set its PIN: what a kader opens every posyandu day, which since the
 * app lock starts at the PIN screen (Lighthouse measures the load up to it; the unlock is the kader's typing).
 */
async function enrolledProfile(url: string, enrollmentCode: string, posyanduName: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'posyandu-lh-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROME_FLAGS.filter((flag) => flag !== '--headless'),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}/#/daftar/${enrollmentCode}`);
  await page.waitForFunction(
    (code) => (document.querySelector('input[name="enrollmentCode"]') as HTMLInputElement | null)?.value === code,
    enrollmentCode,
  );
  await page.click('button[type="submit"]');
  await setPin(page);
  await page.waitForSelector(`text=${posyanduName}`);
  await context.close();
  return profile;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function summary(label: string, runs: LighthouseRun[]): string {
  const m = (pick: (r: LighthouseRun) => number) => median(runs.map(pick));
  return [
    `${label}: performance ${runs.map((r) => r.performance).join(', ')} (median ${m((r) => r.performance)})`,
    `  accessibility ${m((r) => r.accessibility)}, best practices ${m((r) => r.bestPractices)}`,
    `  median FCP ${Math.round(m((r) => r.fcpMs))} ms, LCP ${Math.round(m((r) => r.lcpMs))} ms, ` +
      `TBT ${Math.round(m((r) => r.tbtMs))} ms, CLS ${m((r) => r.cls).toFixed(3)}, ` +
      `transfer ${(m((r) => r.transferBytes) / 1024).toFixed(1)} KiB`,
    `  not passed: ${[...new Set(runs.flatMap((r) => r.failing))].join(', ') || 'none'}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const appDir = await buildApp();
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-lh-data-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir: appDir, demoData: false });
  const posyanduName = 'Posyandu Melati';
  const posyanduId = await createPosyandu(server.store, posyanduName);
  const device = await createDevice(server.store, { posyanduId, kaderName: 'Siti' });
  const profiles: string[] = [];
  try {
    const { stdout } = await run(CHROMIUM_PATH, ['--version']);
    console.log(`${LIGHTHOUSE}, ${stdout.trim()}, mobile, default throttling, ${RUNS} runs each`);
    console.log(
      `load average at start ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
    );
    console.log((await servedFiles(server.url)).join('\n'));
    const enrollment: LighthouseRun[] = [];
    for (let i = 0; i < RUNS; i++) enrollment.push(await lighthouse(`${server.url}/`, undefined));
    console.log(summary('enrollment screen (never enrolled)', enrollment));
    const home: LighthouseRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A fresh enrolled profile per run: Lighthouse's own navigation would otherwise start warm from the last.
      const profile = await enrolledProfile(server.url, device.enrollmentCode, posyanduName);
      profiles.push(profile);
      home.push(await lighthouse(`${server.url}/`, profile));
    }
    console.log(summary('enrolled phone (opens at the PIN screen)', home));
    console.log('goal (issue 14): performance >= 98 on both, CLS 0');
    console.log(
      `load average at end ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await server.close();
    for (const dir of [appDir, dataDir, ...profiles]) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
