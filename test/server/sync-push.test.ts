import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, household, measurement, person } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

describe.each(STORE_KINDS)('push on %s', (kind) => {
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

  it('answers health with the database in use', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      protocolVersion: 1,
      database: kind,
    });
  });

  it('applies a household and its members, one result per change, and records serverTime', async () => {
    const h = household(device);
    const p1 = person(device, String(h.id), { relationToHead: 'head', name: 'Budi', sex: 'male', nik: undefined });
    const p2 = person(device, String(h.id));
    const changes = [change('households', h), change('persons', p1), change('persons', p2)];
    const response = await client.push(changes);
    expect(response.results).toEqual(changes.map((c) => ({ changeId: c.changeId, status: 'applied' })));
    expect(Date.parse(response.serverTime ?? '')).not.toBeNaN();
    const pulled = await client.pullAll();
    expect(pulled.map((c) => c.record.id)).toEqual(expect.arrayContaining([h.id, p1.id, p2.id]));
  });

  it('rejects a poison record alone, with an Indonesian reason, and keeps its neighbours', async () => {
    const h = household(device);
    const bad = person(device, String(h.id), { nik: '3302010505900002' }); // NIK says male, record says female
    const good = person(device, String(h.id), { nik: undefined, name: 'Ani' });
    const changes = [change('households', h), change('persons', bad), change('persons', good)];
    const { results } = await client.push(changes);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(results[1]?.error).toEqual({
      code: 'invalid-record',
      message: 'Kolom nik: NIK tidak cocok dengan jenis kelamin.',
    });
    const ids = (await client.pullAll()).map((c) => c.record.id);
    expect(ids).toContain(good.id);
    expect(ids).not.toContain(bad.id);
  });

  it('rejects an unknown table and a record of another posyandu, and stores neither', async () => {
    const other = await enrollDevice(server);
    const foreign = household(other);
    const mine = household(device);
    const changes = [change('toothbrushes', { id: 'x' }), change('households', foreign), change('households', mine)];
    const { results } = await client.push(changes);
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([
      ['rejected', 'unknown-table'],
      ['rejected', 'forbidden-posyandu'],
      ['applied', undefined],
    ]);
    expect(await server.store.countVersions('households', String(foreign.id))).toBe(0);
    const otherClient = new SyncClient(server.url, other);
    expect((await otherClient.pullAll()).map((c) => c.record.id)).not.toContain(foreign.id);
  });

  it('answers "duplicate" for a change seen before, and changes nothing', async () => {
    const h = household(device);
    const first = change('households', h);
    expect((await client.push([first])).results[0]?.status).toBe('applied');
    const before = await client.pullAll();
    const again = await client.push([first]);
    expect(again.results).toEqual([{ changeId: first.changeId, status: 'duplicate' }]);
    expect(await client.pullAll()).toEqual(before);
    expect(await server.store.countVersions('households', String(h.id))).toBe(1);
  });

  it('replays a batch seen before: applied becomes duplicate, a rejection repeats, nothing changes', async () => {
    const h = household(device);
    const changes = [change('households', h), change('persons', person(device, String(h.id), { name: ' ' }))];
    const batchId = 'batch-replay-1';
    const first = await client.push(changes, batchId);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    const cursor = (await client.pull(undefined, 2000)).cursor;
    const second = await client.push(changes, batchId);
    expect(second.batchId).toBe(batchId);
    expect(second.results).toEqual([{ changeId: changes[0]?.changeId, status: 'duplicate' }, first.results[1]]);
    expect((await client.pull(cursor)).changes).toEqual([]);
  });

  it('refuses a change smuggled into a batch id already used', async () => {
    const batchId = 'batch-reused-1';
    await client.push([change('households', household(device))], batchId);
    const smuggled = change('households', household(device));
    const { results } = await client.push([smuggled], batchId);
    expect(results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid-request' } });
    expect(await server.store.countVersions('households', String(smuggled.record.id))).toBe(0);
  });

  it('the same batch sent twice at once is applied once', async () => {
    const h = household(device);
    const changes = [change('households', h)];
    const [a, b] = await Promise.all([client.push(changes, 'batch-race'), client.push(changes, 'batch-race')]);
    expect([a.results[0]?.status, b.results[0]?.status].sort()).toEqual(['applied', 'duplicate']);
    expect(await server.store.countVersions('households', String(h.id))).toBe(1);
  });

  it('treats events as immutable: identical resend is a duplicate, different content is rejected', async () => {
    const h = household(device);
    const child = person(device, String(h.id), {
      nik: undefined,
      name: 'Dewi',
      birthDate: '2025-03-01',
      relationToHead: 'child',
    });
    const weighing = measurement(device, String(child.id));
    await client.push([change('households', h), change('persons', child), change('measurements', weighing)]);
    const same = await client.push([change('measurements', { ...weighing })]);
    expect(same.results[0]?.status).toBe('duplicate');
    const altered = await client.push([change('measurements', { ...weighing, weightKg: 9.9 })]);
    expect(altered.results[0]).toMatchObject({ status: 'rejected', error: { code: 'immutable-record' } });
    const deleted = await client.push([change('measurements', weighing, { op: 'delete' })]);
    expect(deleted.results[0]).toMatchObject({ status: 'rejected', error: { code: 'immutable-record' } });
    const stored = (await client.pullAll()).find((c) => c.record.id === weighing.id);
    expect(stored?.record.weightKg).toBe(9.4);
  });
});
