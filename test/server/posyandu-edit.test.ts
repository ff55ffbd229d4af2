import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponseSchema, decodeEnrollmentCode } from '../../protocol/index.ts';
import {
  areaFromVillageCode,
  createDevice,
  createPosyandu,
  createPuskesmas,
} from '../../server/src/services/devices.ts';
import { change, household } from './support/records.ts';
import { StaffClient, addStaff } from './support/staff-client.ts';
import { SyncClient } from './support/sync-client.ts';
import { STORE_KINDS, enrollDevice, startTestServer, type TestDevice, type TestServer } from './support/test-server.ts';

const CORRECTED = {
  name: 'Posyandu Melati Indah',
  desa: 'Karangrejo',
  provinceCode: '33',
  regencyCode: '3302',
  districtCode: '330202',
  villageCode: '3302022004',
  dusun: ['Krajan', ' Kidul  Wetan '],
};

/**
 * Issue 11: an admin corrects a posyandu after creation (name, desa, Kemendagri codes) and staff keep its dusun
 * list; the phones of that posyandu receive the new area on their next pull, and new enrollments carry it.
 */
describe.each(STORE_KINDS)('editing a posyandu on %s', (kind) => {
  let server: TestServer;
  let puskesmasId: string;
  let melati: string;
  let mawar: string;
  let foreign: string;
  let phone: TestDevice;
  let mawarPhone: TestDevice;
  const clients = new Map<string, StaffClient>();

  async function as(username: string): Promise<StaffClient> {
    const known = clients.get(username);
    if (known) return known;
    const client = new StaffClient(server.url);
    expect((await client.signIn(username)).status).toBe(200);
    clients.set(username, client);
    return client;
  }
  const put = async (username: string, path: string, body: unknown) =>
    (await as(username)).request('PUT', `/api/staff/posyandus/${path}`, body);
  const detail = async (id: string) => (await (await as('admin.pkm')).get(`/api/staff/posyandus/${id}`)).body;

  beforeAll(async () => {
    server = await startTestServer(kind);
    puskesmasId = await createPuskesmas(server.store, 'Puskesmas Sukamaju');
    const otherPuskesmas = await createPuskesmas(server.store, 'Puskesmas Sukamakmur');
    melati = await createPosyandu(
      server.store,
      'Posyandu Melati',
      puskesmasId,
      areaFromVillageCode('3302012001', 'Sukamaju'),
    );
    mawar = await createPosyandu(
      server.store,
      'Posyandu Mawar',
      puskesmasId,
      areaFromVillageCode('3302012002', 'Sidareja'),
    );
    foreign = await createPosyandu(server.store, 'Posyandu Lain', otherPuskesmas);
    await addStaff(server, puskesmasId, 'admin.pkm', 'admin');
    await addStaff(server, puskesmasId, 'bidan.melati', 'staff', [melati]);
    await addStaff(server, puskesmasId, 'kapus', 'read-only');
    await addStaff(server, otherPuskesmas, 'admin.lain', 'admin');
    phone = await enrollDevice(server, melati);
    mawarPhone = await enrollDevice(server, mawar);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('starts with the area it was created with and no dusun; the pull says so', async () => {
    expect(await detail(melati)).toMatchObject({
      posyandu: { name: 'Posyandu Melati', desa: 'Sukamaju', villageCode: '3302012001', dusun: [] },
    });
    const pulled = PullResponseSchema.parse(await new SyncClient(server.url, phone).pull());
    expect(pulled.posyandu).toEqual({
      name: 'Posyandu Melati',
      area: {
        desa: 'Sukamaju',
        provinceCode: '33',
        regencyCode: '3302',
        districtCode: '330201',
        villageCode: '3302012001',
      },
    });
  });

  it('lets an admin correct name, desa, codes and dusun, audited with who, what and when', async () => {
    const before = (await server.store.listAudit()).length;
    const answer = await put('admin.pkm', melati, CORRECTED);
    expect(answer.status).toBe(200);
    const expected = { ...CORRECTED, id: melati, dusun: ['Krajan', 'Kidul Wetan'] };
    expect(answer.body.posyandu).toEqual(expected);
    expect((await detail(melati)).posyandu).toEqual(expected);
    const listed = (await (await as('admin.pkm')).get('/api/staff/posyandus')).body.posyandus as { id: string }[];
    expect(listed.find((p) => p.id === melati)).toMatchObject({ name: 'Posyandu Melati Indah', desa: 'Karangrejo' });
    const audit = (await server.store.listAudit()).slice(before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      username: 'admin.pkm',
      action: 'edit-posyandu:name,desa,districtCode,villageCode,dusun',
      target: `posyandu:${melati}`,
    });
    expect(Date.parse(audit[0]?.at ?? '')).not.toBeNaN();
    // The same form saved again changes nothing and writes no audit line.
    expect((await put('admin.pkm', melati, CORRECTED)).status).toBe(200);
    expect(await server.store.listAudit()).toHaveLength(before + 1);
  });

  it('sends the phones of that posyandu the new area on their next pull, and only theirs', async () => {
    const client = new SyncClient(server.url, phone);
    // A phone with a cursor (an incremental pull) gets it too: it is not a record, it comes with every last page.
    const first = PullResponseSchema.parse(await client.pull());
    const next = PullResponseSchema.parse(await client.pull(first.cursor));
    for (const answer of [first, next]) {
      expect(answer.posyandu).toEqual({
        name: 'Posyandu Melati Indah',
        area: {
          desa: 'Karangrejo',
          provinceCode: '33',
          regencyCode: '3302',
          districtCode: '330202',
          villageCode: '3302022004',
          dusun: ['Krajan', 'Kidul Wetan'],
        },
      });
    }
    const mawarPull = PullResponseSchema.parse(await new SyncClient(server.url, mawarPhone).pull());
    expect(mawarPull.posyandu).toMatchObject({ name: 'Posyandu Mawar', area: { villageCode: '3302012002' } });
    expect(mawarPull.posyandu?.area?.dusun).toBeUndefined();
  });

  it('sends the posyandu only on the last page of a long pull', async () => {
    const homes = [household(phone), household(phone), household(phone)];
    const pushed = await new SyncClient(server.url, phone).push(homes.map((h) => change('households', h)));
    expect(pushed.results.every((r) => r.status === 'applied')).toBe(true);
    const client = new SyncClient(server.url, phone);
    const page1 = PullResponseSchema.parse(await client.pull(undefined, 2));
    expect(page1.hasMore).toBe(true);
    expect(page1.posyandu).toBeUndefined();
    const page2 = PullResponseSchema.parse(await client.pull(page1.cursor, 2));
    expect(page2.hasMore).toBe(false);
    expect(page2.posyandu?.name).toBe('Posyandu Melati Indah');
  });

  it('puts the dusun in a new enrollment code', async () => {
    const enrolled = await (
      await as('admin.pkm')
    ).post(`/api/staff/posyandus/${melati}/devices`, {
      kaderName: 'Bu Wati',
    });
    expect(enrolled.status).toBe(201);
    const code = decodeEnrollmentCode(String(enrolled.body.enrollmentCode));
    expect(code).toMatchObject({
      posyanduName: 'Posyandu Melati Indah',
      area: { desa: 'Karangrejo', villageCode: '3302022004', dusun: ['Krajan', 'Kidul Wetan'] },
    });
  });

  it('refuses a bad correction with an Indonesian reason and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ ...CORRECTED, villageCode: '3303012004' }, 'kode desa tidak di kecamatan ini'],
      [{ ...CORRECTED, villageCode: '33020220' }, 'harus 10 angka'],
      [{ ...CORRECTED, name: '  ' }, 'nama posyandu wajib diisi'],
      [{ ...CORRECTED, dusun: ['Krajan', 'krajan '] }, 'tertulis dua kali'],
      [{ ...CORRECTED, dusun: ['Krajan', ''] }, 'nama dusun kosong'],
      [{ ...CORRECTED, dusun: Array.from({ length: 51 }, (_, i) => `Dusun ${i}`) }, 'paling banyak 50 dusun'],
    ];
    for (const [body, reason] of cases) {
      const answer = await put('admin.pkm', melati, body);
      expect(answer.status, reason).toBe(400);
      expect(answer.body.code).toBe('invalid-request');
      expect(String(answer.body.message)).toContain(reason);
    }
    const notJson = await (
      await as('admin.pkm')
    ).request('PUT', `/api/staff/posyandus/${melati}`, undefined, {
      'Content-Type': 'application/json',
    });
    expect(notJson.status).toBe(400);
    expect((await detail(melati)).posyandu).toMatchObject({ name: 'Posyandu Melati Indah', villageCode: '3302022004' });
  });

  it('answers 401 without a session, 403 to a non-admin or another puskesmas, 404 for none', async () => {
    const anonymous = new StaffClient(server.url);
    expect((await anonymous.request('PUT', `/api/staff/posyandus/${melati}`, CORRECTED)).status).toBe(401);
    expect((await anonymous.get(`/api/staff/posyandus/${melati}`)).status).toBe(401);
    // A phone's token is no staff session.
    const withToken = await anonymous.request('PUT', `/api/staff/posyandus/${melati}`, CORRECTED, {
      Authorization: `Bearer ${phone.token}`,
    });
    expect(withToken.status).toBe(401);
    const renamed = { ...CORRECTED, name: 'Posyandu Diubah' };
    expect((await put('bidan.melati', melati, renamed)).status).toBe(403);
    expect((await put('kapus', melati, renamed)).status).toBe(403);
    expect((await put('admin.lain', melati, renamed)).status).toBe(403);
    expect((await put('admin.pkm', foreign, renamed)).status).toBe(403);
    expect((await put('admin.pkm', '00000000-0000-4000-8000-000000000000', renamed)).status).toBe(404);
    expect((await detail(melati)).posyandu).toMatchObject({ name: 'Posyandu Melati Indah' });
  });

  it("keeps the admin CLI's --dusun as the posyandu's list, so the phones' pulls agree with the code", async () => {
    const created = await createDevice(server.store, {
      posyanduId: mawar,
      kaderName: 'Bu Tini',
      dusun: ['Sidareja Lor', ' Sidareja  Kidul', 'Sidareja Lor'],
    });
    expect(created.enrollment.area?.dusun).toEqual(['Sidareja Lor', 'Sidareja Kidul']);
    expect((await detail(mawar)).posyandu).toMatchObject({ dusun: ['Sidareja Lor', 'Sidareja Kidul'] });
    const pulled = PullResponseSchema.parse(await new SyncClient(server.url, mawarPhone).pull());
    expect(pulled.posyandu?.area?.dusun).toEqual(['Sidareja Lor', 'Sidareja Kidul']);
  });

  it("lets the posyandu's bidan keep its dusun list, not a read-only account or another posyandu's", async () => {
    const answer = await put('bidan.melati', `${melati}/dusun`, { dusun: ['Krajan', 'Kidul Wetan', 'Lor'] });
    expect(answer.status).toBe(200);
    expect(answer.body.posyandu).toMatchObject({
      name: 'Posyandu Melati Indah',
      dusun: ['Krajan', 'Kidul Wetan', 'Lor'],
    });
    const audit = (await server.store.listAudit()).at(-1);
    expect(audit).toMatchObject({
      username: 'bidan.melati',
      action: 'edit-posyandu:dusun',
      target: `posyandu:${melati}`,
    });
    expect((await put('kapus', `${melati}/dusun`, { dusun: [] })).status).toBe(403);
    expect((await put('bidan.melati', `${mawar}/dusun`, { dusun: ['X'] })).status).toBe(403);
    expect((await put('bidan.melati', `${melati}/dusun`, { dusun: 'Krajan' })).status).toBe(400);
    const pulled = PullResponseSchema.parse(await new SyncClient(server.url, phone).pull());
    expect(pulled.posyandu?.area?.dusun).toEqual(['Krajan', 'Kidul Wetan', 'Lor']);
  });
});
