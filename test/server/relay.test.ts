import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Change } from '../../protocol/index.ts';
import { createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import { startServer } from '../../server/src/start-server.ts';
import { hlcAt, household } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import type { TestDevice } from './support/test-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const children = new Set<ChildProcess>();
const dirs: string[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'posyandu-relay-test-'));
  dirs.push(dir);
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The real entry point (`npm start`) as its own process, until its listening line. */
async function spawnServer(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, SKIP_APP_BUILD: '1', DEMO: '0', DATABASE_URL: '', NODE_ENV: '', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { child, url };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

function households(device: TestDevice, count: number): Change[] {
  return Array.from({ length: count }, () => ({
    changeId: randomUUID(),
    table: 'households',
    op: 'upsert' as const,
    record: household(device),
  }));
}

describe('the pustu relay: phone -> relay -> puskesmas, and a second phone direct', () => {
  it('forwards through a puskesmas killed mid-forward, and nothing is lost or applied twice', async () => {
    const puskesmasDir = tempDir();
    const relayDir = tempDir();
    const setup = await startServer({ port: 0, dataDir: puskesmasDir, staticDir: null });
    const posyanduId = await createPosyandu(setup.store, 'Posyandu Relay');
    const phone = async (): Promise<TestDevice> => {
      const d = await createDevice(setup.store, { posyanduId, kaderName: 'Kader' });
      return { posyanduId, deviceId: d.deviceId, kaderId: d.enrollment.kaderId, token: d.token };
    };
    const phone1 = await phone();
    const phone2 = await phone();
    const relayCredential = await createDevice(setup.store, { posyanduId, kaderName: 'Pustu Uji', relay: true });
    await setup.close();

    const port = String(await freePort());
    let puskesmas = await spawnServer([], { PORT: port, DATA_DIR: puskesmasDir });
    const relay = await spawnServer(['--relay', '--upstream', puskesmas.url], {
      PORT: '0',
      DATA_DIR: relayDir,
      RELAY_TOKEN: relayCredential.token,
      RELAY_INTERVAL_MS: '200',
    });
    const phone1AtRelay = new SyncClient(relay.url, phone1);
    const phone2Direct = new SyncClient(puskesmas.url, phone2);

    // The relay learns its posyandu's phones from the puskesmas; until then it knows no token.
    await until('the relay to know phone 1', async () => {
      const r = await fetch(`${relay.url}/api/v1/device`, { headers: { Authorization: `Bearer ${phone1.token}` } });
      return r.status === 200;
    });
    const direct1 = households(phone2, 50);
    expect((await phone2Direct.push(direct1)).results.every((r) => r.status === 'applied')).toBe(true);

    // The uplink goes: the relay keeps taking phone 1's batches.
    puskesmas.child.kill('SIGKILL');
    await exited(puskesmas.child);
    const batches = Array.from({ length: 6 }, () => ({ batchId: randomUUID(), changes: households(phone1, 200) }));
    for (const batch of batches) {
      const answer = await phone1AtRelay.push(batch.changes, batch.batchId);
      expect(answer.results.every((r) => r.status === 'applied')).toBe(true);
    }
    // A retry of a batch whose answer the phone lost: the relay itself applies it once.
    const retried = await phone1AtRelay.push(batches[0]?.changes ?? [], batches[0]?.batchId);
    expect(retried.results.every((r) => r.status === 'duplicate')).toBe(true);

    // The uplink returns, and the puskesmas dies again right after committing the first forwarded batch, before
    // the relay hears the answer: the relay must send that batch again, and the puskesmas must apply it once.
    puskesmas = await spawnServer([], { PORT: port, DATA_DIR: puskesmasDir, POSYANDU_FAILPOINT: 'push:after-commit' });
    await exited(puskesmas.child);
    expect(puskesmas.child.signalCode).toBe('SIGKILL');
    puskesmas = await spawnServer([], { PORT: port, DATA_DIR: puskesmasDir });

    const phone1Ids = batches.flatMap((b) => b.changes.map((c) => String(c.record.id)));
    await until('phone 2 to see every record phone 1 gave the relay', async () => {
      const held = new Set((await phone2Direct.pullAll()).map((c) => String(c.record.id)));
      return phone1Ids.every((id) => held.has(id));
    });

    // Phone 2, direct, edits one of phone 1's households and adds more; phone 1 sees both at the relay.
    const edited = batches[1]?.changes[0]?.record ?? {};
    const edit: Change = {
      changeId: randomUUID(),
      table: 'households',
      op: 'upsert',
      record: { ...edited, headName: 'Siti Aminah', hlc: hlcAt(60_000, phone2.deviceId) },
      fields: ['headName'],
    };
    const direct2 = households(phone2, 30);
    await phone2Direct.push([edit, ...direct2]);
    const direct = [...direct1, ...direct2].map((c) => String(c.record.id));
    await until('phone 1 to see phone 2 and its edit through the relay', async () => {
      const held = new Map((await phone1AtRelay.pullAll()).map((c) => [String(c.record.id), c.record]));
      return direct.every((id) => held.has(id)) && held.get(String(edited.id))?.headName === 'Siti Aminah';
    });

    // Phone 1 later reaches the puskesmas directly and sends two of its batches again (its answers lost): nothing
    // of them is applied a second time.
    const phone1Direct = new SyncClient(puskesmas.url, phone1);
    for (const batch of [batches[0], batches[3]]) {
      const again = await phone1Direct.push(batch?.changes ?? [], batch?.batchId);
      expect(again.results.map((r) => r.status)).toEqual(again.results.map(() => 'duplicate'));
    }

    // The puskesmas's own books: every change once, every record once, in the right phone's name.
    const db = new Database(join(puskesmasDir, 'posyandu.sqlite'), { readonly: true });
    try {
      const sent = batches.flatMap((b) => b.changes).length + direct1.length + direct2.length + 1;
      const versions = db
        .prepare<[], { change_id: string; device_id: string; n: number }>(
          'SELECT change_id, device_id, count(*) AS n FROM record_versions GROUP BY change_id, device_id',
        )
        .all();
      expect(versions).toHaveLength(sent);
      expect(versions.filter((v) => v.n !== 1)).toEqual([]);
      const byDevice = (id: string) => versions.filter((v) => v.device_id === id).length;
      expect(byDevice(phone1.deviceId)).toBe(batches.length * 200);
      expect(byDevice(relayCredential.deviceId)).toBe(0);
      const records = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM records').get()?.n;
      expect(records).toBe(phone1Ids.length + direct.length);
      const recorded = db
        .prepare<[string], { data: string }>("SELECT data FROM records WHERE table_name = 'households' AND id = ?")
        .get(phone1Ids[0] ?? '');
      expect(JSON.parse(recorded?.data ?? '{}')).toMatchObject({ recordedBy: { deviceId: phone1.deviceId } });
    } finally {
      db.close();
    }
    relay.child.kill('SIGTERM');
    puskesmas.child.kill('SIGTERM');
    await Promise.all([exited(relay.child), exited(puskesmas.child)]);
  }, 240_000);
});
