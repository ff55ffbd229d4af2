import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, hlcAt, household } from './support/records.ts';
import { enrollDevice, pushToService, startTestServer, type TestServer } from './support/test-server.ts';

/**
 * PostgreSQL's push writes a record's per-field stamps grouped by stamp (server/src/db/field-stamps.ts, as SQLite
 * does), not field by field; every reader gets the same map back, and a row written field by field before reads
 * as it was (docs/postgres-storage.md). The merge depends on those stamps: a later push's older edit must lose.
 */
describe('PostgreSQL keeps a record field stamps grouped by stamp', () => {
  let server: TestServer;
  let sql: pg.Client;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    sql = new pg.Client({ connectionString: server.database.databaseUrl });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await server?.stop();
  });

  const stampsColumn = async (id: string) =>
    (await sql.query<{ stamps: string }>('SELECT field_hlc::text AS stamps FROM records WHERE id = $1', [id])).rows[0]
      ?.stamps;

  it('stores each stamp once and merges with the stamps it reads back', async () => {
    const device = await enrollDevice(server);
    const at = (ms: number) => hlcAt(ms, device.deviceId);
    const created = household(device, { hlc: at(0) });
    const id = String(created.id);
    await pushToService(server, device, [change('households', created)]);
    const fields = ['familyCardNumber', 'headName', 'address', 'pisPk'];
    const stamps = JSON.parse((await stampsColumn(id)) ?? 'null') as Record<string, string[]>;
    expect(Object.keys(stamps)).toEqual([at(0)]);
    expect(stamps[at(0)]).toEqual(expect.arrayContaining(fields));

    // An edit of one field at a later stamp, then an older edit of the same field, sent later: it must lose.
    const later = { ...created, headName: 'Siti Aminah', hlc: at(60_000) };
    await pushToService(server, device, [change('households', later, { fields: ['headName'] })]);
    const older = { ...created, headName: 'Ahmad Saputra', hlc: at(30_000) };
    await pushToService(server, device, [change('households', older, { fields: ['headName'] })]);

    const [row] = await server.store.listRecordsAfter(device.posyanduId, 0, 10);
    expect(row?.data.headName).toBe('Siti Aminah');
    expect(row?.fieldHlc.headName).toBe(at(60_000));
    for (const field of fields.filter((f) => f !== 'headName')) expect(row?.fieldHlc[field]).toBe(at(0));
    const grouped = JSON.parse((await stampsColumn(id)) ?? 'null') as Record<string, string[]>;
    expect(grouped[at(60_000)]).toEqual(['headName']);
  });

  it('reads a row written field by field (before the grouping) as it was, and merges with it', async () => {
    const device = await enrollDevice(server);
    const at = (ms: number) => hlcAt(ms, device.deviceId);
    const created = household(device, { hlc: at(0) });
    const id = String(created.id);
    await pushToService(server, device, [change('households', created)]);
    const fieldByField = { familyCardNumber: at(0), headName: at(90_000), address: at(0), pisPk: at(0) };
    await sql.query('UPDATE records SET field_hlc = $2::json WHERE id = $1', [id, JSON.stringify(fieldByField)]);

    const [before] = await server.store.listRecordsAfter(device.posyanduId, 0, 10);
    expect(before?.fieldHlc).toEqual(fieldByField);
    // headName's stamp in the old row is later than this edit's: the edit loses, so the read decoded it.
    const edit = { ...created, headName: 'Siti Aminah', hlc: at(60_000) };
    await pushToService(server, device, [change('households', edit, { fields: ['headName'] })]);
    const [after] = await server.store.listRecordsAfter(device.posyanduId, 0, 10);
    expect(after?.data.headName).toBe('Budi Santoso');
    expect(after?.fieldHlc).toEqual(fieldByField);
  });
});
