import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, hlcAt, household } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import {
  enrollDevice,
  enrollSinglePhone,
  startTestServer,
  STORE_KINDS,
  type TestDevice,
  type TestServer,
} from './support/test-server.ts';

/** Pulls until hasMore is false; returns the record ids received and the last cursor. */
async function drain(client: SyncClient, since: string | undefined): Promise<{ ids: unknown[]; cursor: string }> {
  const ids: unknown[] = [];
  let cursor = since;
  for (;;) {
    const page = await client.pull(cursor);
    ids.push(...page.changes.map((c) => c.record.id));
    cursor = page.cursor;
    if (!page.hasMore) return { ids, cursor };
  }
}

describe.each(STORE_KINDS)('pull on %s', (kind) => {
  let server: TestServer;
  let phoneA: TestDevice;
  let phoneB: TestDevice;
  let stranger: TestDevice;

  beforeAll(async () => {
    server = await startTestServer(kind);
    phoneA = await enrollSinglePhone(server);
    phoneB = await enrollSinglePhone(server, phoneA.posyanduId);
    stranger = await enrollDevice(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('pages through every record in order with an opaque cursor, other devices included', async () => {
    const a = new SyncClient(server.url, phoneA);
    const b = new SyncClient(server.url, phoneB);
    const fromA = Array.from({ length: 7 }, () => household(phoneA));
    const fromB = Array.from({ length: 5 }, () => household(phoneB));
    await a.push(fromA.map((h) => change('households', h)));
    await b.push(fromB.map((h) => change('households', h)));
    await new SyncClient(server.url, stranger).push([change('households', household(stranger))]);

    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await a.pull(cursor, 5);
      pages++;
      expect(page.changes.length).toBeLessThanOrEqual(5);
      seen.push(...page.changes.map((c) => c.record.id));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...fromA, ...fromB].map((h) => h.id));
    // Nothing new: the same cursor comes back with no changes.
    const idle = await a.pull(cursor, 5);
    expect(idle).toMatchObject({ changes: [], cursor, hasMore: false });

    // An edit moves the record to the end of the order, once.
    await b.push([change('households', { ...fromA[0], headName: 'Baru', hlc: hlcAt(60_000, 'b') })]);
    const next = await a.pull(cursor);
    expect(next.changes).toHaveLength(1);
    expect(next.changes[0]).toMatchObject({ table: 'households', op: 'upsert', record: { headName: 'Baru' } });
  });

  it('leaves a device’s own unchanged writes out of its incremental pulls, never out of a first pull', async () => {
    const a = new SyncClient(server.url, phoneA);
    const b = new SyncClient(server.url, phoneB);
    let cursor = (await drain(a, undefined)).cursor;
    const own = household(phoneA, { hlc: hlcAt(120_000, phoneA.deviceId) });
    await a.push([change('households', own)]);
    // Its own record, exactly as it sent it: not sent back, but the cursor moves past it.
    const echo = await drain(a, cursor);
    expect(echo.ids).toEqual([]);
    expect(echo.cursor).not.toBe(cursor);
    cursor = echo.cursor;
    // Another phone edits one field: the merged record now holds someone else's stamp, so it comes back.
    await b.push([
      change(
        'households',
        { ...own, headName: 'Diubah B', hlc: hlcAt(180_000, phoneB.deviceId) },
        { fields: ['headName'] },
      ),
    ]);
    const merged = await drain(a, cursor);
    expect(merged.ids).toEqual([own.id]);
    // Even the cursor of an empty posyandu counts as incremental: the phone holding it wrote its records itself.
    const fresh = await enrollSinglePhone(server);
    const c = new SyncClient(server.url, fresh);
    const start = (await drain(c, undefined)).cursor;
    expect(start).toBe('c1.0');
    const mine = household(fresh, { hlc: hlcAt(240_000, fresh.deviceId) });
    await c.push([change('households', mine)]);
    expect((await drain(c, start)).ids).toEqual([]);
    // A reset phone pulling from the start gets its own records too.
    expect((await drain(a, undefined)).ids).toContain(own.id);
  });

  it('walks past many pages of a device’s own writes in one answer, and still stops at the limit of others', async () => {
    // One phone (a one-time code): only such a device has its own writes left out of incremental pulls.
    const own = await enrollSinglePhone(server);
    const other = await enrollDevice(server, own.posyanduId);
    const a = new SyncClient(server.url, own);
    const b = new SyncClient(server.url, other);
    const start = (await drain(a, undefined)).cursor;
    const mine = Array.from({ length: 12 }, (_, i) => household(own, { hlc: hlcAt(300_000 + i, own.deviceId) }));
    await a.push(mine.map((h) => change('households', h)));
    const theirs = Array.from({ length: 4 }, (_, i) => household(other, { hlc: hlcAt(400_000 + i, other.deviceId) }));
    await b.push(theirs.map((h) => change('households', h)));
    // Page size 3: the twelve own records (four pages' worth) cost no round trip; the others come 3 at a time.
    const first = await a.pull(start, 3);
    expect(first.changes.map((c) => c.record.id)).toEqual(theirs.slice(0, 3).map((h) => h.id));
    expect(first.hasMore).toBe(true);
    const second = await a.pull(first.cursor, 3);
    expect(second.changes.map((c) => c.record.id)).toEqual([theirs[3]!.id]);
    expect(second.hasMore).toBe(false);
  });

  it('sends a device of an offline code its own writes too: the code may be on two phones', async () => {
    const shared = await enrollDevice(server);
    const first = new SyncClient(server.url, shared);
    const second = new SyncClient(server.url, shared);
    const cursor = (await drain(second, undefined)).cursor;
    const written = household(shared, { hlc: hlcAt(300_000, shared.deviceId) });
    await first.push([change('households', written)]);
    expect((await drain(second, cursor)).ids).toEqual([written.id]);
  });

  it('refuses a cursor it never issued, and another posyandu with 403', async () => {
    const headers = { Authorization: `Bearer ${phoneA.token}` };
    const bad = await fetch(`${server.url}/api/v1/sync/pull?since=garbage`, { headers });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid-request' });
    const other = await fetch(`${server.url}/api/v1/sync/pull?posyanduId=${stranger.posyanduId}`, { headers });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ code: 'forbidden-posyandu' });
    const badLimit = await fetch(`${server.url}/api/v1/sync/pull?limit=abc`, { headers });
    expect(badLimit.status).toBe(400);
  });

  it('tells a device who it is, without its token', async () => {
    const response = await fetch(`${server.url}/api/v1/device`, {
      headers: { Authorization: `Bearer ${phoneB.token}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      v: 1,
      deviceId: phoneB.deviceId,
      posyanduId: phoneA.posyanduId,
      posyanduName: 'Posyandu Uji',
      kaderId: phoneB.kaderId,
      kaderName: 'Kader Uji',
      // The puskesmas's public recovery key (docs/security.md): its public half only.
      recovery: { alg: 'RSA-OAEP-256', keyId: expect.any(String), spki: expect.stringMatching(/^[A-Za-z0-9_-]+$/) },
    });
    expect(JSON.stringify(body)).not.toContain(phoneB.token);
    expect(JSON.stringify(body)).not.toMatch(/PRIVATE|"d":/);
  });
});
