// A phone that syncs only through the pustu relay gets the posyandu as staff keep it at the puskesmas: the name,
// the desa and its Kemendagri codes, and the dusun list, on its pull's last page, as a phone pulling from the
// puskesmas does (issue 12's known limit). Relay mode is SQLite only, so this runs on SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PullResponseSchema, type PulledPosyandu } from '../../protocol/index.ts';
import { areaFromVillageCode, createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import { startServer, type RunningServer } from '../../server/src/start-server.ts';

const running: RunningServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const server of running.reverse()) await server.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'posyandu-relay-area-'));
  dirs.push(dir);
  return dir;
};

async function lastPagePosyandu(url: string, token: string): Promise<PulledPosyandu | undefined> {
  let since = '';
  for (;;) {
    const query = new URLSearchParams({ limit: '1000', ...(since ? { since } : {}) });
    const response = await fetch(`${url}/api/v1/sync/pull?${query.toString()}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (response.status !== 200) throw new Error(`pull answered ${response.status}`);
    const page = PullResponseSchema.parse(await response.json());
    if (!page.hasMore) return page.posyandu;
    since = page.cursor;
  }
}

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the pustu relay carries the posyandu block of the puskesmas', () => {
  it('gives a phone at the relay the same name, codes and dusun as a phone at the puskesmas, after staff edit them', async () => {
    const puskesmas = await startServer({ port: 0, dataDir: tempDir(), staticDir: null });
    running.push(puskesmas);
    const posyanduId = await createPosyandu(puskesmas.store, 'Posyandu Mawar', null, areaFromVillageCode('3201010001'));
    const phone = await createDevice(puskesmas.store, { posyanduId, kaderName: 'Kader Relay' });
    const relayDevice = await createDevice(puskesmas.store, { posyanduId, kaderName: 'Pustu Uji', relay: true });
    const relay = await startServer({
      port: 0,
      dataDir: tempDir(),
      staticDir: null,
      relay: { upstream: puskesmas.url, token: relayDevice.token, intervalMs: 100 },
    });
    running.push(relay);

    const before = await until(
      'the relay to serve the phone',
      () => lastPagePosyandu(relay.url, phone.token),
      (p) => p?.area?.villageCode === '3201010001',
    );
    expect(before).toEqual(await lastPagePosyandu(puskesmas.url, phone.token));

    // Staff correct the posyandu at the puskesmas (as PUT /api/staff/posyandus/:id and its dusun tab do).
    await puskesmas.store.updatePosyandu(posyanduId, {
      name: 'Posyandu Mawar Indah',
      area: areaFromVillageCode('3201020005', 'Sukamaju'),
      dusun: ['Dusun Krajan', 'Dusun Sumber'],
    });
    const direct = await lastPagePosyandu(puskesmas.url, phone.token);
    expect(direct).toEqual({
      name: 'Posyandu Mawar Indah',
      area: {
        desa: 'Sukamaju',
        provinceCode: '32',
        regencyCode: '3201',
        districtCode: '320102',
        villageCode: '3201020005',
        dusun: ['Dusun Krajan', 'Dusun Sumber'],
      },
    });
    const atRelay = await until(
      'the relay to bring the edit',
      () => lastPagePosyandu(relay.url, phone.token),
      (p) => p?.area?.dusun?.length === 2,
    );
    expect(atRelay).toEqual(direct);

    // Codes cleared at the puskesmas: the relay drops them too, rather than keep serving the old ones.
    await puskesmas.store.updatePosyandu(posyanduId, {
      name: 'Posyandu Mawar Indah',
      area: { desa: null, provinceCode: null, regencyCode: null, districtCode: null, villageCode: null },
      dusun: [],
    });
    const cleared = await until(
      'the relay to drop the codes',
      () => lastPagePosyandu(relay.url, phone.token),
      (p) => p !== undefined && p.area === undefined,
    );
    expect(cleared).toEqual(await lastPagePosyandu(puskesmas.url, phone.token));
  }, 60_000);
});
