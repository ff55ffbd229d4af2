import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushRequest } from '../../protocol/index.ts';
import { PosyanduDb } from '../../src/storage/db.ts';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { serialiseChange, wireChange } from '../../src/storage/outbox-wire.ts';
import type { LockManagerLike } from '../../src/sync/index.ts';
import { familyMembers, householdInput, uniqueDbName } from '../storage/fixtures.ts';
import { faultyFetch, isPush, testPhone } from './support/client.ts';
import { manualTimers } from './support/manual-timers.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';
import { cuttingProxy } from './support/cutting-proxy.ts';

let server: SyncTestServer;

beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A household of three and `events` weighings of the toddler: 4 + events queued changes. */
async function queueWork(storage: Storage, events: number) {
  const { household, members } = await storage.saveHouseholdWithMembers({
    household: householdInput(),
    members: familyMembers(),
  });
  const ids = [{ table: 'households', id: household.id }, ...members.map((m) => ({ table: 'persons', id: m.id }))];
  for (let i = 0; i < events; i++) {
    const m = await storage.recordEvent('measurements', {
      personId: members[2]!.id,
      date: '2026-01-05',
      weightKg: 8 + i / 100,
    });
    ids.push({ table: 'measurements', id: m.id });
  }
  return ids;
}

/** A server that answers the first push with 429 and Retry-After: 7, then works. */
function busyOnFirstPush(onRefused: () => void = () => undefined): typeof fetch {
  let refused = 0;
  return faultyFetch(async (url, _init, forward) => {
    if (isPush(url) && refused === 0) {
      refused += 1;
      onRefused();
      return new Response(JSON.stringify({ code: 'rate-limited', message: 'Sibuk.' }), {
        status: 429,
        headers: { 'Retry-After': '7' },
      });
    }
    return forward();
  });
}

async function expectExactlyOnce(ids: { table: string; id: string }[]) {
  const onServer = new Set((await server.records()).map((r) => r.id));
  for (const { table, id } of ids) {
    expect(onServer.has(id), `${table} ${id} on the server`).toBe(true);
    expect(await server.versions(table, id), `${table} ${id} versions`).toBe(1);
  }
}

describe('faults', () => {
  it('a response lost after the server committed: the retry creates no duplicate', async () => {
    let lost = 0;
    const fetchLosingFirstAnswer = faultyFetch(async (url, _init, forward) => {
      const response = await forward();
      if (isPush(url) && lost === 0) {
        lost += 1;
        throw new TypeError('connection reset after the server answered');
      }
      return response;
    });
    const phone = await testPhone(server.server.url, await server.newDevice(), {
      fetch: fetchLosingFirstAnswer,
      maxBatchCount: 20,
    });
    const ids = await queueWork(phone.storage, 30);

    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ lastError: 'network', pending: 34 });
    expect(phone.engine.getStatus().nextRetryAt).not.toBeNull();
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ lastError: null, pending: 0, rejected: 0 });
    await expectExactlyOnce(ids);
  });

  it('the network dropping in the middle of a request body: nothing half-applied, the retry finishes', async () => {
    const proxy = await cuttingProxy(new URL(server.server.url).port);
    try {
      const phone = await testPhone(proxy.url, await server.newDevice(), { maxBatchCount: 100 });
      const ids = await queueWork(phone.storage, 150);
      proxy.cutNextRequestAfter(8_000);
      await phone.engine.syncNow();
      expect(phone.engine.getStatus().lastError).toBe('network');
      expect(proxy.cuts()).toBe(1);
      await phone.engine.syncNow();
      expect(phone.engine.getStatus()).toMatchObject({ lastError: null, pending: 0 });
      await expectExactlyOnce(ids);
    } finally {
      await proxy.close();
    }
  });

  it('two tabs pushing the same batch at once (no lock at all): exactly once on the server', async () => {
    const name = uniqueDbName('tabs');
    const enrollment = await server.newDevice();
    const noLock: LockManagerLike = { request: (_name, callback) => callback() };
    const pushes: string[] = [];
    const recording = faultyFetch(async (url, init, forward) => {
      if (isPush(url)) pushes.push((JSON.parse(String(init?.body)) as PushRequest).batchId);
      return forward();
    });
    const tab1 = await testPhone(server.server.url, enrollment, { name, locks: noLock, fetch: recording });
    const tab2 = await testPhone(server.server.url, null, { name, locks: noLock, fetch: recording });
    const ids = await queueWork(tab1.storage, 40);

    await Promise.all([tab1.engine.syncNow(), tab2.engine.syncNow()]);
    await tab1.engine.syncNow();
    expect(await tab1.storage.countPending()).toBe(0);
    expect(await tab1.storage.countRejected()).toBe(0);
    await expectExactlyOnce(ids);
    // Both tabs really sent: the server's idempotency, not luck, kept it exactly-once.
    expect(pushes.length).toBeGreaterThanOrEqual(2);
  });

  it('two tabs with the shared lock: one pushes, the other finds nothing left', async () => {
    const name = uniqueDbName('tabs-locked');
    const enrollment = await server.newDevice();
    let pushes = 0;
    const counting = faultyFetch(async (url, _init, forward) => {
      if (isPush(url)) pushes += 1;
      return forward();
    });
    const tab1 = await testPhone(server.server.url, enrollment, { name, fetch: counting });
    const tab2 = await testPhone(server.server.url, null, { name, fetch: counting });
    const ids = await queueWork(tab1.storage, 10);
    await Promise.all([tab1.engine.syncNow(), tab2.engine.syncNow()]);
    expect(pushes).toBe(1);
    await expectExactlyOnce(ids);
  });

  it('a poison record in the middle of a batch is rejected alone, visible, and can be fixed and resent', async () => {
    const name = uniqueDbName('poison');
    const db = new PosyanduDb(name);
    const phone = await testPhone(server.server.url, await server.newDevice(), { name });
    const before = await queueWork(phone.storage, 3);
    // A record an older app version let through: the server's schema refuses it.
    const template = (await phone.storage.takeBatch(100, 1e9))!;
    await phone.storage.releaseBatch(template.batchId);
    const person = template.entries.find((e) => e.table === 'persons')!;
    const poisonId = '019b0000-0000-7000-8000-00000000dead';
    const record = { ...wireChange(person).record, id: poisonId, name: '', birthDate: '2030-02-30' };
    await db.outbox.add({
      ...person,
      ...serialiseChange({ ...wireChange(person), changeId: 'poison-change', record }),
      seq: undefined,
      changeId: 'poison-change',
      recordId: poisonId,
    });
    const after = await queueWork(phone.storage, 3);

    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ pending: 0, rejected: 1, lastError: null });
    await expectExactlyOnce([...before, ...after]);
    const [rejected] = await phone.storage.listRejected();
    expect(rejected).toMatchObject({ table: 'persons', recordId: poisonId, error: { code: 'invalid-record' } });
    expect(rejected!.error.message.length).toBeGreaterThan(0);

    await phone.storage.resendRejected(rejected!.seq, {
      name: 'Rina Marlina',
      birthDate: '2001-02-03',
      nik: undefined,
    });
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ pending: 0, rejected: 0 });
    const fixed = (await server.records()).find((r) => r.id === poisonId);
    expect(fixed?.data).toMatchObject({ name: 'Rina Marlina', birthDate: '2001-02-03' });
    db.close();
  });

  it('413 halves the batch until it passes; a single change too big waits in "Perlu diperiksa"', async () => {
    const sizes: number[] = [];
    let limitBytes = 12_000;
    const proxyLimit = faultyFetch(async (url, init, forward) => {
      if (!isPush(url)) return forward();
      const body = String(init?.body);
      sizes.push((JSON.parse(body) as PushRequest).changes.length);
      if (Buffer.byteLength(body) > limitBytes) {
        return new Response(JSON.stringify({ code: 'payload-too-large', message: 'Terlalu besar.' }), {
          status: 413,
        });
      }
      return forward();
    });
    const phone = await testPhone(server.server.url, await server.newDevice(), {
      fetch: proxyLimit,
      maxBatchCount: 80,
    });
    const ids = await queueWork(phone.storage, 76);
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ pending: 0, rejected: 0, lastError: null });
    expect(sizes.slice(0, 3)).toEqual([80, 40, 20]);
    await expectExactlyOnce(ids);

    limitBytes = 100;
    await queueWork(phone.storage, 0);
    sizes.length = 0;
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ pending: 0, rejected: 4 });
    expect((await phone.storage.listRejected())[0]!.error.code).toBe('payload-too-large');
  });

  it('429 with Retry-After: the next attempt waits at least that long, then succeeds', async () => {
    const clock = manualTimers();
    const busy = busyOnFirstPush();
    const phone = await testPhone(server.server.url, await server.newDevice(), {
      fetch: busy,
      timers: clock.timers,
      now: clock.now,
    });
    const ids = await queueWork(phone.storage, 2);
    phone.engine.start();
    await expect.poll(() => phone.engine.getStatus().lastError).toBe('rate-limited');
    expect(phone.engine.getStatus().nextRetryAt).toBe(clock.now() + 7_000);
    // A local write during the wait does not jump the queue.
    phone.engine.notifyLocalWrite();
    clock.fireNext(2_500);
    expect(phone.engine.getStatus().running).toBe(false);
    expect(clock.fireNext(7_000)).toBe(7_000);
    await expect.poll(() => phone.engine.getStatus().lastError).toBe(null);
    await expect.poll(() => phone.engine.getStatus().pending).toBe(0);
    phone.engine.stop();
    await expectExactlyOnce(ids);
  });

  it('a retry that fires while the failed attempt is still finishing is not lost', async () => {
    const clock = manualTimers();
    // The failed run's last step (recounting the queue) is held until the test lets go, so the retry timer
    // fires while that run is still in flight: the order a slow phone produces by chance, made certain here.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    const busy = busyOnFirstPush(() => (holding = true));
    const device = await server.newDevice();
    const base = await testPhone(server.server.url, device);
    const slowCounts: Storage = {
      ...base.storage,
      countRejected: async () => {
        if (holding) await held;
        return base.storage.countRejected();
      },
    };
    const phone = await testPhone(server.server.url, null, {
      storage: slowCounts,
      fetch: busy,
      timers: clock.timers,
      now: clock.now,
    });
    const ids = await queueWork(base.storage, 1);
    phone.engine.start();
    await expect.poll(() => phone.engine.getStatus().lastError).toBe('rate-limited');
    expect(clock.fireNext(7_000)).toBe(7_000);
    holding = false;
    release();
    await expect.poll(() => phone.engine.getStatus().lastError).toBe(null);
    await expect.poll(() => phone.engine.getStatus().pending).toBe(0);
    phone.engine.stop();
    await expectExactlyOnce(ids);
  });

  it('transient failures back off exponentially with jitter', async () => {
    const clock = manualTimers();
    const down = faultyFetch(async () => new Response('bad gateway', { status: 502 }));
    const phone = await testPhone(server.server.url, await server.newDevice(), {
      fetch: down,
      timers: clock.timers,
      now: clock.now,
      random: () => 1,
    });
    await queueWork(phone.storage, 0);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const start = clock.now();
      await phone.engine.syncNow();
      delays.push(phone.engine.getStatus().nextRetryAt! - start);
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(phone.engine.getStatus()).toMatchObject({ lastError: 'server-unavailable', pending: 4 });
  });

  it('401 asks for enrollment, forgets the token, keeps the queue; enrolling again resumes', async () => {
    const enrollment = await server.newDevice();
    const phone = await testPhone(server.server.url, { ...enrollment, token: 'revoked-token-0123456789abcdef' });
    const ids = await queueWork(phone.storage, 5);
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ needsEnrollment: true, lastError: 'unauthorized', pending: 9 });
    expect(await phone.storage.getEnrollment()).toMatchObject({ deviceId: enrollment.deviceId, token: null });
    // Kader keeps working offline meanwhile.
    await phone.storage.recordEvent('visits', { personId: ids[1]!.id, date: '2026-01-06', kind: 'home' });
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ needsEnrollment: true, pending: 10 });

    await phone.storage.saveEnrollment(enrollment);
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ needsEnrollment: false, pending: 0, lastError: null });
    await expectExactlyOnce(ids);
  });
});

describe('open storage of another tab', () => {
  it('sees the queue written by the first', async () => {
    const name = uniqueDbName('shared');
    const first = await testPhone(server.server.url, await server.newDevice(), { name });
    await queueWork(first.storage, 1);
    expect(await openStorage({ name }).countPending()).toBe(5);
  });
});
