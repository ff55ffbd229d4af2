import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, household, meta, person } from './support/records.ts';
import { StaffClient, addStaff, twoPuskesmas, type Puskesmas } from './support/staff-client.ts';
import { SyncClient } from './support/sync-client.ts';
import { STORE_KINDS, enrollDevice, startTestServer, type TestDevice, type TestServer } from './support/test-server.ts';

describe.each(STORE_KINDS)('the referral loop on %s', (kind) => {
  let server: TestServer;
  let own: Puskesmas;
  let phone: TestDevice;
  let otherPhone: TestDevice;
  let referralId: string;
  let personId: string;

  async function client(username: string): Promise<StaffClient> {
    const c = new StaffClient(server.url);
    expect((await c.signIn(username)).status).toBe(200);
    return c;
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    ({ own } = await twoPuskesmas(server));
    await addStaff(server, own.puskesmasId, 'bidan.melati', 'staff', [own.melati]);
    await addStaff(server, own.puskesmasId, 'bidan.mawar', 'staff', [own.mawar]);
    await addStaff(server, own.puskesmasId, 'kapus', 'read-only');
    phone = await enrollDevice(server, own.melati);
    otherPhone = await enrollDevice(server, own.melati);
    const home = household(phone);
    const child = person(phone, String(home.id), {
      name: 'Sari',
      nik: undefined,
      birthDate: '2025-01-10',
      relationToHead: 'child',
    });
    personId = String(child.id);
    const referral = {
      ...meta(phone),
      personId,
      date: '2026-03-01',
      reason: 'LiLA 11,0 cm',
      urgency: 'urgent',
      destination: 'puskesmas',
    };
    referralId = referral.id;
    await new SyncClient(server.url, phone).push([
      change('households', home),
      change('persons', child),
      change('referrals', referral),
    ]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses an outcome from outside her posyandu or from a read-only account, and nothing changes', async () => {
    const body = { outcome: 'arrived', date: '2026-03-03' };
    expect((await (await client('bidan.mawar')).post(`/api/staff/referrals/${referralId}/outcome`, body)).status).toBe(
      403,
    );
    expect((await (await client('kapus')).post(`/api/staff/referrals/${referralId}/outcome`, body)).status).toBe(403);
    const bidan = await client('bidan.melati');
    expect((await bidan.post('/api/staff/referrals/does-not-exist/outcome', body)).status).toBe(404);
    expect(
      (await bidan.post(`/api/staff/referrals/${referralId}/outcome`, { outcome: 'healed', date: '2026-03-03' }))
        .status,
    ).toBe(400);
    const pulled = await new SyncClient(server.url, phone).pullAll();
    expect(pulled.filter((c) => c.table === 'referrals')).toHaveLength(1);
  });

  it('records arrival then outcome; every phone of the posyandu pulls them, and the referral is no longer open', async () => {
    const bidan = await client('bidan.melati');
    const arrived = await bidan.post(`/api/staff/referrals/${referralId}/outcome`, {
      outcome: 'arrived',
      date: '2026-03-03',
    });
    expect(arrived.status).toBe(201);
    const treated = await bidan.post(`/api/staff/referrals/${referralId}/outcome`, {
      outcome: 'treated',
      date: '2026-03-03',
      notes: 'PMT pemulihan 90 hari',
    });
    expect(treated.status).toBe(201);

    const workList = await bidan.get(`/api/staff/posyandus/${own.melati}/work-list`);
    expect(workList.body.openReferrals).toEqual([]);

    for (const device of [phone, otherPhone]) {
      const results = (await new SyncClient(server.url, device).pullAll())
        .filter((c) => c.table === 'referrals' && c.record.resultFor === referralId)
        .map((c) => c.record);
      expect(results).toHaveLength(2);
      expect(results[1]).toMatchObject({
        personId,
        outcome: 'treated',
        result: 'Sudah ditangani di puskesmas: PMT pemulihan 90 hari',
        supersedes: arrived.body.outcomeId,
        authoredBy: { name: 'Staf bidan.melati' },
      });
    }
    const audit = (await server.store.listAudit()).filter((a) => a.target === `referral:${referralId}`);
    expect(audit.map((a) => a.action)).toEqual(['referral-arrived', 'referral-treated']);
  });

  it('a phone may not send a result that claims to come from the puskesmas', async () => {
    const forged = {
      ...meta(phone),
      personId,
      date: '2026-03-04',
      reason: 'x',
      urgency: 'routine',
      resultFor: referralId,
      result: 'Sudah ditangani',
      outcome: 'treated',
      authoredBy: { staffId: '00000000-0000-4000-8000-000000000001', name: 'Palsu' },
    };
    const answer = await new SyncClient(server.url, phone).push([change('referrals', forged)]);
    expect(answer.results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid-record' } });
  });
});
