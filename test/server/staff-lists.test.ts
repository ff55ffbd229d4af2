import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { createStaff } from '../../server/src/services/staff-accounts.ts';
import { warmStaffLists } from '../../server/src/services/staff-list-warm.ts';
import { SESSION_IDLE_MS } from '../../server/src/services/staff-sessions.ts';
import { change, hlcAt, household, measurement, meta, person } from './support/records.ts';
import { PASSWORD, addStaff, twoPuskesmas, type Puskesmas } from './support/staff-client.ts';
import { SyncClient } from './support/sync-client.ts';
import { STORE_KINDS, enrollDevice, startTestServer, type TestServer } from './support/test-server.ts';

const DESA = '3302012001';
const OTHER_DESA = '3302012002';
const AREA = { desa: 'Sukamaju', provinceCode: '33', regencyCode: '3302', districtCode: '330201' };

interface Row {
  name: string;
  posyanduName: string;
  reasons: { code: string; date: string; urgent: boolean }[];
}

describe.each(STORE_KINDS)('the work lists per puskesmas, desa and posyandu on %s', (kind) => {
  let server: TestServer;
  let own: Puskesmas;
  let clock = new Date('2026-03-15T03:00:00.000Z');
  const posyandu: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const app = () => createApp({ store: server.store, version: 't', staticDir: null, now: () => clock });

  async function signIn(username: string) {
    const answer = await app().request('/api/staff/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(answer.status).toBe(200);
    const csrf = String(((await answer.json()) as { csrfToken: string }).csrfToken);
    return { cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf };
  }

  async function get(session: { cookie: string }, path: string) {
    const answer = await app().request(path, { headers: { Cookie: session.cookie } });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  }

  const names = (body: Record<string, unknown>) => (body.rows as Row[]).map((r) => r.name).sort();

  beforeAll(async () => {
    server = await startTestServer(kind);
    ({ own } = await twoPuskesmas(server));
    await addStaff(server, own.puskesmasId, 'kepala.pkm', 'admin');
    const admin = await signIn('kepala.pkm');
    for (const [key, villageCode] of [
      ['anggrek', DESA],
      ['kenanga', DESA],
      ['dahlia', OTHER_DESA],
    ] as const) {
      const answer = await app().request('/api/staff/posyandus', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf },
        body: JSON.stringify({ name: `Posyandu ${key}`, ...AREA, villageCode }),
      });
      expect(answer.status).toBe(201);
      posyandu[key] = String(((await answer.json()) as { posyanduId: string }).posyanduId);
    }
    await createStaff(server.store, {
      name: 'Bidan Desa Sukamaju',
      username: 'bidan.desa',
      role: 'staff',
      password: PASSWORD,
      puskesmasId: own.puskesmasId,
      desaCodes: [DESA],
    });

    const phone = await enrollDevice(server, posyandu.anggrek);
    const home = household(phone);
    const resident = (key: string, sex: string, birthDate: string) => {
      const record = person(phone, String(home.id), { name: key, sex, birthDate, nik: undefined });
      ids[key] = String(record.id);
      return change('persons', record);
    };
    const m = (key: string, values: Record<string, unknown>) =>
      change(
        'measurements',
        measurement(phone, ids[key] ?? '', { weightKg: undefined, lengthHeightCm: undefined, ...values }),
      );
    const event = (key: string, values: Record<string, unknown>) => ({ ...meta(phone), personId: ids[key], ...values });
    const changes = [
      change('households', home),
      resident('Adi Gizi Buruk', 'male', '2025-03-01'),
      resident('Bayu Belum Imunisasi', 'male', '2025-11-01'),
      resident('Ibu Hamil KEK', 'female', '1998-01-01'),
      resident('Pak Tensi Tinggi', 'male', '1970-01-01'),
      resident('Bu Belum Diperiksa', 'female', '1985-01-01'),
      resident('Mbah Tergantung', 'female', '1950-01-01'),
    ];
    changes.push(
      m('Adi Gizi Buruk', { date: '2026-03-01', weightKg: 6.5, lengthHeightCm: 75, position: 'lying' }),
      change(
        'pregnancies',
        event('Ibu Hamil KEK', { lastMenstrualPeriod: '2025-10-01', estimatedDueDate: '2026-07-08' }),
      ),
      m('Ibu Hamil KEK', { date: '2026-03-01', muacCm: 22, systolicMmHg: 110, diastolicMmHg: 70 }),
      m('Pak Tensi Tinggi', { date: '2026-03-01', systolicMmHg: 165, diastolicMmHg: 100, fastingGlucoseMgDl: 131 }),
      m('Mbah Tergantung', { date: '2026-03-01', systolicMmHg: 120, diastolicMmHg: 80 }),
      change(
        'screenings',
        event('Mbah Tergantung', { date: '2026-03-01', instrument: 'adl_barthel', answers: {}, score: 10 }),
      ),
      change(
        'referrals',
        event('Pak Tensi Tinggi', {
          date: '2026-03-02',
          reason: 'Tensi 165/100',
          urgency: 'routine',
          destination: 'puskesmas',
        }),
      ),
    );
    const pushed = await new SyncClient(server.url, phone).push(changes);
    expect(pushed.results.filter((r) => r.status !== 'applied')).toEqual([]);

    // A resident of the other desa, so scoping has something to leave out.
    const far = await enrollDevice(server, posyandu.dahlia);
    const farHome = household(far);
    const farPerson = person(far, String(farHome.id), {
      name: 'Warga Dahlia',
      sex: 'male',
      birthDate: '1960-02-02',
      nik: undefined,
    });
    ids['Warga Dahlia'] = String(farPerson.id);
    const farPushed = await new SyncClient(server.url, far).push([
      change('households', farHome),
      change('persons', farPerson),
      change(
        'measurements',
        measurement(far, String(farPerson.id), { date: '2026-03-01', systolicMmHg: 170, diastolicMmHg: 105 }),
      ),
    ]);
    expect(farPushed.results.filter((r) => r.status !== 'applied')).toEqual([]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('puts each person on the list the phone rules put her on', async () => {
    const admin = await signIn('kepala.pkm');
    const list = async (name: string) =>
      (await get(admin, `/api/staff/lists/${name}?posyandu=${posyandu.anggrek}`)).body;
    const children = await list('children');
    expect(children).toMatchObject({ tables: 'ok', asOf: '2026-03-15', total: 1 });
    expect((children.rows as Row[])[0]?.reasons.map((r) => r.code)).toContain('growth:bbpb:gizi_buruk');
    expect(names(await list('immunization'))).toEqual(expect.arrayContaining(['Bayu Belum Imunisasi']));
    const pregnancy = await list('pregnancy');
    expect((pregnancy.rows as Row[]).map((r) => [r.name, r.reasons.map((x) => x.code)])).toEqual([
      ['Ibu Hamil KEK', ['kek:kek']],
    ]);
    const adults = await list('adults');
    expect((adults.rows as Row[]).map((r) => [r.name, r.reasons.map((x) => x.code)])).toEqual([
      ['Pak Tensi Tinggi', ['bp_adult:hypertension_2', 'glucose_fasting:diabetes']],
    ]);
    expect(names(await list('not-screened'))).toEqual(['Bu Belum Diperiksa']);
    const elderly = await list('elderly');
    expect(names(elderly)).toEqual(['Mbah Tergantung']);
    expect((elderly.rows as Row[])[0]?.reasons[0]?.code).toMatch(/^screening:adl_barthel:\w+_dependence$/);
    const referrals = await list('referrals');
    expect(referrals.rows).toEqual([
      expect.objectContaining({
        name: 'Pak Tensi Tinggi',
        referral: expect.objectContaining({ reason: 'Tensi 165/100' }),
      }),
    ]);
  });

  it('counts every list for the dashboard, per posyandu and for the whole puskesmas', async () => {
    const admin = await signIn('kepala.pkm');
    const { status, body } = await get(admin, '/api/staff/lists');
    expect(status).toBe(200);
    expect(body.counts).toMatchObject({ children: 1, pregnancy: 1, adults: 2, elderly: 1, referrals: 1 });
    const rows = body.posyandus as { id: string; counts: Record<string, number> }[];
    expect(rows.find((p) => p.id === posyandu.dahlia)?.counts.adults).toBe(1);
    expect(rows.find((p) => p.id === posyandu.kenanga)?.counts.adults).toBe(0);
    expect(names((await get(admin, '/api/staff/lists/adults')).body)).toEqual(['Pak Tensi Tinggi', 'Warga Dahlia']);
    // Rows of several posyandu come merged in one order: the most urgent, then the oldest finding, then the name.
    const merged = (await get(admin, '/api/staff/lists/immunization?limit=1000')).body.rows as Row[];
    const key = (r: (typeof merged)[number]) =>
      `${r.reasons.some((x) => x.urgent) ? 0 : 1}|${r.reasons.map((x) => x.date).sort()[0]}|${r.name}`;
    expect(merged.map(key)).toEqual([...merged.map(key)].sort());
    const firstTwo = (await get(admin, '/api/staff/lists/immunization?limit=1')).body;
    expect(firstTwo).toMatchObject({ total: merged.length });
    expect((firstTwo.rows as Row[]).map((r) => r.name)).toEqual([merged[0]?.name]);
  });

  it('shows a newly pushed finding at once (the cache follows the posyandu seq)', async () => {
    const admin = await signIn('kepala.pkm');
    expect(names((await get(admin, `/api/staff/lists/not-screened?posyandu=${posyandu.anggrek}`)).body)).toEqual([
      'Bu Belum Diperiksa',
    ]);
    const phone = await enrollDevice(server, posyandu.anggrek);
    const bp = measurement(phone, ids['Bu Belum Diperiksa'] ?? '', {
      date: '2026-03-14',
      weightKg: undefined,
      lengthHeightCm: undefined,
      systolicMmHg: 150,
      diastolicMmHg: 95,
    });
    await new SyncClient(server.url, phone).push([change('measurements', bp)]);
    expect(names((await get(admin, `/api/staff/lists/not-screened?posyandu=${posyandu.anggrek}`)).body)).toEqual([]);
    expect(names((await get(admin, `/api/staff/lists/adults?posyandu=${posyandu.anggrek}`)).body)).toEqual([
      'Bu Belum Diperiksa',
      'Pak Tensi Tinggi',
    ]);
  });

  it('drops a resident who moved out at once, judging only her again', async () => {
    const admin = await signIn('kepala.pkm');
    const elderly = `/api/staff/lists/elderly?posyandu=${posyandu.anggrek}`;
    expect(names((await get(admin, elderly)).body)).toEqual(['Mbah Tergantung']);
    const phone = await enrollDevice(server, posyandu.anggrek);
    const stored = await server.store.getRecord('persons', ids['Mbah Tergantung'] ?? '');
    const moved = { ...stored?.data, status: 'moved_out', hlc: hlcAt(60_000) };
    const pushed = await new SyncClient(server.url, phone).push([change('persons', moved, { fields: ['status'] })]);
    expect(pushed.results[0]?.status).toBe('applied');
    expect(names((await get(admin, elderly)).body)).toEqual([]);
  });

  it('gives a bidan desa every posyandu of her desa and nothing else', async () => {
    const bidan = await signIn('bidan.desa');
    const seen = ((await get(bidan, '/api/staff/posyandus')).body.posyandus as { id: string }[]).map((p) => p.id);
    expect(seen.sort()).toEqual([posyandu.anggrek, posyandu.kenanga].sort());
    const dashboard = await get(bidan, '/api/staff/lists');
    expect((dashboard.body.posyandus as { id: string }[]).map((p) => p.id).sort()).toEqual(seen.sort());
    expect((await get(bidan, `/api/staff/lists/adults?desa=${DESA}`)).status).toBe(200);
    expect((await get(bidan, '/api/staff/lists/adults')).body.rows).not.toContainEqual(
      expect.objectContaining({ name: 'Warga Dahlia' }),
    );
    expect((await get(bidan, `/api/staff/lists/adults?desa=${OTHER_DESA}`)).status).toBe(403);
    expect((await get(bidan, `/api/staff/lists/adults?posyandu=${posyandu.dahlia}`)).status).toBe(403);
    expect((await get(bidan, `/api/staff/lists?posyandu=${posyandu.dahlia}`)).status).toBe(403);
    expect((await get(bidan, `/api/staff/persons/${ids['Warga Dahlia']}`)).status).toBe(403);
    expect((await get(bidan, `/api/staff/persons/${ids['Pak Tensi Tinggi']}`)).status).toBe(200);
    expect((await get(bidan, '/api/staff/lists/adults?desa=9999999999')).status).toBe(404);
  });

  it('answers 400 to a bad scope and 404 to an unknown list, in Indonesian', async () => {
    const admin = await signIn('kepala.pkm');
    const bad = await get(admin, '/api/staff/lists/adults?desa=12');
    expect(bad).toMatchObject({ status: 400, body: { code: 'invalid-request' } });
    expect(String(bad.body.message)).toContain('Kode desa');
    expect((await get(admin, '/api/staff/lists/apa-saja')).status).toBe(404);
    expect((await get(admin, `/api/staff/lists/adults?posyandu=${posyandu.anggrek}&desa=${DESA}`)).status).toBe(400);
  });

  it('judges every posyandu in the background at start, and stops when the server does', async () => {
    const now = () => clock;
    expect(await warmStaffLists(server.store, 'public/growth/who-tables.json', now, () => true)).toBe(7);
    expect(await warmStaffLists(server.store, 'public/growth/who-tables.json', now, () => false)).toBe(0);
  });

  it('refuses an expired session and a phone token with 401 on every list endpoint', async () => {
    const admin = await signIn('kepala.pkm');
    const phone = await enrollDevice(server, posyandu.anggrek);
    const before = clock;
    clock = new Date(clock.getTime() + SESSION_IDLE_MS + 1000);
    try {
      for (const path of ['/api/staff/lists', '/api/staff/lists/children', `/api/staff/lists/adults?desa=${DESA}`]) {
        expect((await get(admin, path)).status).toBe(401);
        const asPhone = await app().request(path, { headers: { Authorization: `Bearer ${phone.token}` } });
        expect(asPhone.status).toBe(401);
      }
    } finally {
      clock = before;
    }
  });
});
