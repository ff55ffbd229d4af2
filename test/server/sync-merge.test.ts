import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, hlcAt, household, person } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

describe.each(STORE_KINDS)('field-level merge on %s', (kind) => {
  let server: TestServer;
  let phoneA: TestDevice;
  let phoneB: TestDevice;
  let a: SyncClient;
  let b: SyncClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    phoneA = await enrollDevice(server);
    phoneB = await enrollDevice(server, phoneA.posyanduId);
    a = new SyncClient(server.url, phoneA);
    b = new SyncClient(server.url, phoneB);
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function current(table: string, id: unknown) {
    return (await a.pullAll()).find((c) => c.table === table && c.record.id === id);
  }

  it('keeps both fields when two phones edit different fields', async () => {
    const h = household(phoneA, { hlc: hlcAt(0, 'a') });
    const p = person(phoneA, String(h.id), { hlc: hlcAt(0, 'a') });
    await a.push([change('households', h), change('persons', p)]);
    await a.push([change('persons', { ...p, phone: '081234567890', hlc: hlcAt(1000, 'a') }, { fields: ['phone'] })]);
    await b.push([
      change('persons', { ...p, name: 'Siti Aminah Rahayu', hlc: hlcAt(2000, 'b') }, { fields: ['name'] }),
    ]);
    const merged = await current('persons', p.id);
    expect(merged?.record).toMatchObject({ name: 'Siti Aminah Rahayu', phone: '081234567890' });
    // The stamp's node is the device that sent it, whatever the phone wrote there.
    expect(merged?.hlc).toBe(hlcAt(2000, phoneB.deviceId));
  });

  it('lets the later HLC win per field, whatever order the edits arrive in', async () => {
    const h = household(phoneA, { hlc: hlcAt(0, 'a') });
    await a.push([change('households', h)]);
    // B edited later (by HLC) but syncs first; A's older edit arrives afterwards and loses that field only.
    await b.push([
      change('households', { ...h, headName: 'Later Name', hlc: hlcAt(5000, 'b') }, { fields: ['headName'] }),
    ]);
    const older = await a.push([
      change(
        'households',
        { ...h, headName: 'Older Name', familyCardNumber: '3302011203150099', hlc: hlcAt(3000, 'a') },
        { fields: ['headName', 'familyCardNumber'] },
      ),
    ]);
    expect(older.results[0]?.status).toBe('applied');
    const merged = await current('households', h.id);
    expect(merged?.record).toMatchObject({ headName: 'Later Name', familyCardNumber: '3302011203150099' });
    // Every version is kept, the losing one included.
    expect(await server.store.countVersions('households', String(h.id))).toBe(3);
  });

  it('a full upsert without fields claims every field, and a field it leaves out is cleared', async () => {
    const h = household(phoneA, { hlc: hlcAt(0, 'a') });
    const p = person(phoneA, String(h.id), { hlc: hlcAt(0, 'a'), phone: '081234567890' });
    await a.push([change('households', h), change('persons', p)]);
    const { phone: _dropped, ...withoutPhone } = p;
    await b.push([change('persons', { ...withoutPhone, name: 'Siti A.', hlc: hlcAt(100, 'b') })]);
    const merged = await current('persons', p.id);
    expect(merged?.record.name).toBe('Siti A.');
    expect(merged?.record).not.toHaveProperty('phone');
  });

  it('a clock within the allowance keeps its lead over an older edit, field by field', async () => {
    const h = household(phoneA, { hlc: hlcAt(0, 'a') });
    await a.push([change('households', h)]);
    await b.push([change('households', { ...h, headName: 'Later', hlc: hlcAt(20_000, 'b') })]);
    await a.push([
      change('households', { ...h, headName: 'Stale', hlc: hlcAt(10_000, 'a') }, { fields: ['headName'] }),
    ]);
    expect((await current('households', h.id))?.record.headName).toBe('Later');
  });

  it('a delete is a tombstone that pulls as op delete, and an older edit does not revive it', async () => {
    const h = household(phoneA, { hlc: hlcAt(0, 'a') });
    const p = person(phoneA, String(h.id), { hlc: hlcAt(0, 'a') });
    await a.push([change('households', h), change('persons', p)]);
    const del = await a.push([
      change('persons', { ...p, hlc: hlcAt(2000, 'a'), deletedAt: '2026-03-01T09:00:00.000Z' }, { op: 'delete' }),
    ]);
    expect(del.results[0]?.status).toBe('applied');
    await b.push([change('persons', { ...p, name: 'Edited offline', hlc: hlcAt(1000, 'b') })]);
    let merged = await current('persons', p.id);
    expect(merged?.op).toBe('delete');
    expect(merged?.record.deletedAt).toBe('2026-03-01T09:00:00.000Z');
    // A later full edit by a phone that never saw the delete changes fields but leaves the tombstone in place.
    await b.push([change('persons', { ...p, name: 'Edited later', hlc: hlcAt(3000, 'b') })]);
    merged = await current('persons', p.id);
    expect(merged).toMatchObject({ op: 'delete', record: { name: 'Edited later' } });
    // Lifting a tombstone takes a change that names deletedAt.
    await b.push([change('persons', { ...p, hlc: hlcAt(4000, 'b') }, { fields: ['deletedAt'] })]);
    merged = await current('persons', p.id);
    expect(merged?.op).toBe('upsert');
    expect(merged?.record).not.toHaveProperty('deletedAt');
  });

  it('a delete that arrives before the record keeps the tombstone and takes the record when it comes', async () => {
    const h = household(phoneA, { hlc: hlcAt(0, 'a') });
    await b.push([
      change('households', { ...h, hlc: hlcAt(5000, 'b'), deletedAt: '2026-03-02T00:00:00.000Z' }, { op: 'delete' }),
    ]);
    await a.push([change('households', h)]);
    const merged = await current('households', h.id);
    expect(merged).toMatchObject({
      op: 'delete',
      record: { headName: h.headName, deletedAt: '2026-03-02T00:00:00.000Z' },
    });
  });

  it('rejects fields naming something the table does not have', async () => {
    const h = household(phoneA);
    await a.push([change('households', h)]);
    const { results } = await a.push([change('households', { ...h, hlc: hlcAt(9000) }, { fields: ['shoeSize'] })]);
    expect(results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid-record' } });
  });
});
