// The pustu relay's uplink is the pustu's internet: once the puskesmas said it reads gzip (its push answer's
// Accept-Encoding), the relay forwards phones' batches gzipped, and plain again after a 415. In-process: the real
// server as puskesmas, the real server in relay mode, and between them a proxy that notes each push's coding.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../protocol/index.ts';
import { createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import { startServer, type RunningServer } from '../../server/src/start-server.ts';
import { household } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import type { TestDevice } from './support/test-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'posyandu-relay-gzip-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

type Coding = 'gzip' | 'plain';

/** Forwards everything to `upstream`, noting each push's coding; `refuseGzip` answers a gzipped push 415 itself. */
async function codingProxy(upstream: string, options: { refuseGzip: boolean }) {
  const pushes: Coding[] = [];
  const target = new URL(upstream);
  const server: Server = createServer((req, res) => {
    const isPush = req.url?.startsWith('/api/v1/sync/push') === true;
    const coding: Coding = req.headers['content-encoding'] === 'gzip' ? 'gzip' : 'plain';
    if (isPush) pushes.push(coding);
    if (isPush && coding === 'gzip' && options.refuseGzip) {
      req.resume();
      res.writeHead(415, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 'invalid-request', message: 'Kiriman dikompresi dengan cara lain.' }));
      return;
    }
    const forwarded = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, pushes };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function relayThrough(options: { refuseGzip: boolean }) {
  const puskesmas: RunningServer = await startServer({ port: 0, dataDir: tempDir(), staticDir: null });
  cleanups.push(() => puskesmas.close());
  const posyanduId = await createPosyandu(puskesmas.store, 'Posyandu Relay Gzip');
  const created = await createDevice(puskesmas.store, { posyanduId, kaderName: 'Kader' });
  const phone: TestDevice = {
    posyanduId,
    deviceId: created.deviceId,
    kaderId: created.enrollment.kaderId,
    token: created.token,
  };
  const relayCredential = await createDevice(puskesmas.store, { posyanduId, kaderName: 'Pustu', relay: true });
  const proxy = await codingProxy(puskesmas.url, options);
  const relay = await startServer({
    port: 0,
    dataDir: tempDir(),
    staticDir: null,
    relay: { upstream: proxy.url, token: relayCredential.token, intervalMs: 100 },
  });
  cleanups.push(() => relay.close());
  const atRelay = new SyncClient(relay.url, phone);
  const atPuskesmas = new SyncClient(puskesmas.url, phone);
  await until('the relay to know the phone', async () => {
    const r = await fetch(`${relay.url}/api/v1/device`, { headers: { Authorization: `Bearer ${phone.token}` } });
    return r.status === 200;
  });
  /** Pushes a batch at the relay and waits until the puskesmas holds it. */
  const pushAndForward = async () => {
    const changes: Change[] = Array.from({ length: 40 }, () => ({
      changeId: randomUUID(),
      table: 'households',
      op: 'upsert' as const,
      record: household(phone),
    }));
    const answer = await atRelay.push(changes);
    expect(answer.results.every((r) => r.status === 'applied')).toBe(true);
    const ids = changes.map((c) => String(c.record.id));
    await until('the puskesmas to hold the batch', async () => {
      const held = new Set((await atPuskesmas.pullAll()).map((c) => String(c.record.id)));
      return ids.every((id) => held.has(id));
    });
    return ids;
  };
  return { proxy, pushAndForward, atPuskesmas };
}

describe('the pustu relay forwarding to the puskesmas', () => {
  it('forwards plain until the puskesmas advertises gzip, then gzipped, every record once', async () => {
    const { proxy, pushAndForward, atPuskesmas } = await relayThrough({ refuseGzip: false });
    const ids = [...(await pushAndForward()), ...(await pushAndForward()), ...(await pushAndForward())];
    expect(proxy.pushes).toEqual(['plain', 'gzip', 'gzip']);
    const held = (await atPuskesmas.pullAll()).map((c) => String(c.record.id));
    expect(held.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  });

  it('sends a batch again plain when the puskesmas answers 415 to gzip, and loses nothing', async () => {
    const { proxy, pushAndForward, atPuskesmas } = await relayThrough({ refuseGzip: true });
    const ids = [...(await pushAndForward()), ...(await pushAndForward())];
    // The second batch: gzipped, refused, plain.
    expect(proxy.pushes).toEqual(['plain', 'gzip', 'plain']);
    const held = (await atPuskesmas.pullAll()).map((c) => String(c.record.id));
    expect(held.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  });
});
