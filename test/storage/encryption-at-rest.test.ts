import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { LockedError } from '../../src/storage/index.ts';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { enrollment, saveFamily, uniqueDbName } from './fixtures.ts';
import { wireChange } from '../../src/storage/outbox-wire.ts';

// Low iterations keep the suite fast; the app's count is measured in bench/pin-unlock.bench.ts.
const ITERATIONS = 1_000;
const SECRETS = ['Budi', 'Santoso', "Nur'aini", 'Lestari', '3201011203880001', '3201015708900001', '3201010101230001'];
const WEIGHT = '9.35';

async function phone(name = uniqueDbName('vault'), now?: () => number): Promise<Storage> {
  const storage = openStorage({ name, pinIterations: ITERATIONS, ...(now ? { now } : {}) });
  await storage.saveEnrollment(enrollment);
  return storage;
}

async function recordFamily(storage: Storage) {
  const { members } = await saveFamily(storage);
  await storage.recordEvent('measurements', { personId: members[2]!.id, date: '2026-01-05', weightKg: Number(WEIGHT) });
  return members;
}

/** Every stored row of every table, read past the app (no middleware), with byte fields as latin1 text. */
async function rawDump(name: string): Promise<string> {
  const raw = new Dexie(name);
  await raw.open();
  const dump: unknown[] = [];
  for (const table of raw.tables) dump.push(table.name, await table.toArray());
  raw.close();
  return JSON.stringify(dump, (_key, value: unknown) =>
    value instanceof Uint8Array ? String.fromCharCode(...value) : value,
  );
}

describe('encryption at rest', () => {
  it('stores no name, NIK, family card or weight in clear once a PIN is set, and reads them back unlocked', async () => {
    const storage = await phone();
    await storage.setFirstPin('246810');
    const members = await recordFamily(storage);
    const dump = await rawDump(storage.name);
    for (const secret of [...SECRETS, WEIGHT, 'tok_abcdefghijklmnopqrstuvwxyz']) expect(dump).not.toContain(secret);

    expect((await storage.getPerson(members[0]!.id))?.name).toBe('Budi Santoso');
    expect((await storage.listEventsForPerson(members[2]!.id)).length).toBeGreaterThan(0);
    // Search stays an index query on blind terms: a name prefix, a NIK prefix, a family card prefix.
    expect((await storage.searchPeople('sit')).map((p) => p.name)).toEqual(["Siti Nur'aini"]);
    expect((await storage.searchPeople('32010157')).map((p) => p.name)).toEqual(["Siti Nur'aini"]);
    expect((await storage.searchPeople('dewi les')).map((p) => p.name)).toEqual(['Dewi Lestari']);
    expect(await storage.searchPeople('3201010101230001')).toHaveLength(3);
    expect((await storage.getEnrollment())?.token).toBe(enrollment.token);
  });

  it('a locked phone reads and writes nothing; the right PIN opens it, a fresh start asks for it again', async () => {
    const name = uniqueDbName('lock');
    const storage = await phone(name);
    await storage.setFirstPin('135790');
    const members = await recordFamily(storage);
    storage.lock();
    await expect(storage.getPerson(members[0]!.id)).rejects.toBeInstanceOf(LockedError);
    await expect(saveFamily(storage)).rejects.toBeInstanceOf(LockedError);
    // The identity stays readable (the lock screen names the kader); the token does not.
    expect((await storage.getEnrollment())?.token).toBeNull();
    expect(await storage.unlock('135790')).toEqual({ ok: true });
    expect((await storage.getPerson(members[0]!.id))?.name).toBe('Budi Santoso');
    storage.close();

    const restarted = openStorage({ name });
    expect(await restarted.vaultState()).toBe('locked');
    await expect(restarted.countPending()).resolves.toBe(5);
    await expect(restarted.listPeople()).rejects.toBeInstanceOf(LockedError);
    expect(await restarted.unlock('135790')).toEqual({ ok: true });
    expect(await restarted.listPeople()).toHaveLength(3);
  });

  it('five wrong PINs, then a wait that grows; the right PIN is refused during the wait, accepted after', async () => {
    let clock = Date.parse('2026-03-01T08:00:00Z');
    const storage = await phone(uniqueDbName('tries'), () => clock);
    await storage.setFirstPin('112233');
    storage.lock();
    for (let left = 4; left >= 1; left -= 1) {
      expect(await storage.unlock('999999')).toEqual({ ok: false, reason: 'wrong', triesLeft: left, waitMs: 0 });
    }
    expect(await storage.unlock('999999')).toEqual({ ok: false, reason: 'wrong', triesLeft: 0, waitMs: 30_000 });
    clock += 10_000;
    expect(await storage.unlock('112233')).toEqual({ ok: false, reason: 'wait', waitMs: 20_000 });
    expect(await storage.vaultState()).toBe('locked');
    clock += 20_000;
    expect(await storage.unlock('999999')).toEqual({ ok: false, reason: 'wrong', triesLeft: 0, waitMs: 60_000 });
    expect(await storage.pinWait()).toBe(60_000);
    clock += 60_000;
    expect(await storage.unlock('112233')).toEqual({ ok: true });
    // The right PIN starts the count again.
    storage.lock();
    expect(await storage.unlock('000000')).toMatchObject({ reason: 'wrong', triesLeft: 4 });
  });

  it('encrypts an unencrypted phone in place at the first PIN, keeping every queued change in order', async () => {
    const name = uniqueDbName('legacy');
    const legacy = await phone(name);
    await recordFamily(legacy);
    // As the app before encryption stored them: whole-word search terms.
    const raw = new Dexie(name);
    await raw.open();
    const persons = raw.table<{ name: string; _search: string[] }>('persons');
    for (const row of await persons.toArray()) {
      await persons.put({ ...row, _search: row.name.toLowerCase().replace(/'/g, '').split(' ') });
    }
    raw.close();
    expect(await legacy.searchPeople('sit')).toEqual([]);
    // Taken before the PIN and again after: the same batch in flight, its entries unchanged by the sealing.
    const before = (await legacy.takeBatch(100, 10_000_000))!;
    expect(await rawDump(name)).toContain('Budi Santoso');

    await legacy.setFirstPin('864209');
    const dump = await rawDump(name);
    for (const secret of [...SECRETS, WEIGHT]) expect(dump).not.toContain(secret);
    const after = (await legacy.takeBatch(100, 10_000_000))!;
    expect(after.batchId).toBe(before.batchId);
    expect(after.entries.map((e) => [e.seq, e.changeId, wireChange(e)])).toEqual(
      before.entries.map((e) => [e.seq, e.changeId, wireChange(e)]),
    );
    expect(await legacy.countPending()).toBe(5);
    expect((await legacy.searchPeople('sit')).map((p) => p.name)).toEqual(["Siti Nur'aini"]);
    const batch = await legacy.takeBatch(10, 10_000_000);
    expect(batch?.entries).toHaveLength(5);
  });

  it('refuses a second first PIN and a PIN that is not six digits', async () => {
    const storage = await phone();
    await expect(storage.setFirstPin('12345')).rejects.toThrow();
    await storage.setFirstPin('123456');
    await expect(storage.setFirstPin('654321')).rejects.toThrow();
  });
});

describe('enrolling again', () => {
  it('is refused for another kader while records wait, allowed for the same kader, allowed once the queue is empty', async () => {
    const storage = await phone();
    await recordFamily(storage);
    const other = { ...enrollment, kaderId: 'kader-9', kaderName: 'Bu Ani' };
    await expect(storage.saveEnrollment(other)).rejects.toMatchObject({ name: 'ReenrollBlockedError', waiting: 5 });
    expect((await storage.getEnrollment())?.kaderId).toBe('kader-7');
    await storage.saveEnrollment({ ...enrollment, token: 'tok_new_token_for_the_same_kader_0123456789' });
    const batch = await storage.takeBatch(10, 10_000_000);
    await storage.acknowledge(
      batch!.entries.map((entry) => ({ changeId: entry.changeId, status: 'applied' as const })),
      batch!.batchId,
    );
    expect(await storage.countPending()).toBe(0);
    await storage.saveEnrollment(other);
    expect((await storage.getEnrollment())?.kaderId).toBe('kader-9');
  });
});

/** localStorage as the browser has it, for the drafts. */
function memoryLocalStorage(): Window['localStorage'] {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('form drafts', () => {
  it('are sealed in localStorage once a PIN is set, read from memory while unlocked, gone from memory when locked', async () => {
    const local = memoryLocalStorage();
    const previous = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', { value: local, configurable: true });
    try {
      const name = uniqueDbName('drafts');
      const storage = await phone(name);
      storage.writeDraft('household-new', { headName: 'Bambang Sutrisno', nik: '3201011204880007' });
      expect(local.getItem('posyandu.draft.household-new')).toContain('Bambang');
      await storage.setFirstPin('246810');
      await expect.poll(() => local.getItem('posyandu.draft.household-new')).toMatch(/^sealed:/);
      expect(storage.readDraft('household-new')).toEqual({ headName: 'Bambang Sutrisno', nik: '3201011204880007' });
      storage.writeDraft('measure-1', { weightKg: '9,35' });
      await expect.poll(() => local.getItem('posyandu.draft.measure-1')).toMatch(/^sealed:/);
      const everything = [...Array(local.length).keys()].map((i) => local.getItem(local.key(i) ?? '')).join();
      for (const secret of ['Bambang', '3201011204880007', '9,35']) expect(everything).not.toContain(secret);

      storage.lock();
      expect(storage.readDraft('household-new')).toBeUndefined();
      storage.close();
      const restarted = openStorage({ name });
      expect(await restarted.vaultState()).toBe('locked');
      expect(restarted.readDraft('measure-1')).toBeUndefined();
      await restarted.unlock('246810');
      expect(restarted.readDraft('measure-1')).toEqual({ weightKg: '9,35' });
      restarted.removeDraft('measure-1');
      expect(local.getItem('posyandu.draft.measure-1')).toBeNull();
    } finally {
      if (previous) Object.defineProperty(globalThis, 'localStorage', previous);
      else delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
