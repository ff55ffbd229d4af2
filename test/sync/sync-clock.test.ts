import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHlc } from '../../protocol/index.ts';
import { familyMembers, householdInput } from '../storage/fixtures.ts';
import { faultyFetch, testPhone } from './support/client.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';

const YEAR_MS = 365 * 24 * 3600 * 1000;
const TEN_MINUTES = 10 * 60 * 1000;

let server: SyncTestServer;

beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('a phone clock a year off', () => {
  it('its records sync, its stamps are corrected, and a later edit from a correct phone wins', async () => {
    const wrong = await testPhone(server.server.url, await server.newDevice('Jam salah'), {
      now: () => Date.now() + YEAR_MS,
    });
    const right = await testPhone(server.server.url, await server.newDevice('Jam benar'));

    // Offline, never synced: the wrong phone stamps a year ahead, and edits its own record a year ahead too.
    const { household, members } = await wrong.storage.saveHouseholdWithMembers({
      household: householdInput(),
      members: familyMembers(),
    });
    const siti = members[1]!;
    const offlineEdit = await wrong.storage.updatePerson(siti.id, { phone: '081200000001' });
    expect(parseHlc(offlineEdit.hlc).wallMs).toBeGreaterThan(Date.now() + YEAR_MS - TEN_MINUTES);

    await wrong.engine.syncNow();
    expect(wrong.engine.getStatus()).toMatchObject({ pending: 0, rejected: 0, lastError: null });
    // The pull before the push taught it the offset; the far-ahead stamps were re-stamped before leaving.
    for (const record of await server.records()) {
      if (![household.id, ...members.map((m) => m.id)].includes(record.id)) continue;
      expect(Math.abs(parseHlc(record.hlc).wallMs - Date.now())).toBeLessThan(TEN_MINUTES);
    }
    // Its local copy carries the corrected stamp too, so its next edit is not a year ahead either.
    const corrected = await wrong.storage.updatePerson(siti.id, { birthPlace: 'Ciamis' });
    expect(Math.abs(parseHlc(corrected.hlc).wallMs - Date.now())).toBeLessThan(TEN_MINUTES);
    await wrong.engine.syncNow();

    // The correct phone edits the same field later: its edit wins, on the server and back on the wrong phone.
    await right.engine.syncNow();
    await right.storage.updatePerson(siti.id, { phone: '081200000002' });
    await right.engine.syncNow();
    await wrong.engine.syncNow();
    expect(await wrong.storage.getPerson(siti.id)).toMatchObject({ phone: '081200000002', birthPlace: 'Ciamis' });
    expect((await server.records()).find((r) => r.id === siti.id)?.data).toMatchObject({
      phone: '081200000002',
      birthPlace: 'Ciamis',
    });

    // And the wrong phone's next edit, after the correct one, wins in turn: corrected time orders them.
    await wrong.storage.updatePerson(siti.id, { phone: '081200000003' });
    await wrong.engine.syncNow();
    await right.engine.syncNow();
    expect((await right.storage.getPerson(siti.id))?.phone).toBe('081200000003');
  });

  it('a year ahead, one change a batch: the batches taken to follow one on the wire are re-stamped too', async () => {
    // Only the first batch is taken by takeBatch; the rest by takeFollowing, whose transaction holds the record
    // tables only when a re-stamp needs them. Every stamp that leaves the phone must be corrected (the server's
    // own guard would hide a far-ahead one from server.records(), so the bodies are read as sent).
    const sent: { recordId: string; hlc: string }[] = [];
    const fetch = faultyFetch(async (url, init, forward) => {
      if (url.includes('/sync/push') && typeof init?.body === 'string') {
        const body = JSON.parse(init.body) as { changes: { record: { id: string; hlc: string } }[] };
        for (const change of body.changes) sent.push({ recordId: change.record.id, hlc: change.record.hlc });
      }
      return forward();
    });
    const wrong = await testPhone(server.server.url, await server.newDevice('Jam salah, batch kecil'), {
      now: () => Date.now() + YEAR_MS,
      maxBatchCount: 1,
      fetch,
    });
    const { household, members } = await wrong.storage.saveHouseholdWithMembers({
      household: householdInput(),
      members: familyMembers(),
    });
    const ids = [household.id, ...members.map((m) => m.id)];
    expect(ids.length).toBeGreaterThanOrEqual(4);

    await wrong.engine.syncNow();
    expect(wrong.engine.getStatus()).toMatchObject({ pending: 0, rejected: 0, lastError: null });
    expect(sent.map((change) => change.recordId).sort()).toEqual([...ids].sort());
    for (const change of sent) expect(Math.abs(parseHlc(change.hlc).wallMs - Date.now())).toBeLessThan(TEN_MINUTES);
    expect((await server.records()).filter((record) => ids.includes(record.id))).toHaveLength(ids.length);
  });

  it('a clock a year behind: records still sync, and an edit on top of a newer version still wins', async () => {
    const behind = await testPhone(server.server.url, await server.newDevice('Jam mundur'), {
      now: () => Date.now() - YEAR_MS,
    });
    const right = await testPhone(server.server.url, await server.newDevice('Jam benar 2'));
    const { members } = await right.storage.saveHouseholdWithMembers({
      household: householdInput(),
      members: familyMembers(),
    });
    await right.storage.updatePerson(members[0]!.id, { phone: '081300000001' });
    await right.engine.syncNow();
    await behind.engine.syncNow();
    await behind.storage.updatePerson(members[0]!.id, { phone: '081300000002' });
    await behind.engine.syncNow();
    await right.engine.syncNow();
    expect((await right.storage.getPerson(members[0]!.id))?.phone).toBe('081300000002');
  });
});
