import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PullResponse, PushResponse } from '../../protocol/index.ts';
import { change, hlcAt, household, measurement, newId } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

// Issue 14: a push with `held: true` learns the seq of each change the server stored exactly as sent, and the
// pull after it names those seqs so the server leaves them out; anything merged differently still comes back.

async function pushHeld(server: TestServer, device: TestDevice, changes: Change[]): Promise<PushResponse> {
  const body = { protocolVersion: 1, deviceId: device.deviceId, batchId: randomUUID(), changes, held: true };
  const response = await new SyncClient(server.url, device).pushRaw(JSON.stringify(body));
  expect(response.status).toBe(200);
  return (await response.json()) as PushResponse;
}

async function pull(server: TestServer, device: TestDevice, since: string, held?: string): Promise<Response> {
  const query = new URLSearchParams({ since });
  if (held !== undefined) query.set('held', held);
  return fetch(`${server.url}/api/v1/sync/pull?${query}`, { headers: { Authorization: `Bearer ${device.token}` } });
}

async function pullIds(server: TestServer, device: TestDevice, since: string, held?: string) {
  const response = await pull(server, device, since, held);
  expect(response.status).toBe(200);
  const page = (await response.json()) as PullResponse;
  return { ids: page.changes.map((c) => c.record.id), page };
}

const ranges = (seqs: (number | undefined)[]) => seqs.map((s) => `${s}-${s}`).join(',');

describe.each(STORE_KINDS)('held seqs on %s', (kind) => {
  let server: TestServer;
  // Offline-code devices: the server may not skip their own writes by itself (the code may be on two phones).
  let phoneA: TestDevice;
  let phoneB: TestDevice;

  beforeAll(async () => {
    server = await startTestServer(kind);
    phoneA = await enrollDevice(server);
    phoneB = await enrollDevice(server, phoneA.posyanduId);
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function cursorNow(device: TestDevice): Promise<string> {
    let cursor = '';
    for (;;) {
      const { page } = await pullIds(server, device, cursor);
      cursor = page.cursor;
      if (!page.hasMore) return cursor;
    }
  }

  it('answers a seq for each change stored as sent; the pull that names them sends none back', async () => {
    const since = await cursorNow(phoneA);
    const home = household(phoneA, { hlc: hlcAt(1_000, phoneA.deviceId) });
    const weight = measurement(phoneA, newId(), { hlc: hlcAt(1_001, phoneA.deviceId) });
    const answer = await pushHeld(server, phoneA, [change('households', home), change('measurements', weight)]);
    const seqs = answer.results.map((r) => r.seq);
    expect(answer.results.map((r) => r.error?.message ?? r.status)).toEqual(['applied', 'applied']);
    expect(seqs.every((s) => typeof s === 'number')).toBe(true);

    const skipped = await pullIds(
      server,
      phoneA,
      since,
      `${Math.min(...(seqs as number[]))}-${Math.max(...(seqs as number[]))}`,
    );
    expect(skipped.ids).toEqual([]);
    // The cursor still moves past them: the next pull starts after.
    expect((await pullIds(server, phoneA, skipped.page.cursor)).ids).toEqual([]);
    // Without `held` (an older app, or a twin phone with the same code) both come back.
    expect((await pullIds(server, phoneA, since)).ids).toEqual([home.id, weight.id]);
  });

  it('gives no seq to a change that merged differently, so the winner comes back', async () => {
    const original = household(phoneB, { hlc: hlcAt(2_000, phoneB.deviceId) });
    await new SyncClient(server.url, phoneB).push([change('households', original)]);
    // B renames the head later; A, not having seen it, edits another field with an older stamp.
    const renamed = { ...original, headName: 'Pak Baru', hlc: hlcAt(3_000, phoneB.deviceId) };
    await new SyncClient(server.url, phoneB).push([change('households', renamed, { fields: ['headName'] })]);
    const since = await cursorNow(phoneA);
    const stale = {
      ...original,
      recordedBy: { kaderId: phoneA.kaderId, deviceId: phoneA.deviceId },
      pisPk: { cleanWater: 'no' },
      hlc: hlcAt(2_500, phoneA.deviceId),
    };
    // In the same batch, a new record that is stored as sent: only that one is held.
    const fresh = household(phoneA, { hlc: hlcAt(2_600, phoneA.deviceId) });
    const answer = await pushHeld(server, phoneA, [
      change('households', stale, { fields: ['pisPk'] }),
      change('households', fresh),
    ]);
    expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(answer.results[0]?.seq).toBeUndefined();
    expect(answer.results[1]?.seq).toEqual(expect.any(Number));
    const back = await pullIds(server, phoneA, since, ranges(answer.results.map((r) => r.seq).filter(Boolean)));
    expect(back.ids).toEqual([original.id]);
    expect(back.page.changes[0]?.record).toMatchObject({ headName: 'Pak Baru', pisPk: { cleanWater: 'no' } });
  });

  it('sends a held record again once another device changed it (it moved to a new seq)', async () => {
    const since = await cursorNow(phoneA);
    const home = household(phoneA, { hlc: hlcAt(4_000, phoneA.deviceId) });
    const answer = await pushHeld(server, phoneA, [change('households', home)]);
    const held = ranges(answer.results.map((r) => r.seq));
    const edit = { ...home, headName: 'Bu Lain', hlc: hlcAt(5_000, phoneB.deviceId) };
    await new SyncClient(server.url, phoneB).push([change('households', edit, { fields: ['headName'] })]);
    const back = await pullIds(server, phoneA, since, held);
    expect(back.ids).toEqual([home.id]);
    expect(back.page.changes[0]?.record).toMatchObject({ headName: 'Bu Lain' });
  });

  it('jumps past held ranges without reading their rows, and still sends what lies between them', async () => {
    const since = await cursorNow(phoneA);
    const first = Array.from({ length: 30 }, (_, i) => household(phoneA, { hlc: hlcAt(7_000 + i, phoneA.deviceId) }));
    const before = await pushHeld(
      server,
      phoneA,
      first.map((h) => change('households', h)),
    );
    const between = household(phoneB, { hlc: hlcAt(7_100, phoneB.deviceId) });
    await new SyncClient(server.url, phoneB).push([change('households', between)]);
    const last = Array.from({ length: 30 }, (_, i) => household(phoneA, { hlc: hlcAt(7_200 + i, phoneA.deviceId) }));
    const after = await pushHeld(
      server,
      phoneA,
      last.map((h) => change('households', h)),
    );
    const span = (answer: PushResponse) => {
      const seqs = answer.results.map((r) => r.seq as number);
      return `${Math.min(...seqs)}-${Math.max(...seqs)}`;
    };
    const original = server.store.listRecordsAfter;
    let rowsRead = 0;
    server.store.listRecordsAfter = async (...args) => {
      const rows = await original.apply(server.store, args);
      rowsRead += rows.length;
      return rows;
    };
    try {
      const back = await pullIds(server, phoneA, since, `${span(before)},${span(after)}`);
      expect(back.ids).toEqual([between.id]);
      expect(back.page.hasMore).toBe(false);
      // The first range is jumped; from the row between the ranges on, the second range's rows are scanned.
      expect(rowsRead).toBeLessThanOrEqual(31);
      rowsRead = 0;
      // Nothing is left after the cursor it gave, and reaching it read nothing of the held rows.
      expect((await pullIds(server, phoneA, back.page.cursor)).ids).toEqual([]);
      expect(rowsRead).toBe(0);
    } finally {
      server.store.listRecordsAfter = original;
    }
  });

  it('answers no seqs to a push that did not ask, and refuses a malformed held list', async () => {
    const answer = await new SyncClient(server.url, phoneA).push([
      change('households', household(phoneA, { hlc: hlcAt(6_000, phoneA.deviceId) })),
    ]);
    expect(answer.results[0]?.seq).toBeUndefined();
    for (const bad of ['5-1', 'a-b', '1', Array.from({ length: 65 }, (_, i) => `${i}-${i}`).join(',')]) {
      const response = await pull(server, phoneA, '', bad);
      expect(response.status, bad).toBe(400);
    }
  });
});
