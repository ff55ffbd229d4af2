// CPU time of the browser the bench launched (every process under this one: Chromium's browser process, where
// IndexedDB runs, its renderers and helpers), read from /proc. On two shared cores wall-clock figures swing 2-5x
// with the other engineers' load; CPU time spent on a fixed piece of work swings far less, so an A/B of the page's
// side of a push is read from it (issue 14). Linux only; elsewhere it reads 0.
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: /proc reports utime and stime in these ticks (100 on every Linux the bench runs on). */
const TICKS_PER_SECOND = 100;

function stat(pid: string): { ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start past the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function isRenderer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
  } catch {
    return false;
  }
}

/** Milliseconds of CPU used so far by every live descendant of this process (not by this process itself). */
export function descendantsCpuMs(root = process.pid): number {
  const { renderer, rest } = descendantsCpuSplit(root);
  return renderer + rest;
}

/** The same, split: the renderers (the page's JavaScript) and the rest (the browser process, IndexedDB's home). */
export function descendantsCpuSplit(root = process.pid): { renderer: number; rest: number } {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return { renderer: 0, rest: 0 };
  }
  const byPid = new Map<number, { ppid: number; ticks: number }>();
  for (const pid of pids) {
    const entry = stat(pid);
    if (entry) byPid.set(Number(pid), entry);
  }
  const under = (pid: number): boolean => {
    for (let at = byPid.get(pid)?.ppid; at !== undefined && at > 1; at = byPid.get(at)?.ppid) {
      if (at === root) return true;
    }
    return false;
  };
  const ticks = { renderer: 0, rest: 0 };
  for (const [pid, entry] of byPid) if (under(pid)) ticks[isRenderer(pid) ? 'renderer' : 'rest'] += entry.ticks;
  return { renderer: (ticks.renderer * 1000) / TICKS_PER_SECOND, rest: (ticks.rest * 1000) / TICKS_PER_SECOND };
}
