import { Dexie } from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealRow } from '../../src/storage/crypto-middleware.ts';
import { PosyanduDb, type LegacyOutboxRow, type OutboxEntry } from '../../src/storage/db.ts';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { wireChange } from '../../src/storage/outbox-wire.ts';
import { familyMembers, householdInput, uniqueDbName } from '../storage/fixtures.ts';
import { testPhone } from './support/client.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';

// A phone that queued changes under version 1 of the local schema (the outbox row holding the change as an
// object, four indexes) opens with the current code: nothing queued is lost, reordered or sent twice.

/** The stores of version 1 exactly as that app declared them. */
const V1_STORES = {
  households: 'id, familyCardNumber',
  persons: 'id, householdId, motherId, nik, *_search',
  measurements: 'id, personId, date',
  immunizations: 'id, personId, date',
  services: 'id, personId, date',
  pregnancies: 'id, personId',
  visits: 'id, personId, date',
  screenings: 'id, personId, date',
  referrals: 'id, personId, date',
  outbox: '++seq, [state+seq], recordId, changeId, batchId',
  meta: 'key',
};

const PIN = '246813';
const EVENTS = 40;

let server: SyncTestServer;

beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A phone's queue made with today's code, one entry rejected; returns its database and the queued record ids. */
async function queuedPhone(pin: string | null) {
  const db = new PosyanduDb(uniqueDbName('v1-source'));
  const storage = openStorage({ db });
  await storage.saveEnrollment(await server.newDevice());
  if (pin) await storage.setFirstPin(pin);
  const { household, members } = await storage.saveHouseholdWithMembers({
    household: householdInput(),
    members: familyMembers(),
  });
  const ids = [household.id, ...members.map((m) => m.id)];
  for (let i = 0; i < EVENTS; i++) {
    const event = await storage.recordEvent('measurements', {
      personId: members[2]!.id,
      date: '2026-01-05',
      weightKg: 8 + i / 100,
    });
    ids.push(event.id);
  }
  const queue = (await storage.takeBatch(1000, Number.MAX_SAFE_INTEGER))!;
  await storage.releaseBatch(queue.batchId);
  // One entry the server once refused: it must stay rejected, with its reason, after the upgrade.
  const refused = queue.entries[10]!;
  await storage.rejectLocally(refused.seq!, { code: 'invalid-record', message: 'ditolak dulu' });
  return { db, storage, ids, queue: queue.entries, refusedId: refused.recordId };
}

/** The row version 1 stored for an entry: the change as an object, sealed as a whole when a PIN is set. */
async function legacyRow(db: PosyanduDb, stored: Record<string, unknown>): Promise<unknown> {
  const sealed = stored._e !== undefined;
  const entry = (sealed ? await db.vault.open(new Uint8Array(stored._e as ArrayBuffer)) : stored) as OutboxEntry;
  const { wire: _wire, hlc: _hlc, ...rest } = entry;
  const { record, fields } = wireChange(entry);
  const row: LegacyOutboxRow = { ...rest, seq: stored.seq as number, record, ...(fields ? { fields } : {}) };
  return sealed ? sealRow(db.vault, 'outbox', row as unknown as Record<string, unknown>) : row;
}

/** Copies a phone's database into a new one declared at version 1, its outbox rows in version 1's form. */
async function asVersionOne(source: PosyanduDb): Promise<string> {
  const name = uniqueDbName('v1');
  const raw = new Dexie(source.name);
  await raw.open();
  const target = new Dexie(name);
  target.version(1).stores(V1_STORES);
  await target.open();
  for (const table of raw.tables) {
    const rows = (await table.toArray()) as Record<string, unknown>[];
    const stored = table.name === 'outbox' ? await Promise.all(rows.map((row) => legacyRow(source, row))) : rows;
    if (table.name === 'outbox') expect(stored.some((row) => 'wire' in (row as object))).toBe(false);
    await target.table(table.name).bulkPut(stored);
  }
  raw.close();
  target.close();
  return name;
}

async function pushAll(name: string, pin: string | null, storageOf: (storage: Storage) => void) {
  const phone = await testPhone(server.server.url, null, { name });
  storageOf(phone.storage);
  if (pin) expect((await phone.storage.unlock(pin)).ok).toBe(true);
  return phone;
}

describe('an outbox queued under schema version 1', () => {
  for (const pin of [null, PIN]) {
    it(`is pushed whole, once, in order, rejected entry kept (${pin ? 'sealed with a PIN' : 'no PIN'})`, async () => {
      const source = await queuedPhone(pin);
      const name = await asVersionOne(source.db);
      source.storage.close();

      let storage: Storage | null = null;
      const phone = await pushAll(name, pin, (s) => (storage = s));
      // The same entries, same seqs, same order, same wire text, before anything is sent.
      const again = (await storage!.takeBatch(1000, Number.MAX_SAFE_INTEGER))!;
      await storage!.releaseBatch(again.batchId);
      const pendingBefore = source.queue.filter((entry) => entry.recordId !== source.refusedId);
      expect(again.entries.map((e) => [e.seq, e.changeId, e.wire, e.bytes])).toEqual(
        pendingBefore.map((e) => [e.seq, e.changeId, e.wire, e.bytes]),
      );

      await phone.engine.syncNow();
      expect(phone.engine.getStatus().lastError).toBeNull();
      expect(await storage!.syncCounts()).toEqual({ pending: 0, rejected: 1 });
      const [rejected] = await storage!.listRejected();
      expect(rejected).toMatchObject({ recordId: source.refusedId, error: { message: 'ditolak dulu' } });
      expect(rejected!.record.id).toBe(source.refusedId);

      const onServer = new Map((await server.records()).map((r) => [r.id, r]));
      for (const id of source.ids) {
        if (id === source.refusedId) continue;
        expect(onServer.has(id), `${id} on the server`).toBe(true);
        expect(await server.versions(onServer.get(id)!.table, id), `${id} versions`).toBe(1);
      }
      expect(onServer.has(source.refusedId)).toBe(false);

      // Version 2 keeps only the indexes something queries.
      const raw = new Dexie(name);
      await raw.open();
      expect(raw.table('outbox').schema.indexes.map((index) => index.name)).toEqual(['[state+seq]', 'recordId']);
      raw.close();
      storage!.close();
    }, 60_000);
  }
});
