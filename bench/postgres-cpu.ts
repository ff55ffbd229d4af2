// The CPU time PostgreSQL's own processes spent, for bench/server-ingest.bench.ts: on the shared two-core machine
// wall-clock figures follow the other engineers' load, CPU time much less. Read from /proc for a server on this
// machine (the private one the bench starts): the postmaster's own time, its children that exited (cutime,
// cstime) and the live ones (each backend of the pool, the WAL writer, the checkpointer...).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';

const TICKS_PER_SECOND = 100;

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces; the fields after it are space separated.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Microseconds of CPU used so far by the cluster whose postmaster is `postmasterPid`. */
function clusterCpuMicros(postmasterPid: number): number {
  const own = statFields(postmasterPid);
  if (!own) return NaN;
  // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === postmasterPid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks / TICKS_PER_SECOND) * 1e6;
}

/** A reader of the cluster's CPU time, or null when the server is not on this machine. */
export async function postgresCpuReader(client: pg.Pool | pg.Client): Promise<(() => number) | null> {
  const res = await client.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'data_directory'");
  const pidFile = join(res.rows[0]?.setting ?? '', 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isFinite(clusterCpuMicros(pid)) ? () => clusterCpuMicros(pid) : null;
}
