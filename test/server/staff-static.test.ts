import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { openStore } from '../../server/src/db/open-store.ts';

describe('the puskesmas web app at /puskesmas/', () => {
  const dist = mkdtempSync(join(tmpdir(), 'posyandu-static-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-static-data-'));
  writeFileSync(join(dist, 'index.html'), 'kader app');
  writeFileSync(join(dist, 'puskesmas.html'), 'puskesmas app');
  const store = openStore({ dataDir });
  const app = createApp({ store, version: 't', staticDir: dist });
  afterAll(async () => {
    await store.close();
    rmSync(dist, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /puskesmas, /puskesmas/ and its deep links with its own page, every other path with the kader app', async () => {
    for (const path of ['/puskesmas', '/puskesmas/', '/puskesmas/posyandu/abc']) {
      const response = await app.request(path);
      expect([path, response.status, await response.text()]).toEqual([path, 200, 'puskesmas app']);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
    for (const path of ['/', '/keluarga/1', '/puskesmasx']) {
      expect(await (await app.request(path)).text()).toBe('kader app');
    }
  });
});
