// Issue 2, "the idle server under 150 MB RSS": `npm start` as a child process (without the app build step, on a
// fresh SQLite folder, loopback only), left idle, then the resident memory of its whole process tree from /proc.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from './bundle-size.ts';

export interface ProcessMemory {
  pid: number;
  command: string;
  rssKb: number;
  /** Proportional set size: shared pages split between the processes sharing them, so PSS values add up. */
  pssKb: number;
}

export interface ServerMemory {
  processes: ProcessMemory[];
  rssKb: number;
  pssKb: number;
  idleSeconds: number;
  startMs: number;
  launcher: ServerLauncher;
}

function statusField(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return line ? Number(line.split(/\s+/)[1]) : 0;
}

function pssKb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Pss:'));
    return line ? Number(line.split(/\s+/)[1]) : 0;
  } catch {
    return 0;
  }
}

/** The pid and all its descendants, from the parent pid in /proc/<pid>/stat. */
function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces: the fields after the last ')' are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // The process ended while we listed /proc.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parentOf) if (ppid === tree[i] && !tree.includes(pid)) tree.push(pid);
  }
  return tree;
}

function commandOf(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').replaceAll(REPO_ROOT, '.');
}

/**
 * How the server is started: as `npm start` does (one node process with tsx as a loader, `node --import tsx`), or
 * through the tsx CLI, which runs the server in a child node process and stays as its parent (about 48 MB more).
 */
export type ServerLauncher = 'tsx-cli' | 'node-import-tsx';

export async function measureIdleServer(
  idleSeconds = 3,
  launcher: ServerLauncher = 'node-import-tsx',
): Promise<ServerMemory> {
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-bench-server-'));
  const started = performance.now();
  const [command, args] =
    launcher === 'tsx-cli'
      ? [join(REPO_ROOT, 'node_modules/.bin/tsx'), ['server/src/main.ts']]
      : [process.execPath, ['--import', 'tsx', 'server/src/main.ts']];
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SKIP_APP_BUILD: '1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not listen within 60 s:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
    });
    const startMs = performance.now() - started;
    await sleep(idleSeconds * 1000);
    const pid = child.pid;
    if (pid === undefined) throw new Error('server child has no pid');
    const processes = processTree(pid).map((p) => ({
      pid: p,
      command: commandOf(p),
      rssKb: statusField(p, 'VmRSS'),
      pssKb: pssKb(p),
    }));
    return {
      processes,
      rssKb: processes.reduce((sum, p) => sum + p.rssKb, 0),
      pssKb: processes.reduce((sum, p) => sum + p.pssKb, 0),
      idleSeconds,
      startMs,
      launcher,
    };
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** SIGTERM to the tsx process (it forwards the signal to its child); SIGKILL to the tree if it lingers. */
async function stop(child: ReturnType<typeof spawn>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const tree = processTree(child.pid);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
  for (const pid of tree) {
    if (pid === child.pid && !timedOut) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone (the usual case: tsx exits after its child).
    }
  }
}
