// Staff API answers gzipped for a client that accepts gzip (server/src/http/gzip-answers.ts): the same list as
// plain, and the session cookie of a sign-in kept through the rewrite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPosyandu } from '../../server/src/services/devices.ts';
import { StaffClient, addStaff, twoPuskesmas } from './support/staff-client.ts';
import { startTestServer, STORE_KINDS, type TestServer } from './support/test-server.ts';

describe.each(STORE_KINDS)('compressed staff answers on %s', (kind) => {
  let server: TestServer;
  let staff: StaffClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    const { own } = await twoPuskesmas(server);
    // Enough posyandus for the list to be worth compressing (over 1 KiB).
    for (let i = 0; i < 15; i++) await createPosyandu(server.store, `Posyandu Anggrek ${i + 1}`, own.puskesmasId);
    await addStaff(server, own.puskesmasId, 'bidan.gzip', 'admin');
    staff = new StaffClient(server.url);
    const signedIn = await staff.signIn('bidan.gzip');
    expect(signedIn.status).toBe(200);
    expect(staff.cookie).not.toBe('');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('sends a list gzipped to a client that accepts gzip, and the same list plain to one that does not', async () => {
    const list = (acceptEncoding: string) =>
      fetch(`${server.url}/api/staff/posyandus`, {
        headers: { Cookie: staff.cookie, 'Accept-Encoding': acceptEncoding },
      });
    const [zipped, plain] = [await list('gzip, deflate, br'), await list('identity')];
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(zipped.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(zipped.headers.get('cache-control')).toBe(plain.headers.get('cache-control'));
    const [a, b] = [(await zipped.json()) as { posyandus: unknown[] }, await plain.json()];
    expect(a.posyandus.length).toBeGreaterThanOrEqual(17);
    expect(a).toEqual(b);
  });
});
