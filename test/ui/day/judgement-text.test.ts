import { describe, expect, it } from 'vitest';
import { ILP_ASSESSMENT_RULES } from '../../../src/domain/assessment/finding-rules.ts';
import { PERMENKES_2_2020 } from '../../../src/domain/growth/permenkes-2-2020.ts';
import {
  BLOOD_PRESSURE_TABLE,
  BMI_ASIA_PACIFIC,
  BMI_KEMENKES_PGS,
} from '../../../src/domain/screening/adult-cut-offs.ts';
import { ensureLocaleLoaded, setLocale } from '../../../src/i18n/index.ts';
import {
  findingTaskText,
  formatNumber,
  judgementMeaning,
  judgementTitle,
  judgementValue,
} from '../../../src/ui/screens/day/judgement-text.ts';

/** Every code a rule can produce, the normal ones included. */
function everyFinding(): { ruleId: string; code: string }[] {
  const rules = ILP_ASSESSMENT_RULES;
  const out: { ruleId: string; code: string }[] = [];
  for (const rule of Object.values(rules)) {
    if (typeof rule !== 'object' || !('actions' in rule)) continue;
    for (const code of Object.keys(rule.actions)) out.push({ ruleId: rule.id, code });
  }
  for (const [index, { categories }] of Object.entries(PERMENKES_2_2020.indices)) {
    for (const c of categories) out.push({ ruleId: 'growth', code: `${index}:${c.key}` });
  }
  for (const c of BLOOD_PRESSURE_TABLE.categories) out.push({ ruleId: 'bp_adult', code: c.code });
  for (const c of [...BMI_ASIA_PACIFIC.categories, ...BMI_KEMENKES_PGS.categories]) {
    out.push({ ruleId: 'bmi_adult', code: c.code });
  }
  for (const code of ['srq20:negative', 'tb:negative', 'puma:negative', 'skilas:negative', 'adl_barthel:independent']) {
    out.push({ ruleId: 'screening', code });
  }
  return out;
}

describe('judged values in words', () => {
  it.each(['id', 'en'] as const)('has a title and a meaning for every finding (%s)', async (locale) => {
    setLocale(locale);
    await ensureLocaleLoaded();
    for (const finding of everyFinding()) {
      expect(judgementTitle(finding), JSON.stringify(finding)).toMatch(/\S/);
      expect(judgementMeaning(finding), JSON.stringify(finding)).toMatch(/\S/);
    }
    setLocale('id');
  });

  it('writes numbers the Indonesian way, with the unit', () => {
    setLocale('id');
    expect(formatNumber(11.4)).toBe('11,4');
    const base = { version: 'v', source: 's', date: '2026-08-12', level: 'urgent' as const };
    expect(judgementValue({ ...base, ruleId: 'child_muac', code: 'severe', value: 11.4 })).toBe('11,4 cm');
    expect(judgementValue({ ...base, ruleId: 'bp_pregnancy', code: 'severe', value: 160, value2: 110 })).toBe(
      '160/110 mmHg',
    );
    expect(judgementValue({ ...base, ruleId: 'bmi_adult', code: 'obese_1', value: 25 })).toBe('IMT 25,0');
    expect(judgementValue({ ...base, ruleId: 'growth', code: 'bbpb:gizi_buruk', value: -3.2 })).toBe('z -3,20');
    expect(findingTaskText('child_muac/severe')).toBe('LiLA anak: Gizi buruk (LiLA di bawah 11,5 cm)');
  });
});
