import { MAX_PUSH_BYTES } from '../../protocol/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, household } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

describe.each(STORE_KINDS)('bad requests on %s', (kind) => {
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

  const validBody = () =>
    JSON.stringify({
      protocolVersion: 1,
      deviceId: device.deviceId,
      batchId: crypto.randomUUID(),
      changes: [change('households', household(device))],
    });

  async function expectError(response: Response, status: number, code: string): Promise<string> {
    expect(response.status).toBe(status);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe(code);
    expect(body.message.length).toBeGreaterThan(10);
    return body.message;
  }

  async function expectStillServing(): Promise<void> {
    const h = household(device);
    const { results } = await client.push([change('households', h)]);
    expect(results[0]?.status).toBe('applied');
  }

  it('401 without a token, with an unknown token, and with a malformed header', async () => {
    const url = `${server.url}/api/v1/sync/push`;
    const message = await expectError(await fetch(url, { method: 'POST', body: validBody() }), 401, 'unauthorized');
    expect(message).toMatch(/Daftarkan ulang/);
    await expectError(
      await fetch(url, { method: 'POST', body: validBody(), headers: { Authorization: `Bearer ${'x'.repeat(43)}` } }),
      401,
      'unauthorized',
    );
    await expectError(
      await fetch(`${server.url}/api/v1/sync/pull`, { headers: { Authorization: device.token } }),
      401,
      'unauthorized',
    );
    await expectStillServing();
  });

  it('400 malformed-json for a body that is not JSON, and nothing is stored', async () => {
    await expectError(await client.pushRaw('{"protocolVersion": 1, "changes": [ '), 400, 'malformed-json');
    await expectStillServing();
  });

  it('400 protocol-unsupported for an unknown protocol version', async () => {
    const body = JSON.parse(validBody()) as Record<string, unknown>;
    const message = await expectError(
      await client.pushRaw(JSON.stringify({ ...body, protocolVersion: 99 })),
      400,
      'protocol-unsupported',
    );
    expect(message).toContain('99');
    await expectStillServing();
  });

  it('400 invalid-request with the reason for a wrong shape', async () => {
    const message = await expectError(
      await client.pushRaw(JSON.stringify({ protocolVersion: 1, deviceId: device.deviceId, changes: 'nope' })),
      400,
      'invalid-request',
    );
    expect(message).toMatch(/batchId|changes/);
    await expectError(await client.pushRaw('null'), 400, 'invalid-request');
    await expectStillServing();
  });

  it('403 when the body names another device than the token', async () => {
    const other = await enrollDevice(server, device.posyanduId);
    const body = JSON.parse(validBody()) as { changes: { record: { id: string } }[] };
    const response = await client.pushRaw(JSON.stringify({ ...body, deviceId: other.deviceId }));
    expect(response.status).toBe(403);
    const id = body.changes[0]?.record.id ?? '';
    expect(await server.store.countVersions('households', id)).toBe(0);
    await expectStillServing();
  });

  it('413 payload-too-large for an oversized body, declared or streamed', async () => {
    const big = JSON.stringify({
      protocolVersion: 1,
      deviceId: device.deviceId,
      batchId: 'big',
      changes: [change('households', household(device, { headName: 'x'.repeat(MAX_PUSH_BYTES) }))],
    });
    await expectError(await client.pushRaw(big), 413, 'payload-too-large');
    // Without Content-Length (chunked upload) the limit still holds.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const chunked = await fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${device.token}`, 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectError(chunked, 413, 'payload-too-large');
    await expectStillServing();
  });

  it('404 JSON for an unknown API path', async () => {
    await expectError(await fetch(`${server.url}/api/v1/nothing`), 404, 'invalid-request');
  });
});
