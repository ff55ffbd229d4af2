// Where a first pull's time goes, for issue 14's deliverable 2 (first-pull.ts):
// --first-pull-profile: a CPU profile of the page (CDP Profiler), written to bench/results and summed by source file
//   through the bench build's hidden source maps (bench/app/cpu-profile.ts): the page's share, by our modules.
// --first-pull-trace: a Chromium trace (CDP Tracing, category "toplevel") of every process, written beside it and
//   summed as busy time per thread: the page's main thread, IndexedDB's backend in the browser process, the crypto
//   and network threads. The CPU throttle slows the page's main thread only; this shows what it does not slow.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { summariseProfile, type CpuProfile } from '../app/cpu-profile.ts';

const RESULTS = 'bench/results';
/** Lines of the printed summaries: enough to name what is worth cutting. */
const SHOWN = 14;

export interface PullRecorder {
  /** Stops, writes the files, returns the summary lines to print. */
  stop(name: string): Promise<string[]>;
}

export async function startPullRecorder(cdp: CDPSession, pagesDir: string): Promise<PullRecorder | null> {
  const profile = process.argv.includes('--first-pull-profile');
  const trace = process.argv.includes('--first-pull-trace');
  if (!profile && !trace) return null;
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  if (trace) {
    await cdp.send('Tracing.start', {
      transferMode: 'ReturnAsStream',
      traceConfig: { includedCategories: ['toplevel'], recordMode: 'recordContinuously' },
    });
  }
  mkdirSync(RESULTS, { recursive: true });
  return {
    async stop(name) {
      const lines: string[] = [];
      if (profile) {
        const { profile: taken } = await cdp.send('Profiler.stop');
        const file = join(RESULTS, `${name}.cpuprofile`);
        writeFileSync(file, JSON.stringify(taken));
        lines.push(...profileLines(taken as CpuProfile, join(pagesDir, 'assets'), file));
      }
      if (trace) {
        const events = await endTrace(cdp);
        const file = join(RESULTS, `${name}.trace.json`);
        writeFileSync(file, JSON.stringify({ traceEvents: events }));
        lines.push(...traceLines(events, file));
      }
      return lines;
    },
  };
}

function profileLines(profile: CpuProfile, assetsDir: string, file: string): string[] {
  const summary = summariseProfile(profile, assetsDir);
  const ms = (t: number) => `${Math.round(t).toLocaleString('en-US')} ms`;
  const share = (t: number) => `${((t / summary.totalMs) * 100).toFixed(1)} %`;
  return [
    `    CPU profile of the page (${file}, ${ms(summary.totalMs)} sampled), self time by source file:`,
    ...summary.top.slice(0, SHOWN).map((t) => `      ${ms(t.ms).padStart(9)}  ${share(t.ms).padStart(6)}  ${t.name}`),
    `    ...by function:`,
    ...summary.functions
      .slice(0, SHOWN)
      .map((t) => `      ${ms(t.ms).padStart(9)}  ${share(t.ms).padStart(6)}  ${t.name}`),
  ];
}

interface TraceEvent {
  ph: string;
  name: string;
  cat?: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

async function endTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (event) => resolve(event.stream ?? '')),
  );
  await cdp.send('Tracing.end');
  const handle = await complete;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** Busy time per thread: the union of its top-level tasks' spans (nested tasks counted once). */
function traceLines(events: readonly TraceEvent[], file: string): string[] {
  const processes = new Map<number, string>();
  const threads = new Map<string, string>();
  const spans = new Map<string, [number, number][]>();
  let first = Infinity;
  let last = -Infinity;
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'process_name') processes.set(e.pid, e.args?.name ?? '?');
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    if (e.ph !== 'X' || e.dur === undefined || !e.cat?.includes('toplevel')) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = spans.get(key) ?? [];
    list.push([e.ts, e.ts + e.dur]);
    spans.set(key, list);
    first = Math.min(first, e.ts);
    last = Math.max(last, e.ts + e.dur);
  }
  const busy = [...spans].map(([key, list]) => {
    list.sort((a, b) => a[0] - b[0]);
    let total = 0;
    let end = -Infinity;
    for (const [from, to] of list) {
      if (to <= end) continue;
      total += to - Math.max(from, end);
      end = to;
    }
    const pid = Number(key.split(':')[0]);
    // Thread names repeat across processes (every process has a "CrBrowserMain"-like main): name both.
    return { name: `${processes.get(pid) ?? `pid ${pid}`} / ${threads.get(key) ?? key}`, ms: total / 1000 };
  });
  busy.sort((a, b) => b.ms - a.ms);
  const span = (last - first) / 1000;
  return [
    `    Trace (${file}, ${Math.round(span).toLocaleString('en-US')} ms of tasks), busy time per thread:`,
    ...busy
      .slice(0, SHOWN)
      .map(
        (t) =>
          `      ${`${Math.round(t.ms).toLocaleString('en-US')} ms`.padStart(9)}  ${`${((t.ms / span) * 100).toFixed(0)} %`.padStart(5)}  ${t.name}`,
      ),
  ];
}
