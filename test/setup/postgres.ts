// A private PostgreSQL for tests and benchmarks: started on loopback from Debian's binaries, never the system
// cluster. Used by the Vitest globalSetup (postgres-global.ts) and by bench/server-ingest.bench.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresHandle {
  /** Connection string of a database we may CREATE DATABASE from. */
  adminUrl: string;
  stop(): Promise<void>;
}

export const POSTGRES_MISSING_MESSAGE =
  'PostgreSQL tests need DATABASE_URL or PostgreSQL binaries in /usr/lib/postgresql/<version>/bin ' +
  '(Debian: apt-get install postgresql). They must run, so they fail instead of being skipped.';

/** The newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl. */
export function findPostgresBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(base, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** PostgreSQL refuses to run as root: as root, run its programs as the `postgres` user. */
function runPg(bin: string, args: string[]): void {
  const [command, commandArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

/**
 * Tests trade durability for speed: nothing they write must survive a power cut, so PostgreSQL neither fsyncs nor
 * waits for the WAL at commit.
 */
export const TEST_SETTINGS: Readonly<Record<string, string>> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
};

/**
 * What a puskesmas server runs with (docs/postgres-storage.md), and so what every bench measures: every
 * commit durable (fsync, synchronous_commit and full-page writes on, the defaults), the rest sized for a steady
 * ingest.
 */
export const PRODUCTION_SETTINGS: Readonly<Record<string, string>> = {
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
};

export async function startPrivatePostgres(
  settings: Readonly<Record<string, string>> = TEST_SETTINGS,
): Promise<PostgresHandle> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error(POSTGRES_MISSING_MESSAGE);
  const dir = mkdtempSync(join(tmpdir(), 'posyandu-pg-'));
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const dataDir = join(dir, 'data');
  runPg(join(binDir, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = [
    '-c listen_addresses=127.0.0.1',
    `-c port=${port}`,
    `-c unix_socket_directories=${dir}`,
    '-c max_connections=200',
    ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
  ].join(' ');
  runPg(join(binDir, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        runPg(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** DATABASE_URL when set (CI may provide one), else a private server started here. */
export async function acquirePostgres(
  settings: Readonly<Record<string, string>> = TEST_SETTINGS,
): Promise<PostgresHandle> {
  const given = process.env.DATABASE_URL;
  if (given) return { adminUrl: given, stop: async () => undefined };
  return startPrivatePostgres(settings);
}

/** A fresh, empty database for one test suite, so suites never see each other's rows. */
export async function createDatabase(adminUrl: string, prefix = 'posyandu_test'): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
