import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { importSecret, randomBytes } from '../../src/storage/crypto-keys.ts';
import { sealRow } from '../../src/storage/crypto-middleware.ts';
import { Vault } from '../../src/storage/crypto-vault.ts';
import { PosyanduDb } from '../../src/storage/db.ts';
import { openStorage } from '../../src/storage/index.ts';
import { enrollment, saveFamily, uniqueDbName } from './fixtures.ts';

// Issue 14 (h45): a record table's clear fields (ids, an event's date) are stored beside `_e` and no longer
// sealed inside it as well; opening puts them back. Rows sealed before, with the fields in both places, open the same.

async function unlockedVault(): Promise<Vault> {
  const vault = new Vault();
  vault.unlock(await importSecret(randomBytes(32)));
  return vault;
}

const measurement = {
  id: '019ff418-cd70-7d0a-a2a2-388607bdf327',
  posyanduId: enrollment.posyanduId,
  personId: '019fb62c-2430-7cf4-a66f-707f5b32e4e6',
  date: '2026-08-12',
  weightKg: 3.6,
};

describe('a sealed record row', () => {
  it('holds its clear fields once, beside the ciphertext, and everything else only inside it', async () => {
    const vault = await unlockedVault();
    const stored = await sealRow(vault, 'measurements', measurement);
    expect(Object.keys(stored).sort()).toEqual(['_e', 'date', 'id', 'personId']);
    expect(await vault.open(stored._e as Uint8Array)).toEqual({ posyanduId: enrollment.posyanduId, weightKg: 3.6 });
    // The outbox keeps its whole entry sealed: its clear fields are queue state, rewritten as the entry moves.
    const entry = { seq: 3, changeId: 'c1', table: 'measurements', recordId: measurement.id, state: 'pending' };
    expect(await vault.open((await sealRow(vault, 'outbox', entry))._e as Uint8Array)).toEqual(entry);
  });

  it('opens to the whole record through the app, written now or sealed whole before', async () => {
    const db = new PosyanduDb(uniqueDbName('clear-once'));
    const storage = openStorage({ db, pinIterations: 1_000 });
    await storage.saveEnrollment(enrollment);
    await storage.setFirstPin('246810');
    const { members } = await saveFamily(storage);
    const child = members[2]!;
    const now = await storage.recordEvent('measurements', { personId: child.id, date: '2026-01-05', weightKg: 9.35 });

    const raw = new Dexie(db.name);
    await raw.open();
    const [stored] = (await raw.table('measurements').toArray()) as Record<string, unknown>[];
    expect(stored).toMatchObject({ id: now.id, personId: child.id, date: '2026-01-05' });
    expect(await db.vault.open(stored!._e as Uint8Array)).not.toHaveProperty('personId');
    // A row as the app sealed it before: the whole record inside `_e`, the clear fields beside it as well.
    const older = { ...now, id: '019ff418-cd70-7d0a-a2a2-388607bdf399', date: '2026-02-05' };
    const whole = { id: older.id, personId: older.personId, date: older.date, _e: await db.vault.seal(older) };
    await raw.table('measurements').put(whole);
    raw.close();

    const events = await storage.listEventsForPerson(child.id);
    const byId = new Map(events.map((e) => [e.record.id, e.record]));
    expect(byId.get(now.id)).toEqual(now);
    expect(byId.get(older.id)).toEqual(older);
    const [person] = await storage.searchPeople(child.name);
    expect(person).toEqual(await storage.getPerson(child.id));
    expect(person).toMatchObject({ id: child.id, householdId: child.householdId, name: child.name });
  });
});
