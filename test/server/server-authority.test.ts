import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, parseHlc } from '../../protocol/index.ts';
import { MAX_CLOCK_AHEAD_MS } from '../../server/src/services/server-clock.ts';
import { change, household, measurement } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

/** A stamp at the test's own clock: the server runs in this process, so it shares the clock. */
function stampAt(wallMs: number, node: string, counter = 0): string {
  return formatHlc({ wallMs, counter, node });
}

describe.each(STORE_KINDS)('server-authoritative time and identity on %s', (kind) => {
  let server: TestServer;
  let phoneA: TestDevice;
  let phoneB: TestDevice;
  let a: SyncClient;
  let b: SyncClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    phoneA = await enrollDevice(server);
    phoneB = await enrollDevice(server, phoneA.posyanduId);
    a = new SyncClient(server.url, phoneA);
    b = new SyncClient(server.url, phoneB);
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function current(id: unknown) {
    return (await a.pullAll()).find((c) => c.record.id === id);
  }

  it('a stamp of 999999999999999 does not beat later edits: 10 of 10 corrections win', async () => {
    for (let round = 0; round < 10; round++) {
      const h = household(phoneA, { hlc: stampAt(Date.now(), phoneA.deviceId) });
      await a.push([change('households', h)]);
      const future = formatHlc({ wallMs: 999_999_999_999_999, counter: 0, node: phoneB.deviceId });
      const before = Date.now();
      const sent = await b.push([change('households', { ...h, headName: `Masa depan ${round}`, hlc: future })]);
      expect(sent.results[0]?.status).toBe('applied');
      const clamped = parseHlc((await current(h.id))?.hlc ?? '');
      // Brought back to the moment the server received it.
      expect(clamped.wallMs).toBeGreaterThanOrEqual(before);
      expect(clamped.wallMs).toBeLessThanOrEqual(Date.now());

      // The correction is stamped a second later by a phone whose clock is right.
      const fix = `Koreksi ${round}`;
      const corrected = { ...h, headName: fix, hlc: stampAt(Date.now() + 1000, phoneA.deviceId, round) };
      expect((await a.push([change('households', corrected, { fields: ['headName'] })])).results[0]?.status).toBe(
        'applied',
      );
      expect((await current(h.id))?.record.headName).toBe(fix);
    }
  });

  it('keeps a stamp within the allowance as the phone made it', async () => {
    const ahead = stampAt(Date.now() + MAX_CLOCK_AHEAD_MS / 2, phoneA.deviceId);
    const h = household(phoneA, { hlc: ahead });
    await a.push([change('households', h)]);
    expect((await current(h.id))?.hlc).toBe(ahead);
  });

  it('takes the author from the token, not the record, and keeps who sent every version', async () => {
    const forged = { kaderId: phoneB.kaderId, deviceId: phoneB.deviceId };
    const h = household(phoneA, { recordedBy: forged, hlc: stampAt(Date.now(), phoneB.deviceId) });
    await a.push([change('households', h)]);
    const stored = await current(h.id);
    expect(stored?.record.recordedBy).toEqual({ kaderId: phoneA.kaderId, deviceId: phoneA.deviceId });
    expect(parseHlc(stored?.hlc ?? '').node).toBe(phoneA.deviceId);

    await b.push([
      change(
        'households',
        { ...h, headName: 'Oleh B', hlc: stampAt(Date.now() + 1000, phoneB.deviceId) },
        {
          fields: ['headName'],
        },
      ),
    ]);
    const versions = await server.store.listVersions('households', String(h.id));
    expect(versions.map((v) => v.deviceId)).toEqual([phoneA.deviceId, phoneB.deviceId]);
    // The version keeps what the phone claimed, so a forgery stays visible in the history.
    expect(versions[0]?.data.recordedBy).toEqual(forged);
    expect((await current(h.id))?.record.recordedBy).toEqual({ kaderId: phoneB.kaderId, deviceId: phoneB.deviceId });
  });

  it('an event stamped far ahead is kept as sent and its resend is a duplicate', async () => {
    const future = formatHlc({ wallMs: 999_999_999_999_999, counter: 0, node: phoneA.deviceId });
    const m = measurement(phoneA, String(household(phoneA).id), { hlc: future });
    expect((await a.push([change('measurements', m)])).results[0]?.status).toBe('applied');
    expect((await a.push([change('measurements', m)])).results[0]?.status).toBe('duplicate');
  });
});
