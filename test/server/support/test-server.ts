import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { PROTOCOL_VERSION, type Change, type PushResponse } from '../../../protocol/index.ts';
import { applyBatch } from '../../../server/src/services/apply-batch.ts';
import { createDevice, createPosyandu } from '../../../server/src/services/devices.ts';
import { createEnrollmentCode, redeemEnrollmentCode } from '../../../server/src/services/enrollment-codes.ts';
import { startServer, type RunningServer, type StartServerOptions } from '../../../server/src/start-server.ts';
import { createDatabase } from '../../setup/postgres.ts';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  databaseUrl?: string;
  dataDir: string;
  cleanup(): void;
}

/** A fresh database of the given kind: a temp SQLite folder, or a new database in the run's PostgreSQL. */
export async function freshDatabase(kind: StoreKind): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-server-test-'));
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'sqlite') return { dataDir, cleanup };
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) throw new Error(`PostgreSQL is not available: ${inject('postgresError')}`);
  return { databaseUrl: await createDatabase(adminUrl), dataDir, cleanup };
}

export interface TestServer extends RunningServer {
  database: TestDatabase;
  stop(): Promise<void>;
}

export async function startTestServer(kind: StoreKind, options: StartServerOptions = {}): Promise<TestServer> {
  const database = await freshDatabase(kind);
  const server = await startServer({
    ...options,
    port: 0,
    databaseUrl: database.databaseUrl,
    dataDir: database.dataDir,
    staticDir: null,
  });
  return {
    ...server,
    database,
    async stop() {
      await server.close();
      database.cleanup();
    },
  };
}

export interface TestDevice {
  posyanduId: string;
  deviceId: string;
  kaderId: string;
  token: string;
}

export async function enrollDevice(server: RunningServer, posyanduId?: string): Promise<TestDevice> {
  const id = posyanduId ?? (await createPosyandu(server.store, 'Posyandu Uji'));
  const device = await createDevice(server.store, { posyanduId: id, kaderName: 'Kader Uji' });
  return { posyanduId: id, deviceId: device.deviceId, kaderId: device.enrollment.kaderId, token: device.token };
}

/** A device made by exchanging a one-time code: bound to one phone, so its pulls leave its own writes out. */
export async function enrollSinglePhone(server: RunningServer, posyanduId?: string): Promise<TestDevice> {
  const id = posyanduId ?? (await createPosyandu(server.store, 'Posyandu Uji'));
  const { enrollmentCode } = await createEnrollmentCode(server.store, { posyanduId: id, kaderName: 'Kader Uji' });
  const enrollment = await redeemEnrollmentCode(server.store, enrollmentCode);
  if (!enrollment) throw new Error('fresh code refused');
  return { posyanduId: id, deviceId: enrollment.deviceId, kaderId: enrollment.kaderId, token: enrollment.token };
}

/** One push straight into the service (no HTTP), as the route would hand it over: the tests of the store's writes. */
export function pushToService(
  server: RunningServer,
  device: TestDevice,
  changes: Change[],
  batchId: string = randomUUID(),
): Promise<PushResponse> {
  return applyBatch(server.store, device, {
    protocolVersion: PROTOCOL_VERSION,
    deviceId: device.deviceId,
    batchId,
    changes,
  });
}
