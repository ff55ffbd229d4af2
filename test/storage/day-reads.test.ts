// The posyandu-day screen's narrow reads (register-repo.ts): this month's events by the clear `date` index, and
// the histories of a few people by the clear `personId` index (keys first, then one bulk read of just those rows),
// on an encrypted phone, where every row they return has to be opened.
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/index.ts';
import { enrollment, saveFamily, uniqueDbName } from './fixtures.ts';

describe("the day screen's reads on an encrypted phone", () => {
  it('return, decrypted, only the month asked for and only the people asked for', async () => {
    const storage = openStorage({ name: uniqueDbName('day-reads'), pinIterations: 1_000 });
    await storage.saveEnrollment(enrollment);
    await storage.setFirstPin('246810');
    const { members } = await saveFamily(storage);
    const [father, mother, child] = [members[0]!, members[1]!, members[2]!];
    for (const [personId, date, weightKg] of [
      [child.id, '2026-10-31', 9.1],
      [child.id, '2026-11-01', 9.2],
      [child.id, '2026-11-30', 9.3],
      [mother.id, '2026-11-15', 55],
      [father.id, '2026-12-01', 70],
    ] as const) {
      await storage.recordEvent('measurements', { personId, date, weightKg });
    }

    const november = await storage.listEventsBetween('measurements', '2026-11-01', '2026-11-31');
    expect(november.map((m) => [m.date, m.weightKg]).sort()).toEqual([
      ['2026-11-01', 9.2],
      ['2026-11-15', 55],
      ['2026-11-30', 9.3],
    ]);

    const ofChildAndFather = await storage.listEventsOfPeople('measurements', [child.id, father.id]);
    expect(ofChildAndFather.map((m) => m.weightKg ?? 0).sort((a, b) => a - b)).toEqual([9.1, 9.2, 9.3, 70]);
    expect(ofChildAndFather.every((m) => m.personId !== mother.id)).toBe(true);
    expect(await storage.listEventsOfPeople('measurements', [])).toEqual([]);
  });
});
