import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.ts';
import { createApp } from '../../server/src/app.ts';
import { openStore } from '../../server/src/db/open-store.ts';
import type { Store } from '../../server/src/db/store.ts';
import { generatePosyandu } from '../../server/src/seed/generate-posyandu.ts';
import { inBatches, seedChanges } from '../../server/src/seed/seed-changes.ts';
import { applyBatch } from '../../server/src/services/apply-batch.ts';
import { createDevice, createPuskesmas } from '../../server/src/services/devices.ts';
import { reportMonthsToWarm, warmMonthReports } from '../../server/src/services/reports/staff-reports.ts';
import { listCacheOf } from '../../server/src/services/staff-list-cache.ts';
import { LIST_NAMES } from '../../server/src/services/staff-list-rows.ts';
import { change, household, measurement, person } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { PASSWORD, addStaff } from './support/staff-client.ts';
import { STORE_KINDS, enrollDevice, startTestServer, type TestDevice, type TestServer } from './support/test-server.ts';

/** The seed's own "today": its three years of history end here. */
const SEED_DAY = new Date('2026-11-01T03:00:00.000Z');
const MONTH = '2026-10';

/** A store whose stored judgements and reports are invisible and never written: every answer computed afresh. */
function fromScratch(store: Store): Store {
  return {
    ...store,
    listListJudgementStates: async () => [],
    listListRows: async () => [],
    listPersonListRows: async () => [],
    listMonthReports: async () => [],
    saveListJudgements: async () => undefined,
    saveMonthReport: async () => undefined,
  };
}

/** Counts how often a store reads a whole table of a posyandu (what judging or reporting from scratch does). */
function counting(store: Store): { store: Store; tableReads: () => number } {
  let reads = 0;
  return {
    store: {
      ...store,
      listCurrentRecords: (posyanduId, table) => {
        reads++;
        return store.listCurrentRecords(posyanduId, table);
      },
    },
    tableReads: () => reads,
  };
}

/**
 * A restarted server answers the lists and the monthly report from what the previous process stored (migration
 * 0008), and those answers are the same as computing everything again: right after storing, after a push that
 * changes people, and after the date moves on (answered from the earlier day at once, then judged again).
 */
describe.each(STORE_KINDS)('stored judgements and reports on %s', (kind) => {
  let server: TestServer;
  let puskesmasId = '';
  const phones: TestDevice[] = [];
  const opened: Store[] = [];

  /** A new process on the same database: a store of its own, so nothing in memory is shared. */
  const restart = () => {
    const store = openStore({
      dataDir: server.database.dataDir,
      ...(server.database.databaseUrl ? { databaseUrl: server.database.databaseUrl } : {}),
    });
    opened.push(store);
    return store;
  };

  async function everything(store: Store, now: Date) {
    const app = createApp({ store, version: 't', staticDir: null, now: () => now });
    const signIn = await app.request('/api/staff/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'kepala', password: PASSWORD }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const get = async (path: string) => {
      const answer = await app.request(path, { headers: { Cookie: cookie } });
      expect(answer.status).toBe(200);
      return (await answer.json()) as Record<string, unknown>;
    };
    const answers: Record<string, unknown> = { counts: await get('/api/staff/lists') };
    for (const list of LIST_NAMES) answers[list] = await get(`/api/staff/lists/${list}?limit=1000`);
    answers.report = await get(`/api/staff/reports/monthly?month=${MONTH}`);
    return answers;
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    puskesmasId = await createPuskesmas(server.store, 'Puskesmas Uji');
    await addStaff(server, puskesmasId, 'kepala', 'admin');
    for (let i = 0; i < 2; i++) {
      const id = randomUUID();
      await server.store.createPosyandu({ id, name: `Posyandu ${i + 1}`, puskesmasId });
      const device = await createDevice(server.store, { posyanduId: id, kaderName: 'Kader Uji' });
      const phone = { posyanduId: id, deviceId: device.deviceId, kaderId: device.enrollment.kaderId, token: '' };
      phones.push(phone);
      const { deviceId, kaderId } = phone;
      const data = generatePosyandu({ seed: i + 7, posyanduId: id, deviceId, kaderId, households: 25 });
      for (const [index, changes] of inBatches(seedChanges(data), 500).entries()) {
        await applyBatch(
          server.store,
          { deviceId: phone.deviceId, posyanduId: id, kaderId: phone.kaderId },
          { protocolVersion: PROTOCOL_VERSION, deviceId: phone.deviceId, batchId: `b${index}`, changes },
        );
      }
    }
  });
  afterAll(async () => {
    for (const store of opened) await store.close();
    await server?.stop();
  });

  it('answers a restarted server from the stored rows and reports, the same as computing them again', async () => {
    const first = await everything(server.store, SEED_DAY);
    expect((first.counts as { counts: Record<string, number> }).counts.immunization).toBeGreaterThan(0);
    expect(first).toEqual(await everything(fromScratch(restart()), SEED_DAY));
    const cold = counting(restart());
    expect(await everything(cold.store, SEED_DAY)).toEqual(first);
    // Nothing was judged or reported from the records: every answer came from the stored ones.
    expect(cold.tableReads()).toBe(0);
  });

  it('after a push that changes people, judges only them and reports only their posyandu again', async () => {
    const phone = phones[0];
    if (!phone) throw new Error('no phone');
    const home = household(phone);
    const baby = person(phone, String(home.id), {
      ...{ name: 'Bayi Baru', sex: 'male', birthDate: '2026-10-20', nik: undefined },
      recordedAt: '2026-10-31T08:00:00.000Z',
    });
    const adult = person(phone, String(home.id), {
      name: 'Pak Baru',
      sex: 'male',
      birthDate: '1970-01-01',
      nik: undefined,
    });
    const bp = measurement(phone, String(adult.id), {
      date: '2026-10-30',
      weightKg: undefined,
      lengthHeightCm: undefined,
      systolicMmHg: 170,
      diastolicMmHg: 105,
    });
    const changes = (
      [
        ['households', home],
        ['persons', baby],
        ['persons', adult],
        ['measurements', bp],
      ] as const
    ).map(([table, record]) => ({ changeId: randomUUID(), table, op: 'upsert' as const, record }));
    const answer = await applyBatch(
      server.store,
      { deviceId: phone.deviceId, posyanduId: phone.posyanduId, kaderId: phone.kaderId },
      { protocolVersion: PROTOCOL_VERSION, deviceId: phone.deviceId, batchId: randomUUID(), changes },
    );
    expect(answer.results.filter((r) => r.status !== 'applied')).toEqual([]);

    const cold = counting(restart());
    const stored = await everything(cold.store, SEED_DAY);
    // The report of the posyandu that pushed is read again (nine tables); the lists judge two people, no table.
    expect(cold.tableReads()).toBe(9);
    expect(stored).toEqual(await everything(fromScratch(restart()), SEED_DAY));
    const adults = stored.adults as { rows: { name: string }[] };
    expect(adults.rows.map((r) => r.name)).toContain('Pak Baru');
    const report = stored.report as { report: { figures: Record<string, unknown> } };
    expect(report.report.figures.births).toBeDefined();
  });

  it('after the date moves on, answers the earlier day at once, then the new day as judged from scratch', async () => {
    const nextYear = new Date('2027-02-10T03:00:00.000Z');
    const store = restart();
    const stale = await everything(store, nextYear);
    expect(stale.counts).toMatchObject({ asOf: '2026-11-01', refreshing: true });
    expect(stale.children).toMatchObject({ asOf: '2026-11-01', refreshing: true });
    await listCacheOf(store).settled();
    const judged = await everything(store, nextYear);
    expect(judged.counts).toMatchObject({ asOf: '2027-02-10' });
    expect(judged.counts).not.toHaveProperty('refreshing');
    expect(judged).toEqual(await everything(fromScratch(restart()), nextYear));
    // Stored for the new day: the next restart answers it without judging anyone.
    const cold = counting(restart());
    expect(await everything(cold.store, nextYear)).toEqual(judged);
    expect(cold.tableReads()).toBe(0);
  });

  it('after an upgrade of the rules, answers the stored rows at once and judges again in the background', async () => {
    const day = new Date('2027-02-10T03:00:00.000Z');
    const setUp = restart();
    const [state] = await setUp.listListJudgementStates([phones[1]?.posyanduId ?? '']);
    expect(state).toMatchObject({ asOf: '2027-02-10', withTables: true });
    if (!state) return;
    await setUp.saveListJudgements({ ...state, rulesVersion: 'older-rules' }, [], false);
    const cold = counting(restart());
    const first = await everything(cold.store, day);
    expect(first.counts).toMatchObject({ asOf: '2027-02-10', refreshing: true });
    await listCacheOf(cold.store).settled();
    // Eight tables read to judge that one posyandu again; its report (unchanged records) stays stored.
    expect(cold.tableReads()).toBe(8);
    const judged = await everything(cold.store, day);
    expect(judged.counts).not.toHaveProperty('refreshing');
    expect(judged).toEqual(await everything(fromScratch(restart()), day));
  });

  it('when following pushes (npm start), judges and stores each push in the background, before anyone looks', async () => {
    const day = new Date('2027-02-10T03:00:00.000Z');
    const posyanduId = phones[1]?.posyanduId ?? '';
    const cache = listCacheOf(server.store);
    await everything(server.store, day);
    cache.followPushes('public/growth/who-tables.json', () => day);
    const phone = await enrollDevice(server, posyanduId);
    const people = await server.store.listCurrentRecords(posyanduId, 'persons');
    const bp = measurement(phone, people[0]?.id ?? '', {
      date: '2027-02-09',
      weightKg: undefined,
      lengthHeightCm: undefined,
      systolicMmHg: 182,
      diastolicMmHg: 112,
    });
    const pushed = await new SyncClient(server.url, phone).push([change('measurements', bp)]);
    expect(pushed.results.filter((r) => r.status !== 'applied')).toEqual([]);
    await cache.settled();
    const lastSeq = (await server.store.listPosyanduSeqs(puskesmasId)).get(posyanduId);
    const [state] = await server.store.listListJudgementStates([posyanduId]);
    expect(state?.seq).toBe(lastSeq);
    // Restarted: nothing left to judge, and the same as from scratch.
    const cold = counting(restart());
    expect(await everything(cold.store, day)).toEqual(await everything(fromScratch(restart()), day));
    expect(cold.tableReads()).toBe(9);
  });

  it('after npm start, this and last month’s reports are stored before anyone asks (warmMonthReports)', async () => {
    const months = ['2026-08', '2026-09'];
    const warmed = await warmMonthReports(server.store, 'public/growth/who-tables.json', months, () => true);
    expect(warmed).toBe(months.length * phones.length);
    const cold = counting(restart());
    const fresh = fromScratch(restart());
    for (const month of months) {
      expect(await reportOf(cold.store, month)).toEqual(await reportOf(fresh, month));
    }
    // The restarted server summed the stored reports: it read no posyandu's records.
    expect(cold.tableReads()).toBe(0);
  });

  async function reportOf(store: Store, month: string) {
    const app = createApp({ store, version: 't', staticDir: null, now: () => SEED_DAY });
    const signIn = await app.request('/api/staff/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'kepala', password: PASSWORD }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const answer = await app.request(`/api/staff/reports/monthly?month=${month}`, { headers: { Cookie: cookie } });
    expect(answer.status).toBe(200);
    return answer.json();
  }
});

describe('the report months warmed at start', () => {
  it('are this month and last month in WIB, across a year end', () => {
    expect(reportMonthsToWarm(new Date('2026-11-30T16:59:59.000Z'))).toEqual(['2026-11', '2026-10']);
    // 17:00 UTC is midnight WIB: December has begun.
    expect(reportMonthsToWarm(new Date('2026-11-30T17:00:00.000Z'))).toEqual(['2026-12', '2026-11']);
    expect(reportMonthsToWarm(new Date('2027-01-15T03:00:00.000Z'))).toEqual(['2027-01', '2026-12']);
  });
});
