import { describe, expect, it } from 'vitest';
import { checkChildAgainstMother, checkNikAgainstPerson, TABLES, type TableName } from '../../protocol/index.ts';
import { generatePosyandu } from '../../server/src/seed/generate-posyandu.ts';

const OPTIONS = {
  seed: 42,
  posyanduId: '0b9d4f3e-1c2a-4e8b-9f3a-2d4c6e8a0b1c',
  deviceId: '5e7a9c1b-3d5f-4a7b-8c9d-0e1f2a3b4c5d',
  kaderId: 'kader-seed',
  households: 300,
};

describe('seed generator', () => {
  const data = generatePosyandu(OPTIONS);

  it('has the size of a real posyandu', () => {
    expect(data.households).toHaveLength(300);
    expect(data.persons.length).toBeGreaterThan(1000);
    expect(data.persons.length).toBeLessThan(1250);
    const asOf = Date.parse('2026-11-01');
    const underFives = data.persons.filter((p) => asOf - Date.parse(p.birthDate) < 5 * 365.25 * 86_400_000);
    expect(underFives).toHaveLength(90);
    // Three years of monthly weighings (some months missed) for the under-fives.
    const weighings = data.measurements.filter((m) => underFives.some((c) => c.id === m.personId));
    expect(weighings.length).toBeGreaterThan(90 * 12);
    expect(data.pregnancies.length).toBeGreaterThan(5);
    expect(data.screenings.length).toBeGreaterThan(200);
    expect(data.immunizations.length).toBeGreaterThan(90 * 10);
  });

  it('makes every record valid against its protocol schema', () => {
    for (const table of Object.keys(TABLES) as TableName[]) {
      for (const record of data[table]) {
        const parsed = TABLES[table].schema.safeParse(record);
        if (!parsed.success) throw new Error(`${table} ${JSON.stringify(record)}: ${parsed.error.message}`);
        expect(record.posyanduId).toBe(OPTIONS.posyanduId);
      }
    }
  });

  it('gives NIKs that agree with birth date and sex, unique, and mothers older than their children', () => {
    const niks = data.persons.filter((p) => p.nik !== undefined).map((p) => p.nik as string);
    expect(new Set(niks).size).toBe(niks.length);
    for (const person of data.persons) {
      if (person.nik) expect(checkNikAgainstPerson(person.nik, person.birthDate, person.sex)).toBeNull();
      if (person.motherId) {
        const mother = data.persons.find((p) => p.id === person.motherId);
        expect(mother).toBeDefined();
        expect(checkChildAgainstMother(person, mother as NonNullable<typeof mother>)).toBeNull();
      }
    }
  });

  it('is deterministic for a seed and different for another', () => {
    expect(generatePosyandu(OPTIONS)).toEqual(data);
    expect(generatePosyandu({ ...OPTIONS, seed: 43 }).persons[0]?.name).not.toBe(undefined);
    expect(generatePosyandu({ ...OPTIONS, seed: 43 }).households[0]?.id).not.toBe(data.households[0]?.id);
  });

  it('draws weights around WHO medians: a 12-month-old weighs between 6 and 14 kg', () => {
    const byId = new Map(data.persons.map((p) => [p.id, p]));
    const infantWeights = data.measurements.flatMap((m) => {
      const child = byId.get(m.personId);
      if (!child || m.weightKg === undefined) return [];
      const ageDays = (Date.parse(m.date) - Date.parse(child.birthDate)) / 86_400_000;
      return ageDays > 350 && ageDays < 380 ? [m.weightKg] : [];
    });
    expect(infantWeights.length).toBeGreaterThan(10);
    for (const w of infantWeights) {
      expect(w).toBeGreaterThan(6);
      expect(w).toBeLessThan(14);
    }
  });
});
