import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrollmentSchema } from '../../protocol/index.ts';
import { FailureLimiter, type AuthLimiters } from '../../server/src/http/failure-limiter.ts';
import { createPosyandu, revokeDevice } from '../../server/src/services/devices.ts';
import { createEnrollmentCode } from '../../server/src/services/enrollment-codes.ts';
import { change, household } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

describe.each(STORE_KINDS)('device credentials on %s', (kind) => {
  let server: TestServer;
  let posyanduId: string;
  let clockMs = Date.now();
  const limiters: AuthLimiters = {
    address: new FailureLimiter(30, 60_000, () => clockMs),
    device: new FailureLimiter(10, 60_000, () => clockMs),
  };

  beforeAll(async () => {
    server = await startTestServer(kind, { limiters });
    posyanduId = await createPosyandu(server.store, 'Posyandu Kenanga');
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Each test starts with fresh counters: a new window, past any block an earlier test left. */
  function nextWindow(): void {
    clockMs += 61_000;
  }

  const exchange = (code: string) =>
    fetch(`${server.url}/api/v1/enroll`, { method: 'POST', body: JSON.stringify({ code }) });

  async function enrolled(code: string): Promise<TestDevice & { posyanduName: string }> {
    const response = await exchange(code);
    expect(response.status).toBe(200);
    const enrollment = EnrollmentSchema.parse(await response.json());
    return { ...enrollment };
  }

  it('exchanges a one-time code once for a token of its own; the second phone is refused', async () => {
    nextWindow();
    const { enrollmentCode } = await createEnrollmentCode(server.store, { posyanduId, kaderName: 'Ibu Sri' });
    const phone = await enrolled(enrollmentCode.toLowerCase().replaceAll('-', ''));
    expect(phone.posyanduName).toBe('Posyandu Kenanga');
    const device = await fetch(`${server.url}/api/v1/device`, { headers: { Authorization: `Bearer ${phone.token}` } });
    expect(device.status).toBe(200);
    const again = await exchange(enrollmentCode);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('gives a code used by two phones at once to exactly one of them', async () => {
    nextWindow();
    const { enrollmentCode } = await createEnrollmentCode(server.store, { posyanduId, kaderName: 'Ibu Sri' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => exchange(enrollmentCode)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('refuses a code after it expired (a day by default)', async () => {
    nextWindow();
    const made = new Date(Date.now() - 25 * 3_600_000);
    const { enrollmentCode, expiresAt } = await createEnrollmentCode(server.store, {
      posyanduId,
      kaderName: 'Ibu Sri',
      now: made,
    });
    expect(Date.parse(expiresAt) - made.getTime()).toBe(24 * 3_600_000);
    expect((await exchange(enrollmentCode)).status).toBe(401);
  });

  it('two phones of one kader, each enrolled with its own code, see each other’s records', async () => {
    nextWindow();
    const first = await enrolled(
      (await createEnrollmentCode(server.store, { posyanduId, kaderName: 'Ibu Ani' })).enrollmentCode,
    );
    const second = await enrolled(
      (await createEnrollmentCode(server.store, { posyanduId, kaderName: 'Ibu Ani' })).enrollmentCode,
    );
    expect(first.deviceId).not.toBe(second.deviceId);
    const a = new SyncClient(server.url, first);
    const b = new SyncClient(server.url, second);
    const cursor = (await b.pull()).cursor;
    const h = household(first);
    await a.push([change('households', h)]);
    expect((await b.pull(cursor)).changes.map((c) => c.record.id)).toEqual([h.id]);
  });

  it('a revoked token opens nothing, and its retries are limited per device', async () => {
    nextWindow();
    const phone = await enrollDevice(server, posyanduId);
    const client = new SyncClient(server.url, phone);
    await client.push([change('households', household(phone))]);
    expect(await revokeDevice(server.store, phone.deviceId)).toBe(true);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await fetch(`${server.url}/api/v1/sync/pull`, { headers: { Authorization: `Bearer ${phone.token}` } })).status,
      );
    }
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
    expect(await revokeDevice(server.store, phone.deviceId)).toBe(false);
  });

  it('rotates a token: the old one works until the new one is first used, then only the new one', async () => {
    nextWindow();
    const phone = await enrollDevice(server, posyanduId);
    const asPhone = (token: string) =>
      fetch(`${server.url}/api/v1/device`, { headers: { Authorization: `Bearer ${token}` } });
    const rotate = (token: string) =>
      fetch(`${server.url}/api/v1/device/token`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    // The answer to the first rotation is lost: the phone keeps its old token, and rotates again later.
    expect((await rotate(phone.token)).status).toBe(200);
    expect((await asPhone(phone.token)).status).toBe(200);
    const { token } = (await (await rotate(phone.token)).json()) as { token: string };
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await asPhone(phone.token)).status).toBe(200);
    expect((await asPhone(token)).status).toBe(200);
    expect((await asPhone(phone.token)).status).toBe(401);
    expect((await asPhone(token)).status).toBe(200);
  });

  it('makes a device that pushes in another device’s name wait, and only that device', async () => {
    nextWindow();
    const prober = await enrollDevice(server, posyanduId);
    const victim = await enrollDevice(server, posyanduId);
    const client = new SyncClient(server.url, prober);
    const forged = () =>
      client.pushRaw(JSON.stringify({ protocolVersion: 1, deviceId: victim.deviceId, batchId: 'x', changes: [] }));
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await forged()).status);
    expect(statuses).toEqual([...Array<number>(10).fill(403), 429]);
    expect((await new SyncClient(server.url, victim).pull()).hasMore).toBe(false);
  });

  it('limits wrong tokens and wrong codes per address, never a valid token from that address', async () => {
    nextWindow();
    const phone = await enrollDevice(server, posyanduId);
    const wrong = () =>
      fetch(`${server.url}/api/v1/sync/pull`, { headers: { Authorization: `Bearer ${'x'.repeat(43)}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await wrong()).status);
    for (let i = 0; i < 10; i++) statuses.push((await exchange('0000-0000-0000-0000')).status);
    expect(statuses).toEqual(Array<number>(30).fill(401));
    const blocked = await wrong();
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ code: 'rate-limited' });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await exchange('0000-0000-0000-0000')).status).toBe(429);
    // The phone on the same wifi keeps working.
    expect((await new SyncClient(server.url, phone).pull()).hasMore).toBe(false);
    // The next window lets the address try again.
    nextWindow();
    expect((await wrong()).status).toBe(401);
  });
});
