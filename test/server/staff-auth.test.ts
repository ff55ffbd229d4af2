import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { SESSION_IDLE_MS } from '../../server/src/services/staff-sessions.ts';
import { hashPassword, verifyPassword } from '../../server/src/services/staff-passwords.ts';
import { PASSWORD, StaffClient, addStaff, twoPuskesmas } from './support/staff-client.ts';
import { STORE_KINDS, enrollDevice, startTestServer, type TestServer } from './support/test-server.ts';

describe('staff passwords', () => {
  it('are scrypt hashes with N=2^15, r=8, p=1 and a salt of their own, checked in constant time', async () => {
    const a = await hashPassword('rahasia-sekali-1');
    const b = await hashPassword('rahasia-sekali-1');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('rahasia-sekali-1', a)).toBe(true);
    expect(await verifyPassword('rahasia-sekali-2', a)).toBe(false);
    expect(await verifyPassword('rahasia-sekali-1', 'not-a-hash')).toBe(false);
  });
});

describe.each(STORE_KINDS)('staff sign-in and sessions on %s', (kind) => {
  let server: TestServer;
  let puskesmasId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    puskesmasId = (await twoPuskesmas(server)).own.puskesmasId;
    await addStaff(server, puskesmasId, 'bidan.sari', 'admin');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie holding no account data, and signs out', async () => {
    const browser = new StaffClient(server.url);
    const signedIn = await browser.signIn('Bidan.Sari');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ staff: { username: 'bidan.sari', role: 'admin' }, puskesmasId });
    expect(browser.lastSetCookie).toMatch(/^psk_session=[A-Za-z0-9_-]{43};/);
    expect(browser.lastSetCookie).toContain('HttpOnly');
    expect(browser.lastSetCookie).toContain('SameSite=Strict');
    expect(browser.lastSetCookie).toContain('Path=/api/staff');
    // Plain http: a Secure cookie would never come back.
    expect(browser.lastSetCookie).not.toContain('Secure');
    expect(await browser.get('/api/staff/session')).toMatchObject({
      status: 200,
      body: { csrfToken: browser.csrfToken },
    });

    expect((await browser.request('DELETE', '/api/staff/session')).status).toBe(204);
    expect(browser.cookie).toBe('');
    expect((await browser.get('/api/staff/posyandus')).status).toBe(401);
  });

  it('keeps only a hash of the session id: a forged or stale cookie gets 401', async () => {
    const browser = new StaffClient(server.url);
    await browser.signIn('bidan.sari');
    const stolenHash = browser.cookie;
    await browser.request('DELETE', '/api/staff/session');
    browser.cookie = stolenHash;
    expect((await browser.get('/api/staff/posyandus')).status).toBe(401);
    browser.cookie = `psk_session=${'A'.repeat(43)}`;
    expect((await browser.get('/api/staff/posyandus')).status).toBe(401);
  });

  it('refuses a wrong password, and a state-changing request without the CSRF token changes nothing', async () => {
    const browser = new StaffClient(server.url);
    expect(await browser.signIn('bidan.sari', 'salah-salah-salah')).toMatchObject({ status: 401 });
    expect(await browser.signIn('tidak.ada', PASSWORD)).toMatchObject({ status: 401 });
    await browser.signIn('bidan.sari');
    const token = browser.csrfToken;
    browser.csrfToken = '';
    const before = (await browser.get('/api/staff/posyandus')).body.posyandus as unknown[];
    const area = { desa: 'Sukamaju', provinceCode: '33', regencyCode: '3302', districtCode: '330201' };
    const forged = await browser.post('/api/staff/posyandus', { name: 'X', ...area, villageCode: '3302012001' });
    expect(forged).toMatchObject({ status: 403, body: { code: 'csrf' } });
    browser.csrfToken = 'x'.repeat(43);
    expect((await browser.post('/api/staff/posyandus', { name: 'X', ...area, villageCode: '3302012001' })).status).toBe(
      403,
    );
    expect((await browser.get('/api/staff/posyandus')).body.posyandus).toHaveLength(before.length);
    browser.csrfToken = token;
    expect((await browser.post('/api/staff/posyandus', { name: 'X', ...area, villageCode: '3302012001' })).status).toBe(
      201,
    );
  });

  it('ends a session left idle past its expiry, and each request extends it', async () => {
    let clock = new Date('2026-03-02T01:00:00.000Z');
    const app = createApp({ store: server.store, version: 't', staticDir: null, now: () => clock });
    const signIn = await app.request('/api/staff/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'bidan.sari', password: PASSWORD }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = () => app.request('/api/staff/session', { headers: { Cookie: cookie } });
    clock = new Date(clock.getTime() + SESSION_IDLE_MS - 1000);
    expect((await me()).status).toBe(200);
    clock = new Date(clock.getTime() + SESSION_IDLE_MS - 1000);
    expect((await me()).status).toBe(200);
    clock = new Date(clock.getTime() + SESSION_IDLE_MS + 1);
    expect((await me()).status).toBe(401);
    clock = new Date(clock.getTime() - SESSION_IDLE_MS);
    expect((await me()).status).toBe(401);
  });

  it('limits sign-in failures per username and per address, whatever the password then is', async () => {
    const clock = new Date('2026-03-02T01:00:00.000Z');
    const app = createApp({ store: server.store, version: 't', staticDir: null, now: () => clock });
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
    const attempt = (username: string, password: string, address: string) =>
      app.request(
        '/api/staff/session',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username, password }),
        },
        from(address),
      );
    for (let i = 0; i < 5; i++) expect((await attempt('bidan.sari', 'salah-salah', '10.0.0.1')).status).toBe(401);
    const locked = await attempt('bidan.sari', PASSWORD, '10.0.0.2');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);

    for (let i = 0; i < 20; i++) expect((await attempt(`tamu${i}`, 'salah-salah', '10.0.0.9')).status).toBe(401);
    expect((await attempt('orang.lain', 'apa-saja-123', '10.0.0.9')).status).toBe(429);
    expect((await attempt('orang.lain', 'apa-saja-123', '10.0.0.8')).status).toBe(401);
  });

  it('audits sign-ins, failures and sign-outs with who, when and from where', async () => {
    const audit = await server.store.listAudit();
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['sign-in', 'sign-in-failed', 'sign-out', 'sign-in-throttled']));
    const signIn = audit.find((a) => a.action === 'sign-in');
    expect(signIn).toMatchObject({ username: 'bidan.sari', address: expect.any(String) as unknown });
    expect(Date.parse(signIn?.at ?? '')).not.toBeNaN();
    expect(audit.find((a) => a.action === 'create-posyandu')?.target).toMatch(/^posyandu:/);
  });

  it('a phone token opens no staff endpoint, a staff session no sync endpoint', async () => {
    const phone = await enrollDevice(server);
    const asPhone = await fetch(`${server.url}/api/staff/posyandus`, {
      headers: { Authorization: `Bearer ${phone.token}` },
    });
    expect(asPhone.status).toBe(401);
    const browser = new StaffClient(server.url);
    await browser.signIn('bidan.sari');
    expect((await browser.get('/api/v1/sync/pull')).status).toBe(401);
    expect((await browser.get('/api/v1/device')).status).toBe(401);
    const push = await browser.post('/api/v1/sync/push', {
      protocolVersion: 1,
      deviceId: phone.deviceId,
      batchId: 'b',
      changes: [],
    });
    expect(push.status).toBe(401);
  });
});
