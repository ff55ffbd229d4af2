import type { ChartPoint, ChartVariant } from '../../domain/growth/kms-chart-data.ts';
import { categorize } from '../../domain/growth/nutrition-status.ts';
import type { GrowthStringKey } from '../../i18n/growth-strings.ts';

const WEIGHT_CATEGORY_WORDS: Record<string, GrowthStringKey> = {
  bb_sangat_kurang: 'weightVeryLow',
  bb_kurang: 'weightLow',
  bb_normal: 'weightNormal',
  risiko_bb_lebih: 'weightHigh',
};

const LENGTH_CATEGORY_WORDS: Record<string, GrowthStringKey> = {
  sangat_pendek: 'lengthVeryShort',
  pendek: 'lengthShort',
  normal: 'lengthNormal',
  tinggi: 'lengthTall',
};

/** The sentences a mother reads under the chart, most urgent first, for the child's latest point. */
export function latestStatusKeys(
  latest: ChartPoint | undefined,
  variant: ChartVariant,
  oedema = false,
): GrowthStringKey[] {
  if (!latest) return ['noMeasurements'];
  const keys: GrowthStringKey[] = [];
  if (variant === 'weight') {
    if (oedema) keys.push('statusOedema');
    if (latest.kms?.belowRedLine) keys.push('statusBgm');
    const kms = latest.kms;
    if (kms?.twoT) keys.push('status2T');
    else if (kms?.code === 'N') keys.push('statusN');
    else if (kms?.code === 'T') keys.push('statusT');
    else if (kms?.code === 'O') keys.push('statusO');
    else if (kms?.code === 'B') keys.push('statusB');
  }
  if (latest.z) {
    const category = categorize(variant === 'weight' ? 'bbu' : 'pbu', latest.z.z);
    const words = category && (variant === 'weight' ? WEIGHT_CATEGORY_WORDS : LENGTH_CATEGORY_WORDS)[category.key];
    if (words) keys.push(words);
  }
  return keys;
}
