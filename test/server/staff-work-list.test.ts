import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { change, hlcAt, household, measurement, meta, person } from './support/records.ts';
import { PASSWORD, addStaff, twoPuskesmas, type Puskesmas } from './support/staff-client.ts';
import { SyncClient } from './support/sync-client.ts';
import { STORE_KINDS, enrollDevice, startTestServer, type TestDevice, type TestServer } from './support/test-server.ts';

const NOW = new Date('2026-03-15T03:00:00.000Z');

describe.each(STORE_KINDS)('the work list of a posyandu on %s', (kind) => {
  let server: TestServer;
  let own: Puskesmas;
  let phone: TestDevice;
  const ids: Record<string, string> = {};

  function appWith(growthTablesFile?: string) {
    return createApp({
      store: server.store,
      version: 't',
      staticDir: null,
      now: () => NOW,
      ...(growthTablesFile ? { growthTablesFile } : {}),
    });
  }

  async function workList(username: string, growthTablesFile?: string) {
    const app = appWith(growthTablesFile);
    const signIn = await app.request('/api/staff/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const answer = await app.request(`/api/staff/posyandus/${own.melati}/work-list`, { headers: { Cookie: cookie } });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    let other: Puskesmas;
    ({ own, other } = await twoPuskesmas(server));
    await addStaff(server, own.puskesmasId, 'gizi.pkm', 'admin');
    await addStaff(server, other.puskesmasId, 'admin.lain', 'admin');
    phone = await enrollDevice(server, own.melati);

    // A hand-built posyandu: one household, six children, each with the measurements that decide her row.
    const home = household(phone);
    const child = (key: string, sex: string, birthDate: string) => {
      const record = person(phone, String(home.id), {
        name: key,
        sex,
        birthDate,
        relationToHead: 'child',
        nik: undefined,
      });
      ids[key] = String(record.id);
      return record;
    };
    const kids = [
      child('Adi Gizi Buruk', 'male', '2025-03-01'),
      child('Bunga Pendek', 'female', '2024-03-01'),
      child('Cahyo LiLA', 'male', '2024-09-01'),
      child('Dina Sehat', 'female', '2024-09-01'),
      child('Eko Sudah Membaik', 'male', '2025-03-01'),
      child('Fitri Dikoreksi', 'female', '2024-09-01'),
    ];
    const m = (key: string, values: Record<string, unknown>, hlcOffset = 0) =>
      measurement(phone, ids[key] ?? '', { position: 'lying', hlc: hlcAt(hlcOffset), ...values });
    const wrongEntry = m('Fitri Dikoreksi', { date: '2026-03-01', weightKg: 6.0, lengthHeightCm: 81 });
    const cahyoReferral = {
      ...meta(phone),
      personId: ids['Cahyo LiLA'],
      date: '2026-03-01',
      reason: 'LiLA 11,0 cm',
      urgency: 'urgent',
      destination: 'puskesmas',
    };
    const adiReferral = { ...cahyoReferral, ...meta(phone), personId: ids['Adi Gizi Buruk'], reason: 'Gizi buruk' };
    const adiResult = {
      ...meta(phone),
      personId: ids['Adi Gizi Buruk'],
      date: '2026-03-05',
      reason: 'Gizi buruk',
      urgency: 'urgent',
      destination: 'puskesmas',
      resultFor: adiReferral.id,
      result: 'Dirawat di TFC',
    };
    const records = [
      change('households', home),
      ...kids.map((k) => change('persons', k)),
      change('measurements', m('Adi Gizi Buruk', { date: '2026-03-01', weightKg: 6.5, lengthHeightCm: 75 })),
      change('measurements', m('Bunga Pendek', { date: '2026-03-01', weightKg: 9.8, lengthHeightCm: 78 })),
      change('measurements', m('Cahyo LiLA', { date: '2026-03-01', weightKg: 10.9, lengthHeightCm: 82, muacCm: 11.0 })),
      change('measurements', m('Dina Sehat', { date: '2026-03-01', weightKg: 10.2, lengthHeightCm: 81, muacCm: 14 })),
      change('measurements', m('Eko Sudah Membaik', { date: '2026-02-01', weightKg: 6.0, lengthHeightCm: 75 })),
      change('measurements', m('Eko Sudah Membaik', { date: '2026-03-01', weightKg: 9.0, lengthHeightCm: 75 })),
      change('measurements', wrongEntry),
      change(
        'measurements',
        m(
          'Fitri Dikoreksi',
          { date: '2026-03-01', weightKg: 10.2, lengthHeightCm: 81, supersedes: wrongEntry.id },
          1000,
        ),
      ),
      change('referrals', cahyoReferral),
      change('referrals', adiReferral),
      change('referrals', adiResult),
    ];
    const pushed = await new SyncClient(server.url, phone).push(records);
    expect(pushed.results.filter((r) => r.status !== 'applied')).toEqual([]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lists the children under five whose latest measurement needs the puskesmas, the worst first', async () => {
    const { status, body } = await workList('gizi.pkm');
    expect(status).toBe(200);
    expect(body).toMatchObject({ tables: 'ok', asOf: '2026-03-15' });
    const rows = body.children as { name: string; flags: string[]; muacCm: number | null }[];
    expect(rows.map((r) => [r.name, r.flags])).toEqual([
      ['Adi Gizi Buruk', ['gizi_buruk', 'wasting', 'underweight']],
      ['Cahyo LiLA', ['muac_low']],
      ['Bunga Pendek', ['stunting']],
    ]);
    expect(rows[1]).toMatchObject({ muacCm: 11, personId: ids['Cahyo LiLA'], measuredOn: '2026-03-01' });
  });

  it('lists the referrals without a result', async () => {
    const { body } = await workList('gizi.pkm');
    expect(body.openReferrals).toEqual([
      expect.objectContaining({
        personId: ids['Cahyo LiLA'],
        name: 'Cahyo LiLA',
        urgency: 'urgent',
        reason: 'LiLA 11,0 cm',
      }),
    ]);
  });

  it('says the WHO tables are missing instead of listing no child', async () => {
    const { status, body } = await workList('gizi.pkm', '/nonexistent/who-tables.json');
    expect(status).toBe(200);
    expect(body).toMatchObject({ tables: 'missing', children: [] });
    expect(String(body.reason)).toContain('/nonexistent/who-tables.json');
    expect(body.openReferrals).toHaveLength(1);
  });

  it('is refused to another puskesmas', async () => {
    expect((await workList('admin.lain')).status).toBe(403);
  });
});
