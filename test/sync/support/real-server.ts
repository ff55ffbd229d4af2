import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Enrollment } from '../../../protocol/index.ts';
import { createDevice, createPosyandu } from '../../../server/src/services/devices.ts';
import { startServer, type RunningServer } from '../../../server/src/start-server.ts';
import type { StoredRecord } from '../../../server/src/db/store.ts';

export interface SyncTestServer {
  server: RunningServer;
  dataDir: string;
  posyanduId: string;
  /** Enrolls one more phone of the same posyandu. */
  newDevice(kaderName?: string): Promise<Enrollment>;
  /** Every record of the posyandu as the server holds it. */
  records(): Promise<StoredRecord[]>;
  /** How many versions the server kept of a record: an applied-twice change would show as 2. */
  versions(table: string, id: string): Promise<number>;
  stop(): Promise<void>;
}

/** The real server code, in-process, on a free loopback port, with SQLite in a fresh temp folder. */
export async function startSyncTestServer(dataDir?: string): Promise<SyncTestServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'posyandu-sync-test-'));
  const server = await startServer({ port: 0, dataDir: dir, staticDir: null, demoData: false });
  const posyanduId = await createPosyandu(server.store, 'Posyandu Uji Sinkron');
  return wrap(server, dir, posyanduId, dataDir === undefined);
}

export async function reopenSyncTestServer(dataDir: string, posyanduId: string): Promise<SyncTestServer> {
  const server = await startServer({ port: 0, dataDir, staticDir: null, demoData: false });
  return wrap(server, dataDir, posyanduId, true);
}

function wrap(server: RunningServer, dataDir: string, posyanduId: string, owner: boolean): SyncTestServer {
  return {
    server,
    dataDir,
    posyanduId,
    async newDevice(kaderName = 'Kader Uji') {
      return (await createDevice(server.store, { posyanduId, kaderName })).enrollment;
    },
    records: () => server.store.listRecordsAfter(posyanduId, 0, 1_000_000),
    versions: (table, id) => server.store.countVersions(table, id),
    async stop() {
      await server.close();
      if (owner) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
