import { t } from '../../i18n/index.ts';
import { formatNumber } from '../format.ts';

/**
 * One measurement as one plain line ("BB 9,35 kg · PB 74 cm"): the history lists it so, and the posyandu day
 * reads it back right after saving, so the kader sees what went into the record.
 */
export function measurementLine(record: Record<string, unknown>): string {
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  const amount = (value: unknown) => (typeof value === 'number' ? formatNumber(value) : text(value));
  return [
    record.weightKg !== undefined ? t('tl_weight', { kg: amount(record.weightKg) }) : '',
    record.lengthHeightCm !== undefined ? t('tl_length', { cm: amount(record.lengthHeightCm) }) : '',
    record.muacCm !== undefined ? t('tl_muac', { cm: amount(record.muacCm) }) : '',
    // Shown even where the hcfa table is missing and the head cannot be judged: the value is kept and seen.
    record.headCircumferenceCm !== undefined ? t('tl_head', { cm: amount(record.headCircumferenceCm) }) : '',
    record.systolicMmHg !== undefined
      ? t('tl_bp', { sys: text(record.systolicMmHg), dia: text(record.diastolicMmHg) })
      : '',
    record.bloodGlucoseMgDl !== undefined ? t('tl_glucose', { value: amount(record.bloodGlucoseMgDl) }) : '',
    record.fastingGlucoseMgDl !== undefined
      ? t('tl_glucose_fasting', { value: amount(record.fastingGlucoseMgDl) })
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
}
