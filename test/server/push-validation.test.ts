import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PushResponse } from '../../protocol/index.ts';
import { change, household, person } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

const LONE_HIGH = '\uD83D';
const LONE_LOW = '\uDE00';
const NUL = '\u0000';

/** The bad inputs of issue 13, each sent next to a good change: the bad one is refused alone, never a 500. */
describe.each(STORE_KINDS)('bounded validation of a push on %s', (kind) => {
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

  async function pushBody(body: unknown): Promise<Response> {
    return client.pushRaw(JSON.stringify(body));
  }

  /** Sends `bad` between two good changes; returns bad's result after checking the neighbours were applied. */
  async function rejectedAlone(bad: Change | Record<string, unknown>): Promise<PushResponse['results'][number]> {
    const before = change('households', household(device));
    const after = change('households', household(device));
    const response = await pushBody({
      protocolVersion: 1,
      deviceId: device.deviceId,
      batchId: randomUUID(),
      changes: [before, bad, after],
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as PushResponse;
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    const result = results[1];
    if (!result) throw new Error('no result');
    expect(result.changeId).toBe((bad as { changeId: string }).changeId);
    return result;
  }

  it('refuses 2,000 levels of nesting before parsing, with 400, and keeps serving', async () => {
    const deep = `${'['.repeat(2000)}${']'.repeat(2000)}`;
    const h = household(device);
    const body = `{"protocolVersion":1,"deviceId":"${device.deviceId}","batchId":"deep","changes":[{"changeId":"c1","table":"households","op":"upsert","record":${JSON.stringify(h).replace(/}$/, `,"x":${deep}}`)}}]}`;
    const response = await client.pushRaw(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid-request' });
    expect(await server.store.countVersions('households', String(h.id))).toBe(0);
    await rejectedAlone(change('nope', {}));
  });

  it('rejects a record nested 10 levels deep alone', async () => {
    let nested: unknown = 'leaf';
    for (let i = 0; i < 10; i++) nested = { n: nested };
    const result = await rejectedAlone(change('households', household(device, { extra: nested })));
    expect(result.error?.code).toBe('invalid-record');
  });

  it.each([
    ['a lone high surrogate', `chg-${LONE_HIGH}`],
    ['a lone low surrogate', `chg-${LONE_LOW}x`],
    ['U+0000', `chg-${NUL}`],
  ])('rejects a changeId with %s alone, echoing it, and never stores it', async (_label, changeId) => {
    const h = household(device);
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await rejectedAlone(change('households', h, { changeId }));
      expect(result.error?.code).toBe('invalid-request');
    }
    expect(await server.store.countVersions('households', String(h.id))).toBe(0);
  });

  it.each([
    ['a lone surrogate', `batch-${LONE_HIGH}`],
    ['U+0000', `batch-${NUL}`],
    ['65 characters', 'b'.repeat(65)],
  ])('answers 400 for a batchId with %s', async (_label, batchId) => {
    const h = household(device);
    const response = await pushBody({
      protocolVersion: 1,
      deviceId: device.deviceId,
      batchId,
      changes: [change('households', h)],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid-request' });
    expect(await server.store.countVersions('households', String(h.id))).toBe(0);
  });

  const address = () => household(device).address as Record<string, unknown>;
  it.each<[string, () => Record<string, unknown>]>([
    ['a lone surrogate in a name', () => ({ headName: `Budi ${LONE_HIGH}` })],
    ['U+0000 in a nested field', () => ({ address: { ...address(), street: `Jl. ${NUL}` } })],
    ['a lone surrogate in a key', () => ({ [`x${LONE_LOW}`]: 1 })],
    ['a 100,000-character string', () => ({ headName: 'x'.repeat(100_000) })],
    ['a 100,000-character unknown field', () => ({ note: 'x'.repeat(100_000) })],
    ['10,000 keys', () => Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]))],
    ['a 65-character key', () => ({ ['k'.repeat(65)]: 1 })],
    ['a __proto__ key', () => JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>],
    ['a recordedAt in year 9999', () => ({ recordedAt: '9999-01-01T00:00:00.000Z' })],
    ['a deletedAt in year 0100', () => ({ deletedAt: '0100-01-01T00:00:00.000Z' })],
  ])('rejects a household with %s alone', async (_label, overrides) => {
    const h = { ...household(device), ...overrides() };
    const result = await rejectedAlone(change('households', h));
    expect(result.error?.code).toBe('invalid-record');
    expect(await server.store.countVersions('households', String(h.id))).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['0100-01-01', 'year 0100'],
    ['9999-12-31', 'year 9999'],
    ['1899-12-31', 'before 1900'],
  ])('rejects a birth date %s (%s) with the date_range reason', async (birthDate) => {
    const p = person(device, String(household(device).id), { birthDate, nik: undefined });
    const result = await rejectedAlone(change('persons', p));
    expect(result.error?.code).toBe('invalid-record');
    expect(result.error?.message).toContain('Tanggal di luar batas wajar');
  });

  it('rejects a change that is not an object, or has no valid op, alone', async () => {
    expect(
      (await rejectedAlone({ changeId: 'no-op', table: 'households', record: household(device) })).error?.code,
    ).toBe('invalid-request');
    expect(
      (await rejectedAlone({ changeId: 'rec-string', table: 'households', op: 'upsert', record: 'x' })).error?.code,
    ).toBe('invalid-record');
  });

  it('drops fields the schema does not know, from the record and from its stored version', async () => {
    const h = household(device, {
      secret: 'kept nowhere',
      address: { ...(household(device).address as object), x: 1 },
    });
    const { results } = await client.push([change('households', h)]);
    expect(results[0]?.status).toBe('applied');
    const pulled = (await client.pullAll()).find((c) => c.record.id === h.id);
    expect(pulled?.record).not.toHaveProperty('secret');
    expect(pulled?.record.address).not.toHaveProperty('x');
    const versions = await server.store.listVersions('households', String(h.id));
    expect(versions).toHaveLength(1);
    expect(versions[0]?.data).not.toHaveProperty('secret');
  });
});
