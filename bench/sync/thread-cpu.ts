// CPU time of the bench's Chromium by thread name (/proc/<pid>/task/<tid>/comm), summed over its processes: which
// of the browser process's threads (its main thread, the IO thread, IndexedDB's task runner, LevelDB's
// compaction) the push's share goes to (issue 14). Linux only; elsewhere empty.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_MS = 100 / 1000;

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const name of safeList('/proc')) {
    if (!/^[0-9]+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byParent;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Milliseconds of CPU by "process kind/thread name" of every descendant of `root`. */
export function descendantThreadCpu(root = process.pid): Record<string, number> {
  const byParent = children();
  const sums: Record<string, number> = {};
  const queue = [...(byParent.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    queue.push(...(byParent.get(pid) ?? []));
    let kind = 'other';
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      const arg = (name: string) => cmdline.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
      kind = arg('utility-sub-type') ?? arg('type') ?? 'browser';
    } catch {
      continue;
    }
    for (const tid of safeList(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // Threads of one kind share names ("ThreadPoolForeg"): their numbers are dropped so they add up.
        const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8')
          .trim()
          .replace(/[0-9]+$/, '');
        const key = `${kind}/${comm}`;
        sums[key] = (sums[key] ?? 0) + (Number(fields[11]) + Number(fields[12])) / TICKS_PER_MS;
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  }
  return sums;
}
