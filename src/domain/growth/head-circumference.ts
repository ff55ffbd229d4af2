import { ageInDays, DAYS_PER_MONTH } from './age.ts';
import { lmsZ, roundZ } from './lms.ts';
import { lmsAt, type GrowthTables, type LmsTable, type Sex } from './who-tables.ts';

/**
 * Head circumference for age (LK/U), 0-60 months: below -2 SD microcephaly, above +2 SD macrocephaly (Buku KIA
 * head-circumference chart; PMK 2/2020 apps, ilp-kader-reference §3.1). Versioned data; the z-score needs WHO's
 * hcfa table, which the installer adds only when both hcfa workbooks were supplied (docs/growth.md).
 */
export interface HeadCircumferenceRules {
  readonly version: string;
  readonly source: string;
  readonly toMonths: number;
  /** z below this: microcephaly; above `macroAboveZ`: macrocephaly. Both bounds themselves are normal. */
  readonly microBelowZ: number;
  readonly macroAboveZ: number;
}

export const HEAD_CIRCUMFERENCE_RULES: HeadCircumferenceRules = {
  version: 'who-2006-hcfa-buku-kia/r1',
  source:
    'WHO Child Growth Standards 2006 head-circumference-for-age; Buku KIA 2023 LK chart: < -2 SD mikrosefali, ' +
    '> +2 SD makrosefali, refer to the puskesmas (ilp-kader-reference §3.1).',
  toMonths: 60,
  microBelowZ: -2,
  macroAboveZ: 2,
};

export type HeadCircumferenceCode = 'microcephaly' | 'normal' | 'macrocephaly';

export interface HeadCircumferenceResult {
  readonly z: number;
  readonly code: HeadCircumferenceCode;
}

/** The LMS z-score (L is 1 in WHO's hcfa table, so no restricted tail as for weight). */
function headCircumferenceZ(table: LmsTable, sex: Sex, days: number, cm: number): number | undefined {
  const lms = lmsAt(table, sex, days);
  return lms ? roundZ(lmsZ(cm, lms)) : undefined;
}

/**
 * The judgement of one head measurement, or undefined when it cannot be judged: no hcfa table installed, the
 * child older than the rule's range, or a date outside the table.
 */
export function judgeHeadCircumference(
  input: { readonly sex: Sex; readonly birthDate: string; readonly date: string; readonly cm: number },
  growth: GrowthTables | undefined,
  rules: HeadCircumferenceRules = HEAD_CIRCUMFERENCE_RULES,
): HeadCircumferenceResult | undefined {
  const table = growth?.tables.hcfa;
  if (!table) return undefined;
  const days = ageInDays(input.birthDate, input.date);
  if (days < 0 || days > rules.toMonths * DAYS_PER_MONTH) return undefined;
  const z = headCircumferenceZ(table, input.sex, days, input.cm);
  if (z === undefined) return undefined;
  const code = z < rules.microBelowZ ? 'microcephaly' : z > rules.macroAboveZ ? 'macrocephaly' : 'normal';
  return { z, code };
}
