// CPU time of the bench's Chromium, by process kind (browser, renderer, storage service...), read from /proc. On
// two shared cores the wall clock swings 2-5x with the load, while CPU time spent on a fixed piece of work swings far
// less, so A/B figures of the page's side of a push or a first pull are read from it (issue 14). A first pull's
// IndexedDB work mostly runs outside the page (in the browser process), so both sides are counted. Linux only;
// elsewhere every reading is 0.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_MS = 100 / 1000;

interface ProcessInfo {
  pid: number;
  ppid: number;
  cpuMs: number;
  kind: string;
  cmdline: string[];
}

function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // (A forked child's command line may be one string with spaces: Chromium rewrites its title.)
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const arg = (name: string) => cmdline.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    const kind =
      arg('utility-sub-type') ??
      arg('type') ??
      (cmdline.some((a) => a.startsWith('--user-data-dir=')) ? 'browser' : 'other');
    // fields[0] is field 3 (state): ppid is field 4.
    return {
      pid,
      ppid: Number(fields[1]),
      cpuMs: statCpuMs(stat),
      kind,
      cmdline,
    };
  } catch {
    // The process ended between the listing and the read.
    return null;
  }
}

function allProcesses(): ProcessInfo[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^[0-9]+$/.test(name))
      .map((name) => readProcess(Number(name)))
      .filter((p): p is ProcessInfo => p !== null);
  } catch {
    return [];
  }
}

/** The pids of `root` and every process under it (`root` itself only when `withRoot`). */
function treeOf(all: ProcessInfo[], root: number, withRoot: boolean): Set<number> {
  const tree = new Set([root]);
  // Children are listed after their parents nearly always, but not surely: repeat until nothing is added.
  for (let grown = true; grown;) {
    grown = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grown = true;
      }
    }
  }
  if (!withRoot) tree.delete(root);
  return tree;
}

/** CPU milliseconds by kind of `root` and every process under it (`root` itself only when `withRoot`). */
function treeCpu(all: ProcessInfo[], root: number, withRoot: boolean): Record<string, number> {
  const tree = treeOf(all, root, withRoot);
  const sums: Record<string, number> = {};
  for (const p of all) if (tree.has(p.pid)) sums[p.kind] = (sums[p.kind] ?? 0) + p.cpuMs;
  return sums;
}

/** CPU milliseconds (user + system) from a /proc stat line: the fields after the parenthesised name are fixed. */
function statCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime 15.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_MS;
}

/**
 * Milliseconds of CPU by "process kind/thread name" of every descendant of this process (/proc/<pid>/task): which
 * of the browser process's threads (its main thread, the IO thread, the thread pool that runs IndexedDB's LevelDB
 * work and compaction) a push's share goes to (issue 14). Linux only; elsewhere empty.
 */
export function descendantThreadCpu(root = process.pid): Record<string, number> {
  const all = allProcesses();
  const tree = treeOf(all, root, false);
  const sums: Record<string, number> = {};
  for (const p of all) {
    if (!tree.has(p.pid)) continue;
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${p.pid}/task`);
    } catch {
      // The process ended after the listing.
    }
    for (const tid of tids) {
      try {
        const cpuMs = statCpuMs(readFileSync(`/proc/${p.pid}/task/${tid}/stat`, 'utf8'));
        // Threads of one kind share a name but for a number ("ThreadPoolForeg"): dropped, so that they add up.
        const name = readFileSync(`/proc/${p.pid}/task/${tid}/comm`, 'utf8')
          .trim()
          .replace(/[0-9]+$/, '');
        const key = `${p.kind}/${name}`;
        sums[key] = (sums[key] ?? 0) + cpuMs;
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  }
  return sums;
}

/** Milliseconds of CPU (user + system) by process kind, of the Chromium whose profile folder is `profile`. */
export function chromiumCpu(profile: string): Record<string, number> {
  const all = allProcesses();
  const root = all.find((p) => p.kind === 'browser' && p.cmdline.join(' ').includes(`--user-data-dir=${profile}`));
  return root ? treeCpu(all, root.pid, true) : {};
}

/** What each kind spent between two readings. */
export function cpuSince(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const spent: Record<string, number> = {};
  for (const [kind, ms] of Object.entries(after)) spent[kind] = ms - (before[kind] ?? 0);
  return spent;
}

/** Every live descendant of this process (not this process itself), split: the renderers (the page's JavaScript)
 * and the rest (the browser process, IndexedDB's home). */
export function descendantsCpuSplit(root = process.pid): { renderer: number; rest: number } {
  let renderer = 0;
  let rest = 0;
  for (const [kind, ms] of Object.entries(treeCpu(allProcesses(), root, false))) {
    if (kind === 'renderer') renderer += ms;
    else rest += ms;
  }
  return { renderer, rest };
}

/** Milliseconds of CPU used so far by every live descendant of this process, by process kind. */
export function descendantsCpuByKind(root = process.pid): Record<string, number> {
  return treeCpu(allProcesses(), root, false);
}

/** Milliseconds of CPU by process kind as microseconds a record, rounded; the kinds that spent nothing left out. */
export function usPerRecord(byKind: Record<string, number>, records: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [kind, ms] of Object.entries(byKind)) if (ms > 0) out[kind] = Math.round((ms * 1000) / records);
  return out;
}

/** Microseconds of this process's CPU (user + system) since `before`, a record: the server's side of a push. */
export function ownUsPerRecord(before: NodeJS.CpuUsage, records: number): number {
  const { user, system } = process.cpuUsage(before);
  return (user + system) / records;
}
