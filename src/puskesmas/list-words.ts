import type { ListName, ListReason } from './api.ts';
import { type StaffStringKey, staffLocale, t } from './strings/index.ts';

export function listTitle(list: ListName): string {
  return t(`list_${list.replace('-', '_')}` as StaffStringKey);
}

const hasKey = (key: string): key is StaffStringKey => Object.hasOwn(KNOWN, key);
// The reason codes the server sends (server/src/services/staff-list-rows.ts), as string keys.
const KNOWN: Record<string, true> = Object.fromEntries(
  [
    'growth:bbpb:gizi_buruk',
    'growth:bbpb:gizi_kurang',
    'growth:imtu_0_60:gizi_buruk',
    'growth:imtu_0_60:gizi_kurang',
    'growth:pbu:sangat_pendek',
    'growth:pbu:pendek',
    'growth:bbu:bb_sangat_kurang',
    'growth:bbu:bb_kurang',
    'kms:2T',
    'kms:BGM',
    'child_muac:severe',
    'child_muac:moderate',
    'child_oedema:present',
    'kek:kek',
    'bp_pregnancy:hypertension',
    'bp_pregnancy:severe',
    'danger_signs:pregnancy',
    'pregnancy_past_due',
    'bp_adult:hypertension_1',
    'bp_adult:hypertension_2',
    'bp_adult:hypertension_3',
    'glucose:suspected_diabetes',
    'glucose_fasting:diabetes',
    'no_bp_12_months',
    'referral:urgent',
    'referral:routine',
  ].map((code) => [`reason_${code.replace(/:/g, '_')}`, true]),
);

export function formatNumber(value: number, digits?: number): string {
  return value.toLocaleString(staffLocale() === 'id' ? 'id-ID' : 'en-GB', {
    ...(digits === undefined ? { maximumFractionDigits: 1 } : { minimumFractionDigits: digits }),
    maximumFractionDigits: digits ?? 1,
  });
}

/** One reason in the staff's words, with its value where it tells something (the mmHg, the cm, the mg/dL). */
export function reasonText(reason: ListReason): string {
  const { code } = reason;
  if (code.startsWith('overdue_dose:')) {
    return t('reason_overdue_dose', { dose: code.slice('overdue_dose:'.length).replace(/_/g, ' ').toUpperCase() });
  }
  const dependence = /^screening:adl_barthel:(mild|moderate|severe|total)_dependence$/.exec(code);
  if (dependence) return t(`reason_dependence_${dependence[1] ?? 'mild'}` as StaffStringKey);
  const key = `reason_${code.replace(/:/g, '_')}`;
  const words = hasKey(key) ? t(key) : t('reason_other', { code });
  if (reason.value2 !== undefined && reason.value !== undefined) return `${words} (${reason.value}/${reason.value2})`;
  if (code.startsWith('child_muac') || code === 'kek:kek' || code.startsWith('glucose')) {
    return reason.value === undefined ? words : `${words} (${formatNumber(reason.value)})`;
  }
  return words;
}
