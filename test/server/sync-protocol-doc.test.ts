import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushRequestSchema, type PushRequest } from '../../protocol/index.ts';
import { createDevice } from '../../server/src/services/devices.ts';
import { startTestServer, STORE_KINDS, type TestServer } from './support/test-server.ts';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'sync-protocol.md'), 'utf8');

/** Exactly the one ```json block of the document: the complete example push body. */
function examplePush(): PushRequest {
  const blocks = [...DOC.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
  expect(blocks).toHaveLength(1);
  return PushRequestSchema.parse(JSON.parse(blocks[0] ?? ''));
}

describe.each(STORE_KINDS)('docs/sync-protocol.md example on %s', (kind) => {
  let server: TestServer;
  const example = examplePush();
  const token = 'doc-example-token-0123456789abcdefghijklmnop';

  beforeAll(async () => {
    server = await startTestServer(kind);
    const posyanduId = String(example.changes[0]?.record.posyanduId);
    await server.store.createPosyandu({ id: posyanduId, name: 'Posyandu Melati', puskesmasId: null });
    await createDevice(server.store, {
      posyanduId,
      deviceId: example.deviceId,
      kaderId: 'kader-0001',
      kaderName: 'Ibu Sri',
      token,
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function pushExample() {
    const body = DOC.match(/^```json\n([\s\S]*?)^```$/m)?.[1] ?? '';
    const response = await fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { batchId: string; results: { changeId: string; status: string }[] };
  }

  it('is a household and two people, applied the first time and duplicate the second', async () => {
    expect(example.changes.map((c) => c.table)).toEqual(['households', 'persons', 'persons']);
    const first = await pushExample();
    expect(first.batchId).toBe(example.batchId);
    expect(first.results).toEqual(example.changes.map((c) => ({ changeId: c.changeId, status: 'applied' })));
    const second = await pushExample();
    expect(second.results).toEqual(example.changes.map((c) => ({ changeId: c.changeId, status: 'duplicate' })));
  });
});
