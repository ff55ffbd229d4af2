import { cpus } from 'node:os';
import type { OursRun, PageRun } from './page/bench-api.ts';

export interface SyncBenchResult {
  records: number;
  /** 1-minute load average before and after: other work on the 2 cores skews one-run figures. */
  loadAverage: { before: number; after: number };
  ours: { seedMs: number; run: OursRun; applyMs: number; applyTransactions: number };
  pouch: { seedMs: number; run: PageRun & { docsWritten: number } };
  replay: { seedMs: number; run: PageRun; applyMs: number };
}

/** Issue 3's target for ours, end to end. */
export const TARGET_MS = 5_000;

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`.padStart(10);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const perSecond = (records: number, value: number) =>
  `${Math.round((records / value) * 1000).toLocaleString('en-US')} records/s`;
/** How ours compares with another contestant, in words that stay right whichever is faster. */
const versus = (label: string, theirs: number, ours: number) =>
  theirs >= ours
    ? `ours is ${(theirs / ours).toFixed(1)}x faster than ${label}`
    : `ours is ${(ours / theirs).toFixed(1)}x SLOWER than ${label}`;

export function formatReport(r: SyncBenchResult): string {
  const { ours, pouch, replay } = r;
  const oursMs = ours.run.totalMs;
  const inPageMs = oursMs - ours.run.pushRequestMs - ours.run.pullRequestMs;
  const line = (label: string, run: PageRun) =>
    `  ${label.padEnd(58)}${ms(run.totalMs)}  ${perSecond(r.records, run.totalMs).padStart(16)}  ` +
    `${run.requests.toLocaleString('en-US')} requests, ${mb(run.bytesSent)} sent`;
  return [
    `Sync push: ${r.records.toLocaleString('en-US')} queued records, headless Chromium -> server on loopback, ` +
      'end to end (queued -> all on the server, queue empty); one run each',
    `  (load average ${r.loadAverage.before.toFixed(2)} before, ${r.loadAverage.after.toFixed(2)} after, on ${cpus().length} cores)`,
    line('ours: app storage + sync engine -> our server (SQLite file)', ours.run),
    `      push requests (${ours.run.pushRequests}, loopback + server)`.padEnd(60) + ms(ours.run.pushRequestMs),
    `        of which server apply (${ours.applyTransactions} batch transactions)`.padEnd(60) + ms(ours.applyMs),
    `      pull requests (${ours.run.pullRequests}, incl. the merged records coming back)`.padEnd(60) +
      ms(ours.run.pullRequestMs),
    '      in the page (outbox batches, acknowledgements, merge)'.padEnd(60) + ms(inPageMs),
    ...Object.entries(ours.run.storageCalls)
      .filter(([, t]) => t.ms >= 1)
      .sort(([, a], [, b]) => b.ms - a.ms)
      .map(([name, t]) => `        storage.${name} (${t.calls} calls)`.padEnd(60) + ms(t.ms)),
    line('(a) PouchDB (IndexedDB) -> express-pouchdb (memory)', pouch.run),
    line('(b) workbox Queue replay, 1 request per record -> our server', replay.run),
    `        of which server apply (${r.records.toLocaleString('en-US')} transactions)`.padEnd(60) + ms(replay.applyMs),
    `  ${versus('(a)', pouch.run.totalMs, oursMs)};  ${versus('(b)', replay.run.totalMs, oursMs)}`,
    `  target for ours < ${ms(TARGET_MS).trim()}: ${oursMs < TARGET_MS ? 'met' : 'NOT MET'}`,
    `  (not timed: recording the ${r.records.toLocaleString('en-US')} records through the app ${ms(ours.seedMs).trim()}, ` +
      `PouchDB bulkDocs ${ms(pouch.seedMs).trim()}, workbox pushRequest ${ms(replay.seedMs).trim()})`,
  ].join('\n');
}
