import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { enrollment, saveFamily, uniqueDbName } from './fixtures.ts';

async function encryptedPhone(name: string): Promise<Storage> {
  const storage = openStorage({ name, pinIterations: 1_000 });
  await storage.saveEnrollment(enrollment);
  await storage.setFirstPin('246810');
  return storage;
}

async function sendEverything(storage: Storage): Promise<void> {
  for (;;) {
    const batch = await storage.takeBatch(100, 10_000_000);
    if (!batch) return;
    await storage.acknowledge(
      batch.entries.map((entry) => ({ changeId: entry.changeId, status: 'applied' as const })),
      batch.batchId,
    );
  }
}

async function storedRows(name: string): Promise<number> {
  const raw = new Dexie(name);
  await raw.open();
  let rows = 0;
  for (const table of raw.tables) rows += await table.count();
  raw.close();
  return rows;
}

describe('signing out of a phone', () => {
  it('is refused while a record waits, and nothing is removed', async () => {
    const name = uniqueDbName('sign-out');
    const storage = await encryptedPhone(name);
    const { members } = await saveFamily(storage);
    await expect(storage.signOut()).rejects.toMatchObject({ name: 'SignOutBlockedError', waiting: 4 });
    expect((await storage.getEnrollment())?.kaderId).toBe(enrollment.kaderId);
    expect(await storage.getPerson(members[0]!.id)).toBeDefined();
    expect(await storage.countPending()).toBe(4);
  });

  it('is refused while a rejected record is unresolved', async () => {
    const storage = await encryptedPhone(uniqueDbName('sign-out'));
    await saveFamily(storage);
    const batch = await storage.takeBatch(100, 10_000_000);
    await storage.acknowledge(
      batch!.entries.map((entry, i) =>
        i === 0
          ? {
              changeId: entry.changeId,
              status: 'rejected' as const,
              error: { code: 'invalid-record' as const, message: 'x' },
            }
          : { changeId: entry.changeId, status: 'applied' as const },
      ),
      batch!.batchId,
    );
    await expect(storage.signOut()).rejects.toMatchObject({ name: 'SignOutBlockedError', waiting: 1 });
  });

  it('removes every record, the enrollment and the PIN once everything was sent', async () => {
    const name = uniqueDbName('sign-out');
    const storage = await encryptedPhone(name);
    await saveFamily(storage);
    await sendEverything(storage);
    await storage.signOut();
    expect(await storedRows(name)).toBe(0);
    expect(await storage.vaultState()).toBe('plain');
    expect(await storage.getEnrollment()).toBeNull();
  });
});
