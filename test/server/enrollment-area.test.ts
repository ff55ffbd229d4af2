import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnrollmentCode } from '../../protocol/index.ts';
import { createDevice } from '../../server/src/services/devices.ts';
import { createEnrollmentCode, redeemEnrollmentCode } from '../../server/src/services/enrollment-codes.ts';
import { StaffClient, addStaff, twoPuskesmas, type Puskesmas } from './support/staff-client.ts';
import { STORE_KINDS, startTestServer, type TestServer } from './support/test-server.ts';

const AREA = {
  desa: 'Sukamaju',
  provinceCode: '33',
  regencyCode: '3302',
  districtCode: '330201',
  villageCode: '3302012001',
};

describe.each(STORE_KINDS)('the enrollment carries the posyandu desa codes on %s', (kind) => {
  let server: TestServer;
  let own: Puskesmas;
  let posyanduId = '';

  beforeAll(async () => {
    server = await startTestServer(kind);
    ({ own } = await twoPuskesmas(server));
    await addStaff(server, own.puskesmasId, 'admin.pkm', 'admin');
    const staff = new StaffClient(server.url);
    await staff.signIn('admin.pkm');
    const created = await staff.post('/api/staff/posyandus', { name: 'Posyandu Anggrek', ...AREA });
    expect(created.status).toBe(201);
    posyanduId = String(created.body.posyanduId);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const expected = {
    desa: 'Sukamaju',
    provinceCode: '33',
    regencyCode: '3302',
    districtCode: '330201',
    villageCode: '3302012001',
  };

  it('puts the area in the code the staff app shows as a QR', async () => {
    const staff = new StaffClient(server.url);
    await staff.signIn('admin.pkm');
    const enrolled = await staff.post(`/api/staff/posyandus/${posyanduId}/devices`, { kaderName: 'Bu Sri' });
    expect(enrolled.status).toBe(201);
    expect(decodeEnrollmentCode(String(enrolled.body.enrollmentCode))?.area).toEqual(expected);
  });

  it('puts it in what a one-time code is exchanged for', async () => {
    const { enrollmentCode } = await createEnrollmentCode(server.store, { posyanduId, kaderName: 'Bu Ani' });
    expect((await redeemEnrollmentCode(server.store, enrollmentCode))?.area).toEqual(expected);
  });

  it('leaves it out for a posyandu made without codes (the command line)', async () => {
    const device = await createDevice(server.store, { posyanduId: own.melati, kaderName: 'Bu Tini' });
    expect(device.enrollment).not.toHaveProperty('area');
  });
});
