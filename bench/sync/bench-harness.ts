// What every contestant of bench:sync shares: the record count, the bench pages, our server on a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Enrollment } from '../../protocol/index.ts';
import { startServer, type RunningServer } from '../../server/src/start-server.ts';
import type { PhoneBrowser } from '../../test/e2e/browser.ts';

export const RECORDS = 10_000;

export interface Device {
  posyanduId: string;
  deviceId: string;
  token: string;
  enrollment: Enrollment;
}

export async function openBenchPage(phone: PhoneBrowser, url: string, ready: string): Promise<Page> {
  const page = await phone.context.newPage();
  page.on('pageerror', (error) => console.error(`page error (${url}): ${error.message}`));
  await page.goto(url);
  await page.waitForFunction((name) => name in window, ready, { timeout: 30_000 });
  return page;
}

export async function withServer<T>(staticDir: string, work: (server: RunningServer) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-sync-bench-data-'));
  const server = await startServer({ port: 0, dataDir, staticDir, demoData: false });
  try {
    return await work(server);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function serverRecordCount(server: RunningServer, posyanduId: string): Promise<number> {
  return (await server.store.listRecordsAfter(posyanduId, 0, RECORDS * 2)).length;
}

/** A shortfall anywhere aborts the run: a figure for a sync that lost records means nothing. */
export function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}
