import { beforeAll, describe, expect, it } from 'vitest';
import { CHILD_MUAC_RULES, assessChildNutrition, type GrowthTables } from '../../../src/domain/growth/index.ts';
import { whoTables } from './who-tables-fixture.ts';

describe('assessChildNutrition', () => {
  let growth: GrowthTables;
  beforeAll(async () => {
    growth = (await whoTables()).growth;
  });

  it('flags a MUAC below 11.5 cm at 6-59 months only, the cut-off itself not', () => {
    const normal = { date: '2026-03-01', weightKg: 10.9, lengthHeightCm: 82, position: 'lying' as const };
    expect(assessChildNutrition('male', '2024-09-01', { ...normal, muacCm: 11.4 }, growth).flags).toEqual(['muac_low']);
    expect(assessChildNutrition('male', '2024-09-01', { ...normal, muacCm: 11.5 }, growth).flags).toEqual([]);
    expect(CHILD_MUAC_RULES.severeBelowCm).toBe(11.5);
    // Five months old: WHO's MUAC cut-off does not apply yet.
    const baby = { date: '2026-03-01', weightKg: 7, lengthHeightCm: 65, position: 'lying' as const, muacCm: 11 };
    expect(assessChildNutrition('male', '2025-09-20', baby, growth).flags).not.toContain('muac_low');
  });

  it('names gizi buruk (and with it wasting), stunting and underweight by the Permenkes categories', () => {
    const wasted = { date: '2026-03-01', weightKg: 6.5, lengthHeightCm: 75, position: 'lying' as const };
    expect(assessChildNutrition('male', '2025-03-01', wasted, growth)).toMatchObject({
      ageMonths: 11,
      flags: ['gizi_buruk', 'wasting', 'underweight'],
    });
    const short = { date: '2026-03-01', weightKg: 9.8, lengthHeightCm: 78, position: 'lying' as const };
    expect(assessChildNutrition('female', '2024-03-01', short, growth).flags).toEqual(['stunting']);
  });
});
