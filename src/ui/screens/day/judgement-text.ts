import type { Judgement, ReferralDestination } from '../../../domain/assessment/assessment-types.ts';
import { t, type StringKey } from '../../../i18n/index.ts';

const decimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
const zFormat = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Numbers as Indonesians write them: 11,4 not 11.4. */
export function formatNumber(value: number): string {
  return decimal.format(value);
}

/** What was judged: "LiLA anak", "BB/PB atau BB/TB", "Kesehatan jiwa (SRQ-20)". */
export function judgementTitle(j: Pick<Judgement, 'ruleId' | 'code'>): string {
  if (j.ruleId === 'growth') return t(`index_${j.code.split(':')[0] ?? ''}` as StringKey);
  if (j.ruleId === 'screening') return t(`screen_${j.code.split(':')[0] ?? ''}` as StringKey);
  return t(`rule_${j.ruleId}` as StringKey);
}

/** What it means, in the kader's words. */
export function judgementMeaning(j: Pick<Judgement, 'ruleId' | 'code'>): string {
  if (j.ruleId === 'growth') return t(`growthcat_${j.code.split(':')[1] ?? ''}` as StringKey);
  if (j.ruleId === 'screening') return t(`screenres_${j.code.split(':')[1] ?? ''}` as StringKey);
  return t(`judge_${j.ruleId}_${j.code}` as StringKey);
}

/** The value as measured, in Indonesian number format with its unit. */
export function judgementValue(j: Judgement): string {
  if (j.value === undefined) return '';
  const value = formatNumber(j.value);
  switch (j.ruleId) {
    case 'child_muac':
    case 'elderly_muac':
    case 'kek':
    case 'waist':
      return t('value_cm', { value });
    case 'bp_pregnancy':
    case 'bp_adult':
      return t('value_bp', { value: `${j.value}/${j.value2 ?? ''}` });
    case 'glucose':
    case 'glucose_fasting':
      return t('value_glucose', { value });
    case 'bmi_adult':
      return t('value_bmi', { value: new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1 }).format(j.value) });
    case 'growth':
    case 'head_circumference':
      return t('value_z', { value: zFormat.format(j.value) });
    case 'kms':
      return t('value_gain', { value });
    case 'td_status':
      return t('value_td', { value });
    case 'danger_signs':
      return t('value_signs', { value });
    default:
      return t('value_score', { value });
  }
}

export function destinationLabel(destination: ReferralDestination): string {
  return t(`dest_${destination}`);
}

/** The subject of a 'finding' home-visit task is "<ruleId>/<code>". */
export function findingTaskText(subject: string): string {
  const [ruleId = '', code = ''] = subject.split('/');
  return `${judgementTitle({ ruleId, code })}: ${judgementMeaning({ ruleId, code })}`;
}

export const LEVEL_CLASS: Record<Judgement['level'], string> = {
  normal: 'banner good',
  attention: 'banner warn',
  refer: 'banner bad',
  urgent: 'banner bad',
};
