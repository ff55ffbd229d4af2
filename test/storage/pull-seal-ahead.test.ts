// A pulled page sealed ahead (storage.preparePulledChanges, called by the pull while the page before is written)
// is written with the rows sealed ahead where the plan takes the guessed rows, and with rows sealed then where the
// plan differs from the guess (here: a family whose creation still waits in the outbox keeps its local rows).
import { describe, expect, it, vi } from 'vitest';
import { uuidV7 } from '../../server/src/seed/uuid-v7.ts';
import { PosyanduDb } from '../../src/storage/db.ts';
import { openStorage } from '../../src/storage/index.ts';
import {
  enrollment,
  saveFamily,
  otherPhoneStamp as stamp,
  pulledFromOtherPhone as pulled,
  uniqueDbName,
} from './fixtures.ts';

describe('a pulled page sealed ahead', () => {
  it('is written with the rows sealed ahead, except those its plan makes differently', async () => {
    const db = new PosyanduDb(uniqueDbName('seal-ahead'));
    const storage = openStorage({ db, pinIterations: 1_000 });
    await storage.saveEnrollment(enrollment);
    await storage.setFirstPin('246810');
    // Not pushed yet: the server's versions of this family must not replace the phone's.
    const { household, members } = await saveFamily(storage);
    const siti = members[1]!;

    const agusHousehold = {
      ...household,
      id: uuidV7(Date.now() + 1),
      familyCardNumber: '3201010101239999',
      headName: 'Agus Salim',
      hlc: stamp,
    };
    const agus = {
      ...members[0]!,
      id: uuidV7(Date.now() + 2),
      householdId: agusHousehold.id,
      name: 'Agus Salim',
      nik: '3201011203880099',
      hlc: stamp,
    };
    const sitiOnServer = { ...siti, name: 'Nama Server', hlc: stamp };
    const page = [
      pulled('households', { ...household, headName: 'Orang Lain', hlc: stamp }),
      pulled('households', agusHousehold),
      pulled('persons', sitiOnServer),
      pulled('persons', agus),
    ];

    const sealed = vi.spyOn(db.vault, 'seal');
    storage.preparePulledChanges(page);
    // Four rows guessed (both households, both persons), sealed ahead.
    await vi.waitFor(() => expect(sealed).toHaveBeenCalledTimes(4));
    sealed.mockClear();

    await storage.applyPulledChanges(page, 'c1');
    // Only the two rows the outbox protects are sealed again: the guesses for the new family were used.
    expect(sealed).toHaveBeenCalledTimes(2);

    expect((await storage.getHousehold(household.id))?.headName).toBe('Budi Santoso');
    expect((await storage.getPerson(siti.id))?.name).toBe(siti.name);
    expect(await storage.getPerson(agus.id)).toMatchObject({ name: 'Agus Salim', householdId: agusHousehold.id });
    // The blind search terms sealed ahead find the new member by name, NIK and family card number.
    for (const query of ['agus', '3201011203880099', '3201010101239999']) {
      expect((await storage.searchPeople(query)).map((p) => p.id)).toContain(agus.id);
    }
    expect(await storage.getPullCursor()).toBe('c1');
  });
});
