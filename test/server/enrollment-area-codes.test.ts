import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnrollmentCode, EnrollmentSchema, encodeEnrollmentCode } from '../../protocol/index.ts';
import { areaFromVillageCode, createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import { createEnrollmentCode } from '../../server/src/services/enrollment-codes.ts';
import { startTestServer, STORE_KINDS, type TestServer } from './support/test-server.ts';

/** Issue 10: the enrollment carries the desa's Kemendagri codes, so the kader never types them. */
describe.each(STORE_KINDS)('the enrollment carries the desa on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('puts the codes and the dusun in an offline code', async () => {
    const id = await createPosyandu(
      server.store,
      'Posyandu Melati',
      null,
      areaFromVillageCode('3301012001', 'Sukamaju'),
    );
    const device = await createDevice(server.store, {
      posyanduId: id,
      kaderName: 'Bu Ani',
      dusun: ['Krajan', 'Kidul'],
    });
    expect(decodeEnrollmentCode(device.enrollmentCode)?.area).toEqual({
      desa: 'Sukamaju',
      provinceCode: '33',
      regencyCode: '3301',
      districtCode: '330101',
      villageCode: '3301012001',
      dusun: ['Krajan', 'Kidul'],
    });
  });

  it('puts the codes in the enrollment a one-time code is exchanged for', async () => {
    const id = await createPosyandu(server.store, 'Posyandu Mawar', null, areaFromVillageCode('3301012002'));
    const code = await createEnrollmentCode(server.store, { posyanduId: id, kaderName: 'Bu Sri' });
    const response = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      body: JSON.stringify({ code: code.enrollmentCode }),
    });
    expect(response.status).toBe(200);
    const enrollment = EnrollmentSchema.parse(await response.json());
    expect(enrollment.area).toEqual({
      provinceCode: '33',
      regencyCode: '3301',
      districtCode: '330101',
      villageCode: '3301012002',
    });
  });

  it('leaves the area out for a posyandu created without its desa', async () => {
    const id = await createPosyandu(server.store, 'Posyandu Anggrek');
    const device = await createDevice(server.store, { posyanduId: id, kaderName: 'Bu Tini' });
    expect(decodeEnrollmentCode(device.enrollmentCode)).not.toHaveProperty('area');
  });
});

describe('an enrollment code with an area', () => {
  const base = {
    v: 1 as const,
    deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    token: 'a'.repeat(40),
    posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60',
    posyanduName: 'Posyandu Melati',
    kaderId: 'k1',
    kaderName: 'Bu Ani',
  };

  it('still enrolls when the area is malformed: the area alone is dropped', () => {
    const bad = {
      ...base,
      area: { provinceCode: '33', regencyCode: '3401', districtCode: '340101', villageCode: 'x' },
    };
    const decoded = decodeEnrollmentCode(encodeEnrollmentCode(bad as never));
    expect(decoded?.kaderName).toBe('Bu Ani');
    expect(decoded?.area).toBeUndefined();
  });
});
