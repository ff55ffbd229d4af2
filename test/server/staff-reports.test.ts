import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.ts';
import { createApp } from '../../server/src/app.ts';
import { applyBatch } from '../../server/src/services/apply-batch.ts';
import { createPuskesmas } from '../../server/src/services/devices.ts';
import type { StaffReport } from '../../server/src/services/reports/staff-reports.ts';
import { fhirErrors } from './support/fhir-schema.ts';
import { change, hlcAt, household, measurement, meta, person } from './support/records.ts';
import { PASSWORD, addStaff } from './support/staff-client.ts';
import { SyncClient } from './support/sync-client.ts';
import { STORE_KINDS, enrollDevice, startTestServer, type TestDevice, type TestServer } from './support/test-server.ts';

const NOW = new Date('2026-04-05T03:00:00.000Z');
const AREA = { provinceCode: '33', regencyCode: '3302', districtCode: '330201', villageCode: '3302012001' };

/**
 * A hand-built puskesmas for March 2026. Desa Karangrejo has Melati and Mawar, desa Sidomulyo has Anggrek (empty).
 * Every expected figure is counted by hand from the rows below (the comments say why), not by the code under test.
 */
describe.each(STORE_KINDS)('staff reports and downloads on %s', (kind) => {
  let server: TestServer;
  let app: ReturnType<typeof createApp>;
  const posyandu: Record<'melati' | 'mawar' | 'anggrek' | 'lain', string> = {
    melati: '',
    mawar: '',
    anggrek: '',
    lain: '',
  };
  const ids: Record<string, string> = {};
  let phone: TestDevice;
  const cookies: Record<string, string> = {};

  async function get(username: string | null, path: string, headers: Record<string, string> = {}) {
    const cookie: Record<string, string> = username ? { Cookie: cookies[username] ?? '' } : {};
    return app.request(`/api/staff${path}`, { headers: { ...cookie, ...headers } });
  }
  async function report(username: string, search: string) {
    const response = await get(username, `/reports/monthly?month=2026-03&${search}`);
    return { status: response.status, body: (await response.json()) as StaffReport };
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    const own = await createPuskesmas(server.store, 'Puskesmas Sukamaju');
    const other = await createPuskesmas(server.store, 'Puskesmas Sukamakmur');
    const make = async (name: string, puskesmasId: string, desa: string) => {
      const id = randomUUID();
      await server.store.createPosyandu({ id, name, puskesmasId, area: { desa, ...AREA } });
      return id;
    };
    posyandu.melati = await make('Posyandu Melati', own, 'Karangrejo');
    posyandu.mawar = await make('Posyandu Mawar', own, 'Karangrejo');
    posyandu.anggrek = await make('Posyandu Anggrek', own, 'Sidomulyo');
    posyandu.lain = await make('Posyandu Lain', other, 'Karangrejo');
    await addStaff(server, own, 'admin.pkm', 'admin');
    await addStaff(server, own, 'baca.pkm', 'read-only');
    await addStaff(server, own, 'bidan.melati', 'staff', [posyandu.melati]);
    await addStaff(server, other, 'admin.lain', 'admin');

    // Events are recorded after the month, as a kader syncing on 2 April would.
    const late = { recordedAt: '2026-04-02T08:00:00.000Z' };
    phone = await enrollDevice(server, posyandu.melati);
    const home = household(phone, late);
    const mother = person(phone, String(home.id), { ...late, name: 'Siti Aminah' });
    const child = (key: string, sex: string, birthDate: string, extra: Record<string, unknown> = {}) => {
      const record = person(phone, String(home.id), {
        ...late,
        name: key,
        sex,
        birthDate,
        relationToHead: 'child',
        nik: undefined,
        motherId: mother.id,
        ...extra,
      });
      ids[key] = String(record.id);
      return record;
    };
    const kids = [
      // 2 mo on 1 Mar, 0-5: 5.0 kg on 1 Feb, 6.0 kg on 31 Mar -> N; her Buku KIA seen on 1 Feb -> K
      child('Ayu', 'female', '2025-12-10', { kiaBook: { owned: true, notedOn: '2026-02-01' } }),
      // 6 mo, 6-11: first weighing on 1 Mar -> B; the family has no book -> not K
      child('Bayu', 'male', '2025-08-05', { kiaBook: { owned: false, notedOn: '2026-03-01' } }),
      child('Citra', 'female', '2021-03-20'), // 59 mo on 1 Mar, turns 5 on 20 Mar: still S; +0.5 kg -> N; not asked
      // gone: not S, so not K
      child('Fajar', 'male', '2023-01-01', {
        status: 'moved_out',
        statusDate: '2026-02-20',
        kiaBook: { owned: true, notedOn: '2025-01-05' },
      }),
      // 14 mo, 12-23: not weighed -> S; book seen on a home visit on 5 Mar -> K
      child('Gita', 'female', '2025-01-01', { kiaBook: { owned: true, notedOn: '2026-03-05' } }),
    ];
    const m = (key: string, values: Record<string, unknown>, offset = 0) =>
      measurement(phone, ids[key] ?? '', {
        ...late,
        hlc: hlcAt(offset),
        position: 'lying',
        lengthHeightCm: undefined,
        ...values,
      });
    const wrong = m('Ayu', { date: '2026-03-31', weightKg: 4.0, lengthHeightCm: 60 });
    const event = (personId: string, values: Record<string, unknown>) => ({
      ...meta(phone),
      ...late,
      personId,
      ...values,
    });
    const records = [
      change('households', home),
      change('persons', mother),
      ...kids.map((k) => change('persons', k)),
      change('measurements', m('Ayu', { date: '2026-02-01', weightKg: 5.0 })),
      change('measurements', wrong),
      // The kader corrected the 31 March weighing: it counts once, as 6.0 kg.
      change(
        'measurements',
        m('Ayu', { date: '2026-03-31', weightKg: 6.0, lengthHeightCm: 60, supersedes: wrong.id }, 1000),
      ),
      change('measurements', m('Ayu', { date: '2026-04-01', weightKg: 6.1 })), // April: not March's
      change('measurements', m('Bayu', { date: '2026-03-01', weightKg: 7.5, lengthHeightCm: 68 })),
      change('measurements', m('Citra', { date: '2026-02-25', weightKg: 14.0 })),
      change('measurements', m('Citra', { date: '2026-03-25', weightKg: 14.5 })),
      change('measurements', m('Fajar', { date: '2026-03-02', weightKg: 12.0 })), // moved out before March
      change(
        'immunizations',
        event(ids.Ayu ?? '', { date: '2026-03-31', vaccine: 'dpt_hb_hib_1', batchNumber: 'B123' }),
      ),
      change('immunizations', event(ids.Ayu ?? '', { date: '2026-02-28', vaccine: 'bcg' })), // February
      change('immunizations', event(ids.Gita ?? '', { date: '2026-03-05', vaccine: 'mr1', givenElsewhere: true })),
      change('visits', event(ids.Gita ?? '', { date: '2026-03-31', kind: 'home' })),
    ];
    const pushed = await new SyncClient(server.url, phone).push(records);
    expect(pushed.results.filter((r) => r.status !== 'applied')).toEqual([]);

    const mawarPhone = await enrollDevice(server, posyandu.mawar);
    const mawarHome = household(mawarPhone, late);
    const dewi = person(mawarPhone, String(mawarHome.id), {
      ...late,
      name: 'Dewi',
      sex: 'female',
      birthDate: '2025-06-01', // 9 mo, 6-11: first weighing -> B
      relationToHead: 'child',
      kiaBook: { owned: true, notedOn: '2026-03-10' }, // -> K
      nik: undefined,
    });
    ids.Dewi = String(dewi.id);
    const mawarPush = await new SyncClient(server.url, mawarPhone).push([
      change('households', mawarHome),
      change('persons', dewi),
      change('measurements', measurement(mawarPhone, String(dewi.id), { ...late, date: '2026-03-10', weightKg: 8.0 })),
    ]);
    expect(mawarPush.results.filter((r) => r.status !== 'applied')).toEqual([]);

    app = createApp({ store: server.store, version: 't', staticDir: null, now: () => NOW });
    for (const username of ['admin.pkm', 'baca.pkm', 'bidan.melati', 'admin.lain']) {
      const signIn = await app.request('/api/staff/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      expect(signIn.status).toBe(200);
      cookies[username] = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("gives one posyandu's SKDN and figures, counted by hand", async () => {
    const { status, body } = await report('admin.pkm', `posyandu=${posyandu.melati}`);
    expect(status).toBe(200);
    expect(body.scope).toMatchObject({ kind: 'posyandu', label: 'Posyandu Melati' });
    // S: Ayu, Bayu, Citra, Gita (Fajar moved out in February). K: Ayu, Gita. D: Ayu (31st), Bayu (1st), Citra.
    expect(body.report.skdn.total).toEqual({ S: 4, K: 2, D: 3, N: 2, T: 0, O: 0, B: 1, '2T': 0, BGM: 0 });
    expect(body.report.skdn.ratios.KS).toBe(0.5);
    expect(body.report.skdn.bySexAndBand.female['0-5']).toMatchObject({ S: 1, D: 1, N: 1 });
    expect(body.report.skdn.bySexAndBand.female['24-59']).toMatchObject({ S: 1, D: 1, N: 1 });
    expect(body.report.skdn.bySexAndBand.male['6-11']).toMatchObject({ S: 1, D: 1, B: 1 });
    expect(body.report.skdn.ratios.DS).toBe(0.75);
    // Gita's MR dose was copied from her Buku KIA: not the posyandu's; Ayu's BCG was in February.
    expect(body.report.immunizationsByVaccine).toEqual({ dpt_hb_hib_1: 1 });
    expect(body.report.figures).toMatchObject({ home_visits: 1, births: 0 });
  });

  it('adds up a desa and the puskesmas', async () => {
    const desa = await report('admin.pkm', 'desa=Karangrejo');
    expect(desa.status).toBe(200);
    expect(desa.body.scope.posyandus.map((p) => p.name).sort()).toEqual(['Posyandu Mawar', 'Posyandu Melati']);
    // Melati's four and Mawar's Dewi (first weighing: B). Posyandu Lain is in another puskesmas.
    expect(desa.body.report.skdn.total).toMatchObject({ S: 5, K: 3, D: 4, N: 2, B: 2 });
    const whole = await report('baca.pkm', '');
    expect(whole.status).toBe(200);
    expect(whole.body.scope).toMatchObject({ kind: 'puskesmas' });
    expect(whole.body.scope.posyandus).toHaveLength(3);
    expect(whole.body.report.skdn.total).toMatchObject({ S: 5, D: 4, N: 2, B: 2 });
    expect((await report('admin.pkm', 'desa=Sidomulyo')).body.report.skdn.total.S).toBe(0);
    expect((await report('admin.pkm', 'desa=Tidak Ada')).status).toBe(404);
  });

  it('keeps every report to what the account may see', async () => {
    expect((await report('bidan.melati', `posyandu=${posyandu.melati}`)).status).toBe(200);
    expect((await report('bidan.melati', `posyandu=${posyandu.mawar}`)).status).toBe(403);
    // A desa or puskesmas total from only the posyandu she sees would be a wrong figure: refused.
    expect((await report('bidan.melati', 'desa=Karangrejo')).status).toBe(403);
    expect((await report('bidan.melati', '')).status).toBe(403);
    expect((await report('admin.lain', `posyandu=${posyandu.melati}`)).status).toBe(403);
    const paths = [
      `/reports/monthly?month=2026-03&posyandu=${posyandu.melati}`,
      `/reports/monthly/file/xlsx?month=2026-03&posyandu=${posyandu.melati}`,
      `/posyandus/${posyandu.melati}/exports/anthropometry/csv?month=2026-03`,
      `/posyandus/${posyandu.melati}/exports/immunizations/xlsx?month=2026-03`,
      `/posyandus/${posyandu.melati}/fhir?month=2026-03`,
      `/persons/${ids.Ayu}/fhir`,
    ];
    for (const path of paths) {
      expect((await get(null, path)).status, path).toBe(401);
      // A phone's token opens the sync API only, never the staff API.
      expect((await get(null, path, { Authorization: `Bearer ${phone.token}` })).status, path).toBe(401);
      expect((await get('admin.lain', path)).status, path).toBe(403);
      expect((await get('bidan.melati', path)).status, path).toBe(200);
    }
    expect((await get('bidan.melati', `/persons/${ids.Dewi}/fhir`)).status).toBe(403);
  });

  it('refuses a month that is not one, in Indonesian', async () => {
    const response = await get('admin.pkm', `/reports/monthly?month=2026-13&posyandu=${posyandu.melati}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('bulan harus YYYY-MM');
  });

  it('writes the report as a CSV for Indonesian Excel that a CSV reader reads back', async () => {
    const response = await get('admin.pkm', `/reports/monthly/file/csv?month=2026-03&posyandu=${posyandu.melati}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="laporan-posyandu-posyandu-melati-2026-03.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte-order mark
    const rows = parseCsv(Buffer.from(bytes), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    const cell = (group: string, code: string) => rows.find((r) => r.kelompok === group && r.kode === code)?.jumlah;
    expect(cell('SKDN', 'S')).toBe('4');
    expect(cell('SKDN', 'K')).toBe('2');
    expect(cell('SKDN (%)', 'K/S')).toBe('50');
    expect(cell('SKDN', 'D')).toBe('3');
    expect(cell('SKDN (%)', 'D/S')).toBe('75');
    expect(cell('SKDN (%)', 'N/D')).toBe('66,7'); // a decimal comma, as Indonesian Excel reads numbers
    expect(cell('Imunisasi', 'dpt_hb_hib_1')).toBe('1');
    expect(cell('Layanan', 'home_visits')).toBe('1');
  });

  it('writes the report as an XLSX that exceljs reads back, numbers as numbers', async () => {
    const response = await get('admin.pkm', `/reports/monthly/file/xlsx?desa=Karangrejo&month=2026-03`);
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.getWorksheet('Laporan');
    const values = (sheet?.getSheetValues() ?? []).slice(2) as unknown[][];
    const S = values.find((r) => r[1] === 'SKDN' && r[2] === 'S');
    expect(S?.[4]).toBe(5);
    const skdn = book.getWorksheet('SKDN');
    expect(skdn?.getRow(1).values).toEqual([
      undefined,
      'jenis_kelamin',
      'umur_bulan',
      'S',
      'K',
      'D',
      'N',
      'T',
      'O',
      'B',
      '2T',
      'BGM',
    ]);
    expect(skdn?.getRow(10).values).toEqual([undefined, 'jumlah', '0-59', 5, 3, 4, 2, 0, 0, 2, 0, 0]);
    const K = values.find((r) => r[1] === 'SKDN' && r[2] === 'K');
    expect(K?.[4]).toBe(3);
  });

  it("exports a posyandu-month's measurements by name in WHO Anthro's columns", async () => {
    const response = await get('admin.pkm', `/posyandus/${posyandu.melati}/exports/anthropometry/xlsx?month=2026-03`);
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.getWorksheet('Antropometri');
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'nama',
      'nik',
      'tgl_lahir',
      'nama_ibu',
      'alamat',
      'dusun',
      'rt',
      'rw',
      'kode_desa',
      'tgl_ukur',
      'sex',
      'age',
      'weight',
      'lenhei',
      'measure',
      'oedema',
      'armc',
      'headc',
      'zlen',
      'flen',
      'zwei',
      'fwei',
      'zwfl',
      'fwfl',
      'zbmi',
      'fbmi',
    ]);
    const rows = (sheet?.getSheetValues() ?? [])
      .slice(2)
      .map((r) => Object.fromEntries(header.map((h, i) => [h, (r as unknown[])[i + 1]])));
    // Ayu's corrected weighing once; Bayu; not Citra (five years and five days old on 25 March: past WHO Anthro),
    // not Fajar (moved out), not April's weighing.
    expect(rows.map((r) => [r.nama, r.tgl_ukur])).toEqual([
      ['Ayu', '2026-03-31'],
      ['Bayu', '2026-03-01'],
    ]);
    expect(rows[0]).toMatchObject({
      nama_ibu: 'Siti Aminah',
      alamat: 'Jl. Melati 3',
      rt: '002',
      sex: 2,
      age: 111, // 21 days of December + 31 + 28 + 31
      weight: 6,
      lenhei: 60,
      measure: 'l',
      oedema: 'n',
    });
    expect(typeof rows[0]?.zwei).toBe('number');
    expect(rows[0]?.fwei).toBe(0);

    const csv = await get('admin.pkm', `/posyandus/${posyandu.melati}/exports/anthropometry/csv?month=2026-03`);
    const parsed = parseCsv(Buffer.from(await csv.arrayBuffer()), {
      bom: true,
      delimiter: ';',
      columns: true,
    }) as Record<string, string>[];
    expect(parsed.map((r) => [r.nama, r.age, r.weight, r.zwei])).toEqual([
      ['Ayu', '111', '6', String(rows[0]?.zwei).replace('.', ',')],
      ['Bayu', expect.any(String), '7,5', String(rows[1]?.zwei).replace('.', ',')],
    ]);
  });

  it("exports a posyandu-month's immunisations by name", async () => {
    const response = await get('admin.pkm', `/posyandus/${posyandu.melati}/exports/immunizations/csv?month=2026-03`);
    const rows = parseCsv(Buffer.from(await response.arrayBuffer()), {
      bom: true,
      delimiter: ';',
      columns: true,
    }) as Record<string, string>[];
    expect(
      rows.map((r) => [r.nama, r.nama_ibu, r.tgl_imunisasi, r.vaksin, r.no_batch, r.dicatat_dari_buku_kia]),
    ).toEqual([
      ['Ayu', 'Siti Aminah', '2026-03-31', 'dpt_hb_hib_1', 'B123', 'tidak'],
      ['Gita', 'Siti Aminah', '2026-03-05', 'mr1', '', 'ya'],
    ]);
  });

  it('downloads the FHIR Bundle of a posyandu-month and of a person, valid R4, audited', async () => {
    const response = await get('bidan.melati', `/posyandus/${posyandu.melati}/fhir?month=2026-03`);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    const bundle = (await response.json()) as {
      resourceType: string;
      type: string;
      entry: { resource: Record<string, unknown> }[];
    };
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    expect(bundle.entry.length).toBeGreaterThan(0);
    for (const { resource } of bundle.entry) expect(fhirErrors(resource as { resourceType: string })).toEqual([]);
    const own = (await (await get('admin.pkm', `/persons/${ids.Ayu}/fhir`)).json()) as typeof bundle;
    expect(own.entry.some((e) => e.resource.resourceType === 'Patient')).toBe(true);
    const audit = await server.store.listAudit();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['view-report', 'export-anthropometry', 'export-immunizations', 'export-fhir']),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'export-fhir', username: 'admin.pkm', target: `person:${ids.Ayu}` }),
    );
  });

  // Last: it adds a weighing, so the figures above would change.
  it('counts a record that arrives after the report was first asked for (no stale cached report)', async () => {
    const before = await report('admin.pkm', 'desa=Karangrejo');
    expect(before.body.report.skdn.total.D).toBe(4);
    const gita = measurement(phone, ids.Gita ?? '', {
      recordedAt: '2026-04-02T08:00:00.000Z',
      date: '2026-03-20',
      weightKg: 9.0,
    });
    // Through the service the sync endpoint uses (the HTTP client's kept-alive socket may be gone by now).
    const pushed = await applyBatch(
      server.store,
      { deviceId: phone.deviceId, posyanduId: phone.posyanduId, kaderId: phone.kaderId },
      {
        protocolVersion: PROTOCOL_VERSION,
        deviceId: phone.deviceId,
        batchId: randomUUID(),
        changes: [change('measurements', gita)],
      },
    );
    expect(pushed.results.map((r) => r.status)).toEqual(['applied']);
    // Gita weighed for the first time: D and B go up by one, in the posyandu's report and the desa's.
    expect((await report('admin.pkm', `posyandu=${posyandu.melati}`)).body.report.skdn.total).toMatchObject({
      D: 4,
      B: 2,
    });
    expect((await report('admin.pkm', 'desa=Karangrejo')).body.report.skdn.total).toMatchObject({ S: 5, D: 5, B: 3 });
  });
});
