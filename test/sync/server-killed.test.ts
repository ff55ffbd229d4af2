import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import type { Failpoint } from '../../server/src/services/failpoints.ts';
import { startServer } from '../../server/src/start-server.ts';
import { familyMembers, householdInput } from '../storage/fixtures.ts';
import { isPush, testPhone } from './support/client.ts';
import { reopenSyncTestServer } from './support/real-server.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const children = new Set<ChildProcess>();
const dataDirs: string[] = [];
let dataDir = '';

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** `npm start`'s entry point (what `tsx server/src/main.ts` runs) as its own process, on a free port, on the given data folder. */
async function spawnServer(failpoint?: Failpoint): Promise<{ child: ChildProcess; url: string }> {
  // `node --import tsx` keeps it ONE process: the tsx launcher would put the server in a grandchild that a
  // kill -9 of the launcher leaves running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SKIP_APP_BUILD: '1',
      DEMO_DATA: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      POSYANDU_FAILPOINT: failpoint ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { child, url };
}

function exited(child: ChildProcess): Promise<void> {
  // A child killed by a signal has exitCode null and signalCode set.
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * The server dies (SIGKILL, from inside, at a named point of the push) while the first of three batches is in
 * flight; it comes back on the same data folder and the phone finishes. Each point is a different promise:
 * before the commit nothing of the batch may survive, after it the retry must not apply it twice, and an answer
 * that never left must still be safe to ask for again.
 */
describe.each<Failpoint>(['push:before-commit', 'push:after-commit', 'push:before-response'])(
  'the server process killed at %s',
  (point) => {
    it('loses nothing and duplicates nothing once it is back on the same data folder', async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'posyandu-kill-test-'));
      dataDirs.push(dataDir);
      const setup = await startServer({ port: 0, dataDir, staticDir: null, demoData: false });
      const posyanduId = await createPosyandu(setup.store, 'Posyandu Uji Mati');
      const { enrollment } = await createDevice(setup.store, { posyanduId, kaderName: 'Kader' });
      await setup.close();

      let current = await spawnServer(point);
      let pushes = 0;
      const viaCurrentServer = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input).replace('http://server.invalid', current.url);
        if (isPush(url)) pushes += 1;
        return fetch(url, init);
      }) as typeof fetch;

      const phone = await testPhone('http://server.invalid', enrollment, {
        fetch: viaCurrentServer,
        maxBatchCount: 1000,
        maxBatchBytes: 1_900_000,
      });
      const { household, members } = await phone.storage.saveHouseholdWithMembers({
        household: householdInput(),
        members: familyMembers(),
      });
      const ids = [household.id, ...members.map((m) => m.id)];
      for (let i = 0; i < 2_500; i++) {
        const m = await phone.storage.recordEvent('measurements', {
          personId: members[2]!.id,
          date: '2026-01-05',
          weightKg: 8 + (i % 300) / 100,
        });
        ids.push(m.id);
      }

      await phone.engine.syncNow();
      await exited(current.child);
      expect(current.child.signalCode).toBe('SIGKILL');
      expect(pushes).toBe(1);
      expect(phone.engine.getStatus().lastError).toBe('network');
      expect(phone.engine.getStatus().pending).toBe(ids.length);
      // What the crash left on disk: the batch is all there or not at all, as the point says.
      const afterCrash = await reopenSyncTestServer(dataDir, posyanduId);
      const survived = (await afterCrash.records()).length;
      await afterCrash.server.close();
      expect(survived).toBe(point === 'push:before-commit' ? 0 : 1000);

      current = await spawnServer();
      await phone.engine.syncNow();
      expect(phone.engine.getStatus()).toMatchObject({ lastError: null, pending: 0, rejected: 0 });
      current.child.kill('SIGTERM');
      await exited(current.child);

      const check = await reopenSyncTestServer(dataDir, posyanduId);
      try {
        const records = await check.records();
        expect(records).toHaveLength(ids.length);
        expect(new Set(records.map((r) => r.id))).toEqual(new Set(ids));
        let versions = 0;
        for (const record of records) versions += await check.versions(record.table, record.id);
        expect(versions).toBe(ids.length);
      } finally {
        await check.server.close();
      }
    }, 180_000);
  },
);
