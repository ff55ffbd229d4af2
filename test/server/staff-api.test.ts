import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnrollmentCode } from '../../protocol/index.ts';
import { change, household, hlcAt, measurement, person } from './support/records.ts';
import { StaffClient, addStaff, twoPuskesmas, type Puskesmas } from './support/staff-client.ts';
import { SyncClient } from './support/sync-client.ts';
import { STORE_KINDS, enrollDevice, startTestServer, type TestDevice, type TestServer } from './support/test-server.ts';

const AREA = { desa: 'Sukamaju', provinceCode: '33', regencyCode: '3302', districtCode: '330201' };

describe.each(STORE_KINDS)('staff API on %s', (kind) => {
  let server: TestServer;
  let own: Puskesmas;
  let other: Puskesmas;
  let melatiPhone: TestDevice;
  let mawarPhone: TestDevice;
  let strangerPhone: TestDevice;
  const admin = () => signedIn('admin.pkm');
  const clients = new Map<string, StaffClient>();

  async function signedIn(username: string): Promise<StaffClient> {
    const known = clients.get(username);
    if (known) return known;
    const client = new StaffClient(server.url);
    expect((await client.signIn(username)).status).toBe(200);
    clients.set(username, client);
    return client;
  }

  async function deviceWorks(device: TestDevice): Promise<number> {
    const response = await fetch(`${server.url}/api/v1/sync/pull`, {
      headers: { Authorization: `Bearer ${device.token}` },
    });
    return response.status;
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    ({ own, other } = await twoPuskesmas(server));
    await addStaff(server, own.puskesmasId, 'admin.pkm', 'admin');
    await addStaff(server, own.puskesmasId, 'bidan.melati', 'staff', [own.melati]);
    await addStaff(server, own.puskesmasId, 'kapus', 'read-only');
    await addStaff(server, other.puskesmasId, 'admin.lain', 'admin');
    melatiPhone = await enrollDevice(server, own.melati);
    mawarPhone = await enrollDevice(server, own.mawar);
    strangerPhone = await enrollDevice(server, other.melati);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lists the posyandu of her own puskesmas with counts and last sync; a scoped account only hers', async () => {
    const sync = new SyncClient(server.url, melatiPhone);
    const home = household(melatiPhone);
    await sync.push([change('households', home), change('persons', person(melatiPhone, String(home.id)))]);

    const all = (await (await admin()).get('/api/staff/posyandus')).body.posyandus as Record<string, unknown>[];
    expect(all.map((p) => p.id).sort()).toEqual([own.melati, own.mawar].sort());
    const melati = all.find((p) => p.id === own.melati);
    expect(melati).toMatchObject({ households: 1, persons: 1, activeDevices: 1 });
    expect(Date.parse(String(melati?.lastSyncAt))).not.toBeNaN();
    expect(all.find((p) => p.id === own.mawar)).toMatchObject({ persons: 0, lastSyncAt: null });

    const scoped = (await (await signedIn('bidan.melati')).get('/api/staff/posyandus')).body.posyandus as {
      id: string;
    }[];
    expect(scoped.map((p) => p.id)).toEqual([own.melati]);
    const readOnly = (await (await signedIn('kapus')).get('/api/staff/posyandus')).body.posyandus as unknown[];
    expect(readOnly).toHaveLength(2);
  });

  it('creates a posyandu with its desa and nested Kemendagri codes; only an admin may', async () => {
    const client = await admin();
    const created = await client.post('/api/staff/posyandus', {
      name: 'Posyandu Anggrek',
      ...AREA,
      villageCode: '3302012005',
    });
    expect(created.status).toBe(201);
    const id = String(created.body.posyanduId);
    const listed = (await client.get('/api/staff/posyandus')).body.posyandus as Record<string, unknown>[];
    expect(listed.find((p) => p.id === id)).toMatchObject({
      name: 'Posyandu Anggrek',
      desa: 'Sukamaju',
      villageCode: '3302012005',
      puskesmasId: own.puskesmasId,
    });
    const wrongNesting = await client.post('/api/staff/posyandus', { name: 'X', ...AREA, villageCode: '3303012005' });
    expect(wrongNesting).toMatchObject({ status: 400, body: { code: 'invalid-request' } });
    expect(String(wrongNesting.body.message)).toContain('villageCode');

    for (const username of ['bidan.melati', 'kapus']) {
      const refused = await (
        await signedIn(username)
      ).post('/api/staff/posyandus', {
        name: 'Posyandu Liar',
        ...AREA,
        villageCode: '3302012006',
      });
      expect(refused.status).toBe(403);
    }
    const after = (await client.get('/api/staff/posyandus')).body.posyandus as Record<string, unknown>[];
    expect(after.filter((p) => p.name === 'Posyandu Liar')).toEqual([]);
  });

  it('enrolls a phone whose code works at sync, and revokes it: its token then gets 401', async () => {
    const client = await signedIn('bidan.melati');
    const enrolled = await client.post(`/api/staff/posyandus/${own.melati}/devices`, { kaderName: 'Bu Wati' });
    expect(enrolled.status).toBe(201);
    const enrollment = decodeEnrollmentCode(String(enrolled.body.enrollmentCode));
    expect(enrollment).toMatchObject({
      posyanduId: own.melati,
      kaderName: 'Bu Wati',
      deviceId: enrolled.body.deviceId,
    });
    const phone: TestDevice = {
      posyanduId: own.melati,
      deviceId: String(enrollment?.deviceId),
      kaderId: String(enrollment?.kaderId),
      token: String(enrollment?.token),
    };
    expect(await deviceWorks(phone)).toBe(200);

    const devices = (await client.get(`/api/staff/posyandus/${own.melati}/devices`)).body.devices as Record<
      string,
      unknown
    >[];
    expect(devices.map((d) => d.kaderName)).toContain('Bu Wati');
    expect(devices.find((d) => d.id === melatiPhone.deviceId)?.lastSyncAt).toEqual(expect.any(String));

    const revoked = await client.post(`/api/staff/devices/${phone.deviceId}/revoke`);
    expect(revoked).toMatchObject({ status: 200, body: { device: { id: phone.deviceId } } });
    expect((revoked.body.device as { revokedAt: unknown }).revokedAt).toEqual(expect.any(String));
    expect(await deviceWorks(phone)).toBe(401);
    expect(await deviceWorks(melatiPhone)).toBe(200);

    const audit = await server.store.listAudit();
    expect(audit.filter((a) => a.username === 'bidan.melati').map((a) => [a.action, a.target])).toEqual(
      expect.arrayContaining([
        ['enroll-device', `device:${phone.deviceId}`],
        ['revoke-device', `device:${phone.deviceId}`],
      ]),
    );
  });

  it('answers 403 for a posyandu or device outside her scope, 404 for none, and changes nothing', async () => {
    const scoped = await signedIn('bidan.melati');
    const readOnly = await signedIn('kapus');
    const foreign = await signedIn('admin.lain');
    expect((await scoped.get(`/api/staff/posyandus/${own.mawar}/devices`)).status).toBe(403);
    expect((await scoped.get(`/api/staff/posyandus/${own.mawar}/persons`)).status).toBe(403);
    expect((await scoped.post(`/api/staff/posyandus/${own.mawar}/devices`, { kaderName: 'X' })).status).toBe(403);
    expect((await scoped.post(`/api/staff/devices/${mawarPhone.deviceId}/revoke`)).status).toBe(403);
    expect((await readOnly.get(`/api/staff/posyandus/${own.mawar}/devices`)).status).toBe(200);
    expect((await readOnly.post(`/api/staff/devices/${mawarPhone.deviceId}/revoke`)).status).toBe(403);
    expect((await readOnly.post(`/api/staff/posyandus/${own.mawar}/devices`, { kaderName: 'X' })).status).toBe(403);
    expect((await foreign.post(`/api/staff/devices/${mawarPhone.deviceId}/revoke`)).status).toBe(403);
    expect((await foreign.get(`/api/staff/posyandus/${own.melati}/devices`)).status).toBe(403);
    expect((await (await admin()).post(`/api/staff/devices/${strangerPhone.deviceId}/revoke`)).status).toBe(403);
    expect((await scoped.get('/api/staff/posyandus/00000000-0000-4000-8000-000000000000/devices')).status).toBe(404);

    expect(await deviceWorks(mawarPhone)).toBe(200);
    expect(await deviceWorks(strangerPhone)).toBe(200);
    const mawarDevices = (await (await admin()).get(`/api/staff/posyandus/${own.mawar}/devices`)).body.devices as {
      kaderName: string;
    }[];
    expect(mawarDevices).toHaveLength(1);
  });

  it("lists a posyandu's persons and opens one with her events and every version of her record", async () => {
    const sync = new SyncClient(server.url, melatiPhone);
    const home = household(melatiPhone);
    const child = person(melatiPhone, String(home.id), {
      name: 'Dewi Lestari',
      nik: undefined,
      birthDate: '2025-01-10',
      relationToHead: 'child',
    });
    const weighing = measurement(melatiPhone, String(child.id));
    await sync.push([change('households', home), change('persons', child), change('measurements', weighing)]);
    const edit = { ...child, name: 'Dewi Lestari Putri', hlc: hlcAt(60_000) };
    await sync.push([change('persons', edit, { fields: ['name'] })]);

    const client = await signedIn('bidan.melati');
    const persons = (await client.get(`/api/staff/posyandus/${own.melati}/persons`)).body.persons as {
      id: string;
      name: string;
    }[];
    expect(persons.find((p) => p.id === child.id)?.name).toBe('Dewi Lestari Putri');

    const record = await client.get(`/api/staff/persons/${String(child.id)}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      person: { id: child.id, data: { name: 'Dewi Lestari Putri' } },
      household: { id: home.id },
      events: [{ table: 'measurements', id: weighing.id }],
    });
    const history = record.body.history as { op: string; fields: string[] | null }[];
    expect(history).toHaveLength(2);
    expect(history[1]?.fields).toEqual(['name']);
    expect(
      (await server.store.listAudit()).some(
        (a) => a.action === 'view-person' && a.target === `person:${String(child.id)}`,
      ),
    ).toBe(true);

    expect((await (await signedIn('admin.lain')).get(`/api/staff/persons/${String(child.id)}`)).status).toBe(403);
    expect((await client.get('/api/staff/persons/does-not-exist')).status).toBe(404);
  });
});
