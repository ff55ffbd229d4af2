import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.ts';
import { CHECKPOINT_PAUSE_MS } from '../../server/src/db/sqlite-checkpointer.ts';
import { openSqliteStore } from '../../server/src/db/sqlite-store.ts';
import { applyBatch } from '../../server/src/services/apply-batch.ts';
import { createDevice, createPosyandu } from '../../server/src/services/devices.ts';
import { change, household } from './support/records.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite WAL checkpoints in a worker (sqlite-checkpointer.ts)', () => {
  it('checkpoints after commits, off the writer, and leaves a whole file when the store closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posyandu-checkpoint-'));
    dirs.push(dir);
    const file = join(dir, 'posyandu.sqlite');
    const store = openSqliteStore(file);
    await store.migrate();
    const posyanduId = await createPosyandu(store, 'Posyandu Uji');
    const created = await createDevice(store, { posyanduId, kaderName: 'Kader Uji' });
    const device = { posyanduId, deviceId: created.deviceId, kaderId: created.enrollment.kaderId };

    // Far below the writer's own bound (wal_autocheckpoint): only the worker can have copied these frames.
    const changes = Array.from({ length: 200 }, () => change('households', household({ ...device, token: '' })));
    const answer = await applyBatch(store, device, {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: device.deviceId,
      batchId: 'b1',
      changes,
    });
    expect(answer.results.every((r) => r.status === 'applied')).toBe(true);
    // Until a checkpoint copies them, committed pages live in the WAL alone and the database file does not grow.
    const before = statSync(file).size;
    let after = before;
    for (let waited = 0; after === before && waited < 50 * CHECKPOINT_PAUSE_MS; waited += CHECKPOINT_PAUSE_MS) {
      await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_PAUSE_MS));
      after = statSync(file).size;
    }
    expect(after).toBeGreaterThan(before + 100 * 1024);

    await store.close();
    // The worker's connection closed first, so the store's own close checkpointed all and removed the WAL.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = new Database(file, { readonly: true });
    expect(reopened.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 200 });
    reopened.close();
  });
});
