// crypto-middleware.ts decrypts the rows of a read in a transaction of its own after that transaction ended, with no
// dummy requests keeping it alive; inside an explicit transaction it keeps the transaction alive, so a read that is
// followed by more reads or a write in the same transaction still works.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PosyanduDb } from '../../src/storage/db.ts';
import { openStorage } from '../../src/storage/index.ts';
import { enrollment, saveFamily, uniqueDbName } from './fixtures.ts';

let db: PosyanduDb | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  db?.close();
  db = undefined;
});

async function encryptedPhone() {
  db = new PosyanduDb(uniqueDbName('decrypt-after'));
  const storage = openStorage({ db, pinIterations: 1_000 });
  await storage.saveEnrollment(enrollment);
  await storage.setFirstPin('246810');
  const { members } = await saveFamily(storage);
  return { db, members };
}

/** Counts the keep-alive reads (whileAlive asks every store for the key -Infinity, which no row has). */
function countKeepAlives(): () => number {
  const get = vi.spyOn(IDBObjectStore.prototype, 'get');
  return () => get.mock.calls.filter(([key]) => key === -Infinity).length;
}

describe('decrypting after a read', () => {
  it('a read on its own returns decrypted rows without keeping its transaction alive', async () => {
    const { db, members } = await encryptedPhone();
    const keepAlives = countKeepAlives();
    const people = await db.persons.toArray();
    const one = await db.persons.get(members[0]!.id);
    const some = await db.persons.bulkGet(members.map((m) => m.id));
    expect(people.map((p) => p.name).sort()).toEqual(members.map((m) => m.name).sort());
    expect(one?.name).toBe(members[0]!.name);
    expect(some.map((p) => p?.name)).toEqual(members.map((m) => m.name));
    expect(keepAlives()).toBe(0);
  });

  it('an explicit transaction stays alive across its reads and a write after them', async () => {
    const { db, members } = await encryptedPhone();
    const keepAlives = countKeepAlives();
    const names = await db.transaction('r', [db.persons, db.households], async () => {
      const first = await db.persons.get(members[0]!.id);
      const households = await db.households.toArray();
      const all = await db.persons.toArray();
      return [first?.name, households.length, all.length];
    });
    expect(names).toEqual([members[0]!.name, 1, members.length]);
    await db.transaction('rw', [db.persons], async () => {
      const person = await db.persons.get(members[1]!.id);
      await db.persons.put({ ...person!, phone: '081200000000' });
    });
    expect((await db.persons.get(members[1]!.id))?.phone).toBe('081200000000');
    expect(keepAlives()).toBeGreaterThan(0);
  });
});
