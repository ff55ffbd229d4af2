// Issue 2's speed and memory figures for the app: initial JS by package, writes, search, opening with 10,000
// people, JS heap, the plain-IndexedDB baseline, and the idle server's RSS. Prints a table (and writes
// bench/results/app.json); it asserts nothing about time. docs/benchmarks.md explains each figure.
// Run: npm run -s bench:app   (or: npx tsx bench/app.bench.ts [--quick])
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildBenchPage, runBrowserBench, type BrowserFigures, type OpenTiming } from './app/browser-bench.ts';
import {
  buildApp,
  INITIAL_JS_BUDGET_GZIP_BYTES,
  measureBundle,
  REPO_ROOT,
  type BundleReport,
} from './app/bundle-size.ts';
import { measureIdleServer, type ServerMemory } from './app/server-rss.ts';

const QUICK = process.argv.includes('--quick');
const TARGETS = {
  initialGzipKb: INITIAL_JS_BUDGET_GZIP_BYTES / 1000,
  saveMs: 50,
  searchMs: 50,
  openMs: 1500,
  heapMb: 40,
  serverRssMb: 150,
};

const kb = (bytes: number) => bytes / 1000;
const mb = (bytes: number) => bytes / 1_000_000;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
const median = (values: readonly number[]) => percentile(values, 50);

function verdict(value: number, target: number, unit: string): string {
  return value <= target ? `OK (target ${target} ${unit})` : `OVER by ${(value - target).toFixed(1)} ${unit}`;
}

const row = (cells: (string | number)[], widths: number[]) =>
  `  ${cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i] ?? 0) : String(cell).padStart(widths[i] ?? 0))).join('  ')}`;

function printBundle(report: BundleReport): string[] {
  const out = ['1. Initial JavaScript of the app shell (entry chunk + the chunks it imports statically)'];
  const w = [44, 10, 10];
  out.push(row(['file', 'raw kB', 'gzip kB'], w));
  for (const f of report.initialJs) out.push(row([f.file, kb(f.rawBytes).toFixed(1), kb(f.gzipBytes).toFixed(1)], w));
  out.push(
    row(['total initial JS', kb(report.totalRawBytes).toFixed(1), kb(report.totalGzipBytes).toFixed(1)], w) +
      `  ${verdict(kb(report.totalGzipBytes), TARGETS.initialGzipKb, 'kB')}`,
  );
  for (const f of report.initialCss)
    out.push(row([`(css, not counted) ${f.file}`, kb(f.rawBytes).toFixed(1), kb(f.gzipBytes).toFixed(1)], w));
  const lazyGzip = report.lazyJs.reduce((sum, f) => sum + f.gzipBytes, 0);
  out.push(
    `  lazy JS chunks (loaded on demand, not counted): ${report.lazyJs.length}, ${kb(lazyGzip).toFixed(1)} kB gzip`,
  );
  for (const f of report.lazyJs)
    out.push(row([`  ${f.file}`, kb(f.rawBytes).toFixed(1), kb(f.gzipBytes).toFixed(1)], w));
  out.push(
    '',
    `  split by package, from the source map (${report.splitMatchesShippedFiles ? 'same bytes as shipped' : 'WARNING: sourcemap build differs from shipped'})`,
  );
  const s = [36, 12, 8, 12, 14];
  out.push(row(['package / app folder', 'minified kB', 'share', 'gzip alone', '≈ gzip in bundle'], s));
  for (const g of report.split) {
    out.push(
      row(
        [
          g.group,
          kb(g.minifiedBytes).toFixed(1),
          `${((g.minifiedBytes / report.totalRawBytes) * 100).toFixed(1)}%`,
          kb(g.gzipAloneBytes).toFixed(1),
          kb(g.gzipShareBytes).toFixed(1),
        ],
        s,
      ),
    );
  }
  const app = report.split.filter((g) => g.group.startsWith('app: '));
  out.push(
    row(
      [
        'app code, all folders together',
        kb(app.reduce((sum, g) => sum + g.minifiedBytes, 0)).toFixed(1),
        `${((app.reduce((sum, g) => sum + g.minifiedBytes, 0) / report.totalRawBytes) * 100).toFixed(1)}%`,
        '',
        kb(app.reduce((sum, g) => sum + g.gzipShareBytes, 0)).toFixed(1),
      ],
      s,
    ),
  );
  return out;
}

function printBrowser(b: BrowserFigures, saves: number): string[] {
  const out = [`2. Headless Chromium ${b.chromiumVersion}, phone profile 360x740, same origin as the app`];
  out.push(`  data: ${b.people} people in ${b.households} households, reached the phone through the real pull:`);
  for (const p of b.pulls)
    out.push(
      `    pull into ${p.label}: ${p.received} records in ${p.ms.toFixed(0)} ms (${Math.round((p.received / p.ms) * 1000)} records/s)`,
    );
  const w = [50, 9, 9, 9, 30];
  out.push(row(['operation', 'median', 'p95', 'max', 'verdict (median)'], w));
  const timedRow = (label: string, values: number[], target?: number) =>
    row(
      [
        label,
        `${median(values).toFixed(1)} ms`,
        `${percentile(values, 95).toFixed(1)} ms`,
        `${Math.max(...values).toFixed(1)} ms`,
        target === undefined ? '' : verdict(median(values), target, 'ms'),
      ],
      w,
    );
  out.push('  saves and searches: a database with no PIN (what encryption adds: bench/encryption-cost.bench.ts)');
  out.push(timedRow(`save household + 5 members, ours (n=${b.write.ours.length})`, b.write.ours, TARGETS.saveMs));
  out.push(timedRow('  same writes, plain IndexedDB', b.write.plain));
  out.push(
    `    ratio ours/plain: median ${(median(b.write.ours) / median(b.write.plain)).toFixed(2)}, p95 ${(percentile(b.write.ours, 95) / percentile(b.write.plain, 95)).toFixed(2)}; outbox rows ${b.write.outboxRows.ours} ours, ${b.write.outboxRows.plain} plain (expected ${saves * 6} each)`,
  );
  out.push(timedRow(`search by name prefix in 10k, ours (n=${b.search.ours.length})`, b.search.ours, TARGETS.searchMs));
  out.push(timedRow('  same search, plain IndexedDB', b.search.plain));
  out.push(
    `    ratio ours/plain: median ${(median(b.search.ours) / median(b.search.plain)).toFixed(2)}, p95 ${(percentile(b.search.ours, 95) / percentile(b.search.plain, 95)).toFixed(2)}; median ${b.search.medianHits} people found; queries with different results: ${b.search.mismatches}`,
  );
  // Since the app lock every open goes through the PIN screen: the load to it, then the PIN's submit to the
  // screen; their sum is the app's time (the kader's typing left out), held to the old open target.
  const openRow = (label: string, timings: OpenTiming[]) => {
    const painted = timings.map((t) => t.paintedMs);
    const medianOf = (pick: (t: OpenTiming) => number) => median(timings.map(pick)).toFixed(0);
    return [
      timedRow(label, painted, TARGETS.openMs),
      `    = PIN screen painted ${medianOf((t) => t.pinScreenMs)} ms + PIN submit to painted ${medianOf((t) => t.unlockPaintedMs)} ms (in DOM ${medianOf((t) => t.unlockDomMs)} ms), DOMContentLoaded ${medianOf((t) => t.domContentLoadedMs)} ms (medians)`,
      `    served by the service worker: ${timings.filter((t) => t.fromServiceWorker).length}/${timings.length}; runs: ${painted.map((v) => v.toFixed(0)).join(', ')}`,
    ];
  };
  out.push(...openRow(`open app, PIN -> household list painted (n=${b.openList.length})`, b.openList));
  out.push(...openRow(`open app, PIN -> home painted (n=${b.openHome.length})`, b.openHome));
  out.push(...openRow(`  same, list, CPU slowed ${b.cpuSlowdown}x (n=${b.openListSlowCpu.length})`, b.openListSlowCpu));
  out.push(...openRow(`  same, home, CPU slowed ${b.cpuSlowdown}x (n=${b.openHomeSlowCpu.length})`, b.openHomeSlowCpu));
  const h = [50, 12, 12, 10, 26];
  out.push(row(['JS heap after forced GC', 'used', 'total', 'DOM nodes', 'verdict (used)'], h));
  const heapRow = (label: string, heap: BrowserFigures['heap']['list'], target?: number) =>
    row(
      [
        label,
        `${mb(heap.usedBytes).toFixed(1)} MB`,
        `${mb(heap.totalBytes).toFixed(1)} MB`,
        heap.domNodes,
        target === undefined ? '' : verdict(mb(heap.usedBytes), target, 'MB'),
      ],
      h,
    );
  out.push(heapRow(`${b.people} people stored, household list open`, b.heap.list, TARGETS.heapMb));
  out.push(heapRow(`${b.people} people stored, home screen`, b.heap.home));
  out.push(heapRow('no household stored, household list open', b.heap.emptyList));
  return out;
}

const mbOfKb = (kib: number) => (kib * 1024) / 1_000_000;

function printServer(s: ServerMemory, viaTsxCli: ServerMemory): string[] {
  const out = [
    `3. Idle server as \`npm start\` runs it (node --import tsx server/src/main.ts, SKIP_APP_BUILD=1, fresh SQLite, loopback), ${s.idleSeconds} s after "listening on"`,
    `  started in ${s.startMs.toFixed(0)} ms`,
  ];
  for (const p of s.processes) {
    const memory = `RSS ${mbOfKb(p.rssKb).toFixed(1)} MB, PSS ${mbOfKb(p.pssKb).toFixed(1)} MB`;
    out.push(`  pid ${p.pid}: ${memory}  ${p.command.slice(0, 100)}`);
  }
  const rssMb = mbOfKb(s.rssKb);
  out.push(
    `  RSS of the tree (sum; pages the processes share count in each): ${rssMb.toFixed(1)} MB ` +
      `(${(s.rssKb / 1024).toFixed(1)} MiB)  ${verdict(rssMb, TARGETS.serverRssMb, 'MB')}`,
    `  PSS of the tree (shared pages split between the processes, so it adds up): ${mbOfKb(s.pssKb).toFixed(1)} MB`,
    `  for comparison, the tsx CLI (tsx server/src/main.ts: a launcher process plus the server): RSS ${mbOfKb(viaTsxCli.rssKb).toFixed(1)} MB ` +
      `in ${viaTsxCli.processes.length} process(es)  ${verdict(mbOfKb(viaTsxCli.rssKb), TARGETS.serverRssMb, 'MB')}`,
  );
  return out;
}

async function main(): Promise<void> {
  const saves = QUICK ? 30 : 200;
  const log = (line: string) => console.error(`[bench:app] ${line}`);
  const loadAtStart = loadavg();
  const work = mkdtempSync(join(tmpdir(), 'posyandu-bench-app-'));
  try {
    log('building the app (project config + build manifest) and a sourcemap twin');
    const appDir = await buildApp(join(work, 'app'));
    const bundle = await measureBundle(appDir, join(work, 'sourcemap'));
    await buildBenchPage(appDir);
    const browser = await runBrowserBench({
      appDir,
      people: 10_000,
      saves,
      warmupSaves: QUICK ? 5 : 20,
      queries: QUICK ? 40 : 400,
      searchLimit: 50,
      coldOpens: QUICK ? 3 : 7,
      log,
    });
    log('idle server RSS');
    const server = await measureIdleServer(3, 'node-import-tsx');
    const tsxCliServer = await measureIdleServer(3, 'tsx-cli');

    const cpu = cpus();
    const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
    const lines = [
      `Posyandu ILP app benchmarks (issue 2)${QUICK ? ' [--quick: fewer samples]' : ''}`,
      `machine: ${cpu[0]?.model ?? '?'} x${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${new Date().toISOString()}`,
      `load average (1/5/15 min) at start ${load(loadAtStart)}, at end ${load(loadavg())}: other work on the machine widens p95`,
      'units: kB = 1000 bytes, MB = 1,000,000 bytes; p95 = nearest rank',
      '',
      ...printBundle(bundle),
      '',
      ...printBrowser(browser, saves + (QUICK ? 5 : 20)),
      '',
      ...printServer(server, tsxCliServer),
    ];
    console.log(lines.join('\n'));
    mkdirSync(join(REPO_ROOT, 'bench/results'), { recursive: true });
    writeFileSync(
      join(REPO_ROOT, 'bench/results/app.json'),
      JSON.stringify({ bundle, browser, server, tsxCliServer }, null, 2),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
