import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { type Change } from '../../protocol/index.ts';
import { dataOfLeanText, leanDataText } from '../../server/src/db/sqlite-record-json.ts';
import { openSqliteRelayStore } from '../../server/src/db/sqlite-relay-store.ts';
import { sqliteStaffStore } from '../../server/src/db/sqlite-staff-store.ts';
import { change, hlcAt, household, measurement, person } from './support/records.ts';
import {
  enrollDevice,
  pushToService,
  startTestServer,
  type TestDevice,
  type TestServer,
} from './support/test-server.ts';

const columns = { id: 'rec-1', posyanduId: 'pos-1', hlc: '001700000000000:00001:dev-1' };

describe('lean JSON text on SQLite (sqlite-record-json.ts)', () => {
  it('leaves out the three values its columns hold and puts them back in their places, key order kept', () => {
    const data = {
      name: 'Ani',
      id: 'rec-1',
      nested: { id: 'rec-1', hlc: columns.hlc },
      posyanduId: 'pos-1',
      hlc: columns.hlc,
    };
    const text = leanDataText(data, columns);
    expect(text).not.toContain('"pos-1"');
    expect(JSON.parse(text)).toMatchObject({ id: 0, posyanduId: 0, hlc: 0, nested: data.nested });
    const back = dataOfLeanText(text, columns);
    expect(JSON.stringify(back)).toBe(JSON.stringify(data));
    // The object written is not touched: it is often the version's data too.
    expect(data.id).toBe('rec-1');
  });

  it('keeps a value that differs from its column, and reads text written whole as it is', () => {
    const data = { id: 'rec-1', posyanduId: 'another', hlc: '001600000000000:00001:dev-1' };
    const text = leanDataText(data, columns);
    expect(JSON.parse(text)).toEqual({ id: 0, posyanduId: 'another', hlc: data.hlc });
    expect(dataOfLeanText(text, columns)).toEqual(data);
    expect(dataOfLeanText(JSON.stringify(data), columns)).toEqual(data);
    expect(leanDataText({ name: 'x' }, columns)).toBe('{"name":"x"}');
  });
});

describe('records and versions stored lean on SQLite, read back whole by every reader', () => {
  let server: TestServer;
  let file: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    file = join(server.database.dataDir, 'posyandu.sqlite');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const push = (device: TestDevice, changes: Change[], batchId?: string) =>
    pushToService(server, device, changes, batchId);

  function raw<T>(read: (db: Database.Database) => T): T {
    const db = new Database(file);
    try {
      return read(db);
    } finally {
      db.close();
    }
  }

  it('writes neither id, posyanduId nor hlc twice, and gives back each record and version as sent', async () => {
    const device = await enrollDevice(server);
    // Stamped by the phone itself, as phones do: each stamp is kept as it came, so the text leaves it out.
    const home = household(device, { hlc: hlcAt(0, device.deviceId) });
    const mother = person(device, String(home.id), { hlc: hlcAt(1, device.deviceId) });
    const weighing = measurement(device, String(mother.id), { hlc: hlcAt(0, device.deviceId) });
    const answer = await push(device, [
      change('households', home),
      change('persons', mother),
      change('measurements', weighing),
    ]);
    expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const texts = raw((db) =>
      db
        .prepare<[string, string], { data: string }>(
          `SELECT data FROM records WHERE posyandu_id = ? UNION ALL
           SELECT data FROM record_versions WHERE posyandu_id = ? AND data IS NOT NULL`,
        )
        .all(device.posyanduId, device.posyanduId)
        .map((r) => r.data),
    );
    // Three records and the two mutable records' versions (the event's version has no copy, migration 0012).
    expect(texts).toHaveLength(5);
    for (const text of texts) {
      expect(text).not.toContain(device.posyanduId);
      expect(JSON.parse(text)).toMatchObject({ id: 0, posyanduId: 0, hlc: 0 });
    }

    const pulled = await server.store.listRecordsAfter(device.posyanduId, 0, 100);
    const byId = new Map(pulled.map((r) => [r.id, r.data]));
    for (const sent of [home, mother, weighing]) expect(byId.get(String(sent.id))).toEqual(sent);
    // An event's record is the object sent: the same text, key order included (a merged record takes the schema's).
    expect(JSON.stringify(byId.get(String(weighing.id)))).toBe(JSON.stringify(weighing));

    const staffDb = new Database(file);
    const relay = openSqliteRelayStore(file);
    try {
      const staff = sqliteStaffStore(staffDb, (work) => Promise.resolve(work()));
      const forwarded = relay.versionsAfter(device.posyanduId, 0, 1000);
      for (const [table, sent] of [
        ['persons', mother],
        ['measurements', weighing],
      ] as const) {
        const id = String(sent.id);
        expect((await server.store.listVersions(table, id)).map((v) => v.data)).toEqual([sent]);
        expect((await staff.listVersions(table, id)).map((v) => v.data)).toEqual([sent]);
        expect(forwarded.filter((v) => v.recordId === id).map((v) => v.data)).toEqual([sent]);
      }
    } finally {
      relay.close();
      staffDb.close();
    }
  });

  it('reads a record and a version written whole, as every row was before, unchanged; an edit then merges', async () => {
    const device = await enrollDevice(server);
    const home = household(device);
    await push(device, [change('households', home)]);
    const id = String(home.id);
    // What an older server wrote: the whole JSON in both tables.
    raw((db) => {
      db.prepare('UPDATE records SET data = ? WHERE id = ?').run(JSON.stringify(home), id);
      db.prepare('UPDATE record_versions SET data = ? WHERE record_id = ?').run(JSON.stringify(home), id);
    });
    const [before] = await server.store.listRecordsAfter(device.posyanduId, 0, 10);
    expect(before?.data).toEqual(home);
    expect((await server.store.listVersions('households', id)).map((v) => v.data)).toEqual([home]);

    const edited = { ...home, headName: 'Sri Wahyuni', hlc: hlcAt(60_000, device.deviceId) };
    const answer = await push(device, [change('households', edited, { fields: ['headName'] })]);
    expect(answer.results.map((r) => r.status)).toEqual(['applied']);
    const [after] = await server.store.listRecordsAfter(device.posyanduId, 0, 10);
    expect(after?.data).toMatchObject({ id, posyanduId: device.posyanduId, headName: 'Sri Wahyuni' });
    expect(after?.data.hlc).toBe(after?.hlc);
  });
});
