// The family card numbers a pulled page leaves are kept for the next page (pull-apply.ts, knownCards): its members
// are indexed under them without reading (and decrypting) their households again, unless anything wrote between
// the pages, as the kader's edit of the card here.
import { describe, expect, it, vi } from 'vitest';
import { PosyanduDb } from '../../src/storage/db.ts';
import { openStorage } from '../../src/storage/index.ts';
import {
  enrolledStorage,
  enrollment,
  saveFamily,
  otherPhoneStamp as stamp,
  pulledFromOtherPhone as pulled,
  uniqueDbName,
} from './fixtures.ts';

/** A new phone with a PIN, and a family made on another phone: its household on one page, a member on the next. */
async function newPhone() {
  const other = await enrolledStorage();
  const { household, members } = await saveFamily(other, { familyCardNumber: '3201010101239999' });
  const db = new PosyanduDb(uniqueDbName('known-cards'));
  const storage = openStorage({ db, pinIterations: 1_000 });
  await storage.saveEnrollment(enrollment);
  await storage.setFirstPin('246810');
  return { db, storage, household: { ...household, hlc: stamp }, person: { ...members[0]!, hlc: stamp } };
}

const found = async (storage: ReturnType<typeof openStorage>, query: string) =>
  (await storage.searchPeople(query)).map((p) => p.name);

describe("a pulled page's family card numbers, kept for the next page", () => {
  it('index the members of the next page without reading their household again', async () => {
    const { db, storage, household, person } = await newPhone();
    await storage.applyPulledChanges([pulled('households', household)], 'c1');
    const opened = vi.spyOn(db.vault, 'open');
    await storage.applyPulledChanges([pulled('persons', person)], 'c2');
    expect(opened).not.toHaveBeenCalled();
    opened.mockRestore();
    expect(await found(storage, '3201010101239999')).toEqual(['Budi Santoso']);
  });

  it('are forgotten when the phone writes between the pages: the member takes the card the kader saved', async () => {
    const { storage, household, person } = await newPhone();
    await storage.applyPulledChanges([pulled('households', household)], 'c1');
    await storage.updateHousehold(household.id, { familyCardNumber: '3201010101238888' });
    await storage.applyPulledChanges([pulled('persons', person)], 'c2');
    expect(await found(storage, '3201010101238888')).toEqual(['Budi Santoso']);
    expect(await found(storage, '3201010101239999')).toEqual([]);
  });
});
