import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Change } from '../../protocol/index.ts';
import { openSqliteRelayStore } from '../../server/src/db/sqlite-relay-store.ts';
import { sqliteStaffStore } from '../../server/src/db/sqlite-staff-store.ts';
import { createDevice } from '../../server/src/services/devices.ts';
import { startServer, type RunningServer } from '../../server/src/start-server.ts';
import { change, hlcAt, household, measurement, newId, person } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import {
  enrollDevice,
  pushToService,
  startTestServer,
  type TestDevice,
  type TestServer,
} from './support/test-server.ts';

/**
 * Migration 0012 on SQLite: an event's version keeps no second copy of its record's data, and record_versions
 * (unique by device and change id) is the log of applied changes. Every reader still gets each version whole.
 */
describe('lean record_versions on SQLite (migration 0012)', () => {
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

  function rawData(recordId: string): (string | null)[] {
    const db = new Database(file, { readonly: true });
    try {
      return db
        .prepare<[string], { data: string | null }>('SELECT data FROM record_versions WHERE record_id = ?')
        .all(recordId)
        .map((r) => r.data);
    } finally {
      db.close();
    }
  }

  it('stores an event version without data and reads it back whole through every reader', async () => {
    const device = await enrollDevice(server);
    const home = household(device);
    const mother = person(device, String(home.id));
    // Stamped by the phone itself, as phones do: the stamp is kept as it came.
    const weighing = measurement(device, String(mother.id), { hlc: hlcAt(0, device.deviceId) });
    const changes = [change('households', home), change('persons', mother), change('measurements', weighing)];
    const answer = await push(device, changes);
    expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const weighingId = String(weighing.id);
    expect(rawData(weighingId)).toEqual([null]);
    // A mutable record's version is what the phone sent, which its merged record is not: it keeps its copy.
    expect(rawData(String(mother.id))).toHaveLength(1);
    expect(rawData(String(mother.id))[0]).not.toBeNull();

    const [stored] = await server.store.listVersions('measurements', weighingId);
    expect(stored?.data).toEqual(weighing);
    expect(stored?.changeId).toBe(changes[2]?.changeId);

    // The staff history's reader, on a connection of its own.
    const db = new Database(file);
    try {
      const staff = sqliteStaffStore(db, (work) => Promise.resolve(work()));
      const history = await staff.listVersions('measurements', weighingId);
      expect(history.map((v) => v.data)).toEqual([weighing]);
    } finally {
      db.close();
    }

    // The relay's forwarder reads the same table to send versions upstream.
    const relay = openSqliteRelayStore(file);
    try {
      const forwarded = relay.versionsAfter(device.posyanduId, 0, 1000).filter((v) => v.recordId === weighingId);
      expect(forwarded.map((v) => v.data)).toEqual([weighing]);
    } finally {
      relay.close();
    }
  });

  it('keeps the copy of an event whose content differs from its record', async () => {
    const device = await enrollDevice(server);
    // The phone claims another kader: the record keeps the proven one, the version what the phone said.
    const claimed = measurement(device, newId(), {
      recordedBy: { kaderId: 'someone-else', deviceId: device.deviceId },
    });
    await push(device, [change('measurements', claimed)]);
    const id = String(claimed.id);
    expect(rawData(id)[0]).not.toBeNull();
    const [stored] = await server.store.listVersions('measurements', id);
    expect(stored?.data).toEqual(claimed);
  });

  it('finds changes applied before in record_versions: sent again in a new batch they are duplicates', async () => {
    const device = await enrollDevice(server);
    const changes = [change('households', household(device)), change('measurements', measurement(device, newId()))];
    expect((await push(device, changes)).results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await push(device, changes)).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    const db = new Database(file, { readonly: true });
    try {
      const tables = db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'applied_changes'",
        )
        .all();
      expect(tables).toEqual([]);
      // The unique key refuses a second row of one change, whatever the services do.
      const row = db.prepare('SELECT * FROM record_versions WHERE change_id = ?').get(changes[0]?.changeId);
      expect(row).toBeDefined();
    } finally {
      db.close();
    }
    const write = new Database(file);
    try {
      expect(() =>
        write
          .prepare(
            `INSERT INTO record_versions (table_name, record_id, posyandu_id, device_id, change_id, batch_id, op, hlc,
               data, fields, received_at) SELECT table_name, record_id, posyandu_id, device_id, change_id, 'again', op,
               hlc, data, fields, received_at FROM record_versions WHERE change_id = ?`,
          )
          .run(changes[0]?.changeId),
      ).toThrow(/UNIQUE/);
    } finally {
      write.close();
    }
  });
});

describe('an event forwarded by a pustu relay with its version stored lean at both ends', () => {
  it('arrives at the puskesmas whole, as the phone sent it', async () => {
    const puskesmas = await startTestServer('sqlite');
    const relayDir = mkdtempSync(join(tmpdir(), 'posyandu-relay-lean-'));
    let relay: RunningServer | null = null;
    try {
      const phone = await enrollDevice(puskesmas);
      const credential = await createDevice(puskesmas.store, {
        posyanduId: phone.posyanduId,
        kaderName: 'Pustu Uji',
        relay: true,
      });
      relay = await startServer({
        port: 0,
        dataDir: relayDir,
        staticDir: null,
        relay: { upstream: puskesmas.url, token: credential.token, intervalMs: 100 },
      });
      const relayUrl = relay.url;
      await until(async () => {
        const r = await fetch(`${relayUrl}/api/v1/device`, { headers: { Authorization: `Bearer ${phone.token}` } });
        return r.status === 200;
      });
      const weighing = measurement(phone, newId(), { hlc: hlcAt(0, phone.deviceId) });
      const answer = await new SyncClient(relayUrl, phone).push([change('measurements', weighing)]);
      expect(answer.results.map((r) => r.status)).toEqual(['applied']);
      const id = String(weighing.id);

      const atPuskesmas = await until(async () => {
        const versions = await puskesmas.store.listVersions('measurements', id);
        return versions.length > 0 ? versions : null;
      });
      expect(atPuskesmas.map((v) => v.data)).toEqual([weighing]);
      expect(atPuskesmas.map((v) => v.deviceId)).toEqual([phone.deviceId]);
      for (const file of [join(relayDir, 'posyandu.sqlite'), join(puskesmas.database.dataDir, 'posyandu.sqlite')]) {
        const db = new Database(file, { readonly: true });
        try {
          const rows = db.prepare('SELECT data FROM record_versions WHERE record_id = ?').all(id);
          expect(rows).toEqual([{ data: null }]);
        } finally {
          db.close();
        }
      }
    } finally {
      await relay?.close();
      await puskesmas.stop();
      rmSync(relayDir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Polls until `check` gives something truthy (20 s at most). */
async function until<T>(check: () => Promise<T | null | false>): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
