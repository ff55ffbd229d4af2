import type { ChartPoint, ChartVariant } from '../../domain/growth/kms-chart-data.ts';
import { HEAD_CIRCUMFERENCE_RULES } from '../../domain/growth/head-circumference.ts';
import { categorize } from '../../domain/growth/nutrition-status.ts';
import type { StringKey } from '../../i18n/index.ts';

const WEIGHT_CATEGORY_WORDS: Record<string, StringKey> = {
  bb_sangat_kurang: 'chart_weightVeryLow',
  bb_kurang: 'chart_weightLow',
  bb_normal: 'chart_weightNormal',
  risiko_bb_lebih: 'chart_weightHigh',
};

const LENGTH_CATEGORY_WORDS: Record<string, StringKey> = {
  sangat_pendek: 'chart_lengthVeryShort',
  pendek: 'chart_lengthShort',
  normal: 'chart_lengthNormal',
  tinggi: 'chart_lengthTall',
};

/** The sentences a mother reads under the chart, most urgent first, for the child's latest point. */
export function latestStatusKeys(latest: ChartPoint | undefined, variant: ChartVariant, oedema = false): StringKey[] {
  if (!latest) return ['chart_noMeasurements'];
  const keys: StringKey[] = [];
  if (variant === 'weight') {
    if (oedema) keys.push('chart_statusOedema');
    if (latest.kms?.belowRedLine) keys.push('chart_statusBgm');
    const kms = latest.kms;
    if (kms?.twoT) keys.push('chart_status2T');
    else if (kms?.code === 'N') keys.push('chart_statusN');
    else if (kms?.code === 'T') keys.push('chart_statusT');
    else if (kms?.code === 'O') keys.push('chart_statusO');
    else if (kms?.code === 'B') keys.push('chart_statusB');
  }
  if (variant === 'head') return latest.z ? [headWords(latest.z.z)] : [];
  if (latest.z) {
    const category = categorize(variant === 'weight' ? 'bbu' : 'pbu', latest.z.z);
    const words = category && (variant === 'weight' ? WEIGHT_CATEGORY_WORDS : LENGTH_CATEGORY_WORDS)[category.key];
    if (words) keys.push(words);
  }
  return keys;
}

/** The head-circumference rule's own cut-offs (both bounds normal), so the chart says what the judgement says. */
function headWords(z: number): StringKey {
  if (z < HEAD_CIRCUMFERENCE_RULES.microBelowZ) return 'chart_headSmall';
  if (z > HEAD_CIRCUMFERENCE_RULES.macroAboveZ) return 'chart_headLarge';
  return 'chart_headNormal';
}
