// Compression on the sync API (server/src/http/sync-encoding.ts): pushes may arrive gzipped, bounded as they are
// inflated; pulls and push answers go gzipped to a client that accepts it. Over loopback, through the real server.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_BYTES, type PullResponse, type PushResponse } from '../../protocol/index.ts';
import { change, household } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

describe.each(STORE_KINDS)('compressed sync on %s', (kind) => {
  let server: TestServer;
  let device: TestDevice;
  let client: SyncClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    device = await enrollDevice(server);
    client = new SyncClient(server.url, device);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const pushBody = (records: Record<string, unknown>[]) =>
    JSON.stringify({
      protocolVersion: 1,
      deviceId: device.deviceId,
      batchId: crypto.randomUUID(),
      changes: records.map((r) => change('households', r)),
    });
  const gzipped = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(gzipSync(Buffer.from(text, 'utf8')));
  const pushBytes = (body: Uint8Array<ArrayBuffer>, headers: Record<string, string>) =>
    fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}`, ...headers },
      body,
    });
  const pulledIds = async () => new Set((await client.pullAll()).map((c) => String(c.record.id)));

  async function expectError(response: Response, status: number, code: string): Promise<void> {
    expect(response.status).toBe(status);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe(code);
    expect(body.message.length).toBeGreaterThan(10);
  }

  it('applies a gzipped push, and every push answer advertises gzip and the time the server spent', async () => {
    const plain = await client.pushRaw(pushBody([household(device)]));
    expect(plain.headers.get('accept-encoding')).toBe('gzip');
    const records = Array.from({ length: 40 }, () => household(device));
    const response = await pushBytes(gzipped(pushBody(records)), { 'Content-Encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-encoding')).toBe('gzip');
    expect(response.headers.get('server-timing')).toMatch(/^apply;dur=\d+(\.\d+)?$/);
    const answer = (await response.json()) as PushResponse;
    expect(answer.results.map((r) => r.status)).toEqual(records.map(() => 'applied'));
    const ids = await pulledIds();
    for (const record of records) expect(ids.has(String(record.id))).toBe(true);
  });

  it('answers 413 to a gzipped push that inflates past the limit, and stores nothing', async () => {
    const record = household(device);
    const text = pushBody([record]);
    // Valid JSON all the way: the limit, not a parse error, must stop it.
    const bomb = text.replace('"changes":', `"padding":"${' '.repeat(MAX_PUSH_BYTES)}","changes":`);
    const body = gzipped(bomb);
    expect(body.byteLength).toBeLessThan(MAX_PUSH_BYTES / 100);
    await expectError(await pushBytes(body, { 'Content-Encoding': 'gzip' }), 413, 'payload-too-large');
    expect((await pulledIds()).has(String(record.id))).toBe(false);
  });

  it('answers 400 to a corrupt gzip body and 415 to a coding it does not know, storing nothing', async () => {
    const record = household(device);
    const good = gzipped(pushBody([record]));
    await expectError(
      await pushBytes(good.slice(0, good.byteLength - 12), { 'Content-Encoding': 'gzip' }),
      400,
      'malformed-json',
    );
    const unknown = await pushBytes(good, { 'Content-Encoding': 'br' });
    expect(unknown.headers.get('accept-encoding')).toBe('gzip');
    await expectError(unknown, 415, 'invalid-request');
    expect((await pulledIds()).has(String(record.id))).toBe(false);
  });

  it('sends a pulled page gzipped to a client that accepts gzip, and the same page plain to one that does not', async () => {
    await client.push(Array.from({ length: 30 }, () => change('households', household(device))));
    const pull = (acceptEncoding: string) =>
      fetch(`${server.url}/api/v1/sync/pull?limit=1000`, {
        headers: { Authorization: `Bearer ${device.token}`, 'Accept-Encoding': acceptEncoding },
      });
    const zipped = await pull('gzip, deflate, br');
    const plain = await pull('identity');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(zipped.headers.get('vary')).toMatch(/Accept-Encoding/);
    const [a, b] = [(await zipped.json()) as PullResponse, (await plain.json()) as PullResponse];
    expect(a.changes.length).toBeGreaterThanOrEqual(30);
    // The same page (the server's time of answering aside).
    expect({ ...a, serverTime: null }).toEqual({ ...b, serverTime: null });
  });
});
