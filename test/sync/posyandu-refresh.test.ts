import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaFromVillageCode } from '../../server/src/services/devices.ts';
import { testPhone } from './support/client.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';

let server: SyncTestServer;

beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('a posyandu edited by staff reaches its phones on their next sync', () => {
  it('renames the posyandu and brings its codes and dusun, keeping the kader, device and token', async () => {
    const enrollment = await server.newDevice('Bu Sri');
    expect(enrollment.area).toBeUndefined();
    const phone = await testPhone(server.server.url, enrollment);

    // Staff correct the posyandu after the phone enrolled (what PUT /api/staff/posyandus/:id writes).
    await server.server.store.updatePosyandu(server.posyanduId, {
      name: 'Posyandu Uji Sinkron Baru',
      area: areaFromVillageCode('3302012001', 'Sukamaju'),
      dusun: ['Krajan', 'Kidul'],
    });
    await phone.engine.syncNow();
    expect(phone.engine.getStatus().lastError).toBeNull();
    const after = await phone.storage.getEnrollment();
    expect(after).toMatchObject({
      deviceId: enrollment.deviceId,
      kaderId: enrollment.kaderId,
      kaderName: 'Bu Sri',
      token: enrollment.token,
      posyanduId: server.posyanduId,
      posyanduName: 'Posyandu Uji Sinkron Baru',
      area: {
        desa: 'Sukamaju',
        provinceCode: '33',
        regencyCode: '3302',
        districtCode: '330201',
        villageCode: '3302012001',
        dusun: ['Krajan', 'Kidul'],
      },
    });

    // The same posyandu again writes nothing; a dusun removed by staff is gone from the phone too.
    expect(await phone.storage.refreshPosyandu({ name: 'Posyandu Uji Sinkron Baru', area: after!.area })).toBe(false);
    await server.server.store.updatePosyandu(server.posyanduId, {
      name: 'Posyandu Uji Sinkron Baru',
      area: areaFromVillageCode('3302012001', 'Sukamaju'),
      dusun: ['Krajan'],
    });
    await phone.engine.syncNow();
    expect((await phone.storage.getEnrollment())?.area?.dusun).toEqual(['Krajan']);
  });
});
