import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createDevice, createPosyandu, type CreatedDevice } from '../../server/src/services/devices.ts';
import { startServer, type RunningServer } from '../../server/src/start-server.ts';
import { launchPhone, type PhoneBrowser } from './browser.ts';
import { buildApp } from './build-app.ts';

/** What a browser test needs: the built app served by the real server, a posyandu with one kader's phone. */
export interface PosyanduRig {
  server: RunningServer;
  /** The server's data directory (its SQLite file and the puskesmas recovery key). */
  dataDir: string;
  posyanduId: string;
  device: CreatedDevice;
  phone: PhoneBrowser;
  page: Page;
  /** Where the built app lies on disk, as the server serves it. */
  appDir: string;
  /** Builds the app again, as version `version`, where the server serves it: an update reaches the phone. */
  publishUpdate(version: string): Promise<void>;
  close(): Promise<void>;
}

export async function startPosyanduRig(posyanduName: string, kaderName: string): Promise<PosyanduRig> {
  const appDir = await buildApp();
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-e2e-data-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir: appDir, demoData: false });
  const posyanduId = await createPosyandu(server.store, posyanduName);
  const device = await createDevice(server.store, { posyanduId, kaderName });
  const phone = await launchPhone();
  return {
    server,
    dataDir,
    posyanduId,
    device,
    phone,
    page: phone.page,
    appDir,
    async publishUpdate(version: string) {
      await buildApp(appDir, version);
    },
    async close() {
      await phone.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(appDir, { recursive: true, force: true });
    },
  };
}
