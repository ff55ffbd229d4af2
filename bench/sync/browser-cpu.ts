// CPU time of the bench's Chromium, by process kind (browser, renderer, storage service...), read from /proc: the
// first pull's IndexedDB work mostly runs outside the page (the page waits "idle"), and on two shared cores the
// wall clock swings with the load while CPU time spent per record much less.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_MS = 100 / 1000;

interface ProcessInfo {
  pid: number;
  ppid: number;
  cpuMs: number;
  kind: string;
}

function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // (A forked child's command line may be one string with spaces: Chromium rewrites its title.)
    // The command name is in parentheses and may hold spaces: the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const arg = (name: string) => cmdline.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    const kind =
      arg('utility-sub-type') ??
      arg('type') ??
      (cmdline.some((a) => a.startsWith('--user-data-dir=')) ? 'browser' : 'other');
    return {
      pid,
      ppid: Number(fields[1]),
      cpuMs: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_MS,
      kind,
    };
  } catch {
    // The process ended between the listing and the read.
    return null;
  }
}

/** Milliseconds of CPU (user + system) by process kind, of the Chromium whose profile folder is `profile`. */
export function chromiumCpu(profile: string): Record<string, number> {
  const all = readdirSync('/proc')
    .filter((name) => /^[0-9]+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((p): p is ProcessInfo => p !== null);
  const root = all.find((p) => {
    try {
      return (
        readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').includes(`--user-data-dir=${profile}`) && p.kind === 'browser'
      );
    } catch {
      return false;
    }
  });
  const sums: Record<string, number> = {};
  if (!root) return sums;
  const tree = new Set([root.pid]);
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
  for (const p of all) if (tree.has(p.pid)) sums[p.kind] = (sums[p.kind] ?? 0) + p.cpuMs;
  return sums;
}

/** What each kind spent between two readings. */
export function cpuSince(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const spent: Record<string, number> = {};
  for (const [kind, ms] of Object.entries(after)) spent[kind] = ms - (before[kind] ?? 0);
  return spent;
}
