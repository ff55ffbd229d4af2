import { describe, expect, it } from 'vitest';
import type { GrowthZScores } from '../../../src/domain/growth/growth-zscores.ts';
import { categorize, nutritionStatus } from '../../../src/domain/growth/nutrition-status.ts';
import { PERMENKES_2_2020, type PermenkesIndexKey } from '../../../src/domain/growth/permenkes-2-2020.ts';

/** [z, expected category] at and around every cut-off of each index. */
const BOUNDARIES: Record<PermenkesIndexKey, [number, string][]> = {
  bbu: [
    [-3.01, 'bb_sangat_kurang'],
    [-3.0, 'bb_kurang'],
    [-2.01, 'bb_kurang'],
    [-2.0, 'bb_normal'],
    [1.0, 'bb_normal'],
    [1.01, 'risiko_bb_lebih'],
    [6, 'risiko_bb_lebih'],
  ],
  pbu: [
    [-3.01, 'sangat_pendek'],
    [-3.0, 'pendek'],
    [-2.01, 'pendek'],
    [-2.0, 'normal'],
    [3.0, 'normal'],
    [3.01, 'tinggi'],
  ],
  bbpb: [
    [-3.01, 'gizi_buruk'],
    [-3.0, 'gizi_kurang'],
    [-2.01, 'gizi_kurang'],
    [-2.0, 'gizi_baik'],
    [1.0, 'gizi_baik'],
    [1.01, 'berisiko_gizi_lebih'],
    [2.0, 'berisiko_gizi_lebih'],
    [2.01, 'gizi_lebih'],
    [3.0, 'gizi_lebih'],
    [3.01, 'obesitas'],
  ],
  imtu_0_60: [
    [-3.01, 'gizi_buruk'],
    [-3.0, 'gizi_kurang'],
    [-2.0, 'gizi_baik'],
    [1.0, 'gizi_baik'],
    [1.01, 'berisiko_gizi_lebih'],
    [2.0, 'berisiko_gizi_lebih'],
    [2.01, 'gizi_lebih'],
    [3.0, 'gizi_lebih'],
    [3.01, 'obesitas'],
  ],
  imtu_5_18: [
    [-3.01, 'gizi_buruk'],
    [-3.0, 'gizi_kurang'],
    [-2.01, 'gizi_kurang'],
    [-2.0, 'gizi_baik'],
    [1.0, 'gizi_baik'],
    [1.01, 'gizi_lebih'],
    [2.0, 'gizi_lebih'],
    [2.01, 'obesitas'],
  ],
};

describe('Permenkes 2/2020 categories at their exact boundaries', () => {
  for (const [index, cases] of Object.entries(BOUNDARIES) as [PermenkesIndexKey, [number, string][]][]) {
    it.each(cases)(`${index}: z = %s is %s`, (z, key) => {
      expect(categorize(index, z)?.key).toBe(key);
    });
  }

  it('leaves no gap and no overlap between categories, on a 0.01 grid from -7 to +7', () => {
    const wrong: string[] = [];
    for (const index of Object.keys(PERMENKES_2_2020.indices) as PermenkesIndexKey[]) {
      for (let i = -700; i <= 700; i++) {
        if (categorize(index, i / 100) === undefined) wrong.push(`${index} at ${i / 100}: no single category`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('is versioned data with its source', () => {
    expect(PERMENKES_2_2020.version).toBe('permenkes-2-2020');
    expect(PERMENKES_2_2020.source).toContain('No. 2 Tahun 2020');
  });
});

describe('nutritionStatus', () => {
  const under5: GrowthZScores = {
    underFive: {
      standingUnderNineMonths: false,
      wfa: { z: -3.0, flagged: false },
      lhfa: { z: -3.01, flagged: false },
      wflh: { z: 1.0, flagged: false, table: 'wfl' },
      bfa: { z: 2.0, flagged: false },
    },
    schoolAge: {},
  };

  it('classifies every 0-60 month index a measurement has', () => {
    const statuses = nutritionStatus(under5, 14);
    expect(statuses.map((s) => [s.index, s.category.key])).toEqual([
      ['bbu', 'bb_kurang'],
      ['pbu', 'sangat_pendek'],
      ['bbpb', 'gizi_baik'],
      ['imtu_0_60', 'berisiko_gizi_lebih'],
    ]);
  });

  it('classifies weight-for-length without an age, but no age-based index', () => {
    expect(nutritionStatus(under5, undefined).map((s) => s.index)).toEqual(['bbpb']);
  });

  it('uses the 5-18 year IMT/U table from 60 months to 18 years, and nothing for height or weight at that age', () => {
    const schoolAge: GrowthZScores = {
      underFive: { standingUnderNineMonths: false },
      schoolAge: { hfa: { z: -3.5, flagged: false }, wfa: { z: -1, flagged: false }, bfa: { z: 2.0, flagged: false } },
    };
    expect(nutritionStatus(schoolAge, 60.2).map((s) => [s.index, s.category.key])).toEqual([
      ['imtu_5_18', 'gizi_lebih'],
    ]);
    expect(nutritionStatus(schoolAge, 216)).toHaveLength(1);
    expect(nutritionStatus(schoolAge, 216.5)).toEqual([]);
  });
});
