import { describe, expect, it } from 'vitest';
import { enrolledStorage, saveFamily } from './fixtures.ts';

describe('duplicate warnings', () => {
  it('finds the same NIK, or the same name and birth date with the same mother', async () => {
    const storage = await enrolledStorage();
    await saveFamily(storage);
    const found = await storage.findPossibleDuplicates([
      { name: 'Someone Else', birthDate: '1990-08-17', nik: '3201015708900001' },
      { name: 'dewi  LESTARI', birthDate: '2024-01-05', motherName: "Siti Nur'aini" },
      { name: 'Dewi Lestari', birthDate: '2024-01-05', motherName: 'Another Mother' },
      { name: 'Dewi Lestari', birthDate: '2024-01-06' },
      { name: 'Dewi', birthDate: '2024-01-05' },
    ]);
    expect(found.map((d) => [d.index, d.reason, d.existing.name])).toEqual([
      [0, 'same_nik', "Siti Nur'aini"],
      [1, 'same_name_birth_date', 'Dewi Lestari'],
    ]);
  });
});

describe('recording a birth', () => {
  it('adds the baby to the mother’s household, ends the pregnancy and keeps the birth weight, all queued', async () => {
    const storage = await enrolledStorage();
    const { members, household } = await saveFamily(storage);
    const mother = members[1]!;
    const pregnancy = await storage.recordEvent('pregnancies', {
      personId: mother.id,
      lastMenstrualPeriod: '2025-12-01',
      estimatedDueDate: '2026-09-07',
    });
    const pendingBefore = await storage.countPending();

    const baby = await storage.recordBirth({
      motherId: mother.id,
      pregnancy,
      child: { name: 'Bayi Siti', sex: 'male', birthDate: '2026-09-01' },
      birthWeightKg: 3.1,
    });

    expect(baby).toMatchObject({ householdId: household.id, motherId: mother.id, relationToHead: 'child' });
    const motherEvents = await storage.listEventsForPerson(mother.id);
    const ended = motherEvents.find((e) => e.table === 'pregnancies' && e.record.id !== pregnancy.id);
    expect(ended?.record).toMatchObject({ supersedes: pregnancy.id, outcome: 'live_birth', outcomeDate: '2026-09-01' });
    const babyEvents = await storage.listEventsForPerson(baby.id);
    expect(babyEvents.map((e) => [e.table, (e.record as { weightKg?: number }).weightKg])).toEqual([
      ['measurements', 3.1],
    ]);
    expect(await storage.countPending()).toBe(pendingBefore + 3);
  });

  it('saves nothing when the baby’s record is invalid', async () => {
    const storage = await enrolledStorage();
    const { members } = await saveFamily(storage);
    const pendingBefore = await storage.countPending();
    await expect(
      storage.recordBirth({
        motherId: members[1]!.id,
        child: { name: ' ', sex: 'female', birthDate: '2026-09-01' },
        birthWeightKg: 3.1,
      }),
    ).rejects.toThrow(/name_required/);
    expect(await storage.countPending()).toBe(pendingBefore);
  });
});
