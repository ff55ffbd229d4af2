import { completedMonths } from '../dates/calendar.ts';
import { KBM_KMS_2010, type KbmTable, minimumGainGrams } from './kbm-table.ts';

/**
 * The KMS codes of the posyandu register:
 * N naik (gain >= KBM), T tidak naik (gain < KBM), O not weighed last month, B first weighing (baru).
 * 2T (a second T in a row) and BGM (below the red line) are marks on top of these; D = N + T + O + B.
 */
export type KmsCode = 'N' | 'T' | 'O' | 'B';

/**
 * The red line. The pre-2020 KMS drew it at weight-for-age -3 SD; BGM is a weight-for-age z-score strictly below
 * -3.00 (rounded), i.e. "berat badan sangat kurang" in Permenkes 2/2020. Exactly -3.00 is on the line, not below.
 */
export const RED_LINE_WEIGHT_FOR_AGE_Z = -3;

export interface Weighing {
  date: string;
  weightKg: number;
  /** The weight-for-age z-score of this weighing (WHO 2006, or WHO 2007 from 60 months), when computable. */
  weightForAgeZ?: number;
  oedema?: boolean;
}

export type Referral = 'none' | 'health_worker' | 'puskesmas';

export interface KmsMonth {
  /** 'YYYY-MM' of the weighing. */
  month: string;
  date: string;
  weightKg: number;
  ageMonths: number;
  /** Undefined past the KBM table's last month (the KMS covers 0-60 months). */
  code?: KmsCode;
  /** T this month and T last month: refer to the puskesmas. */
  twoT: boolean;
  gainGrams?: number;
  minGainGrams?: number;
  /** Undefined when no weight-for-age z-score is known (oedema, missing tables). */
  belowRedLine?: boolean;
  /** T: the kader refers to the health worker; 2T, BGM or oedema: to the puskesmas. */
  referral: Referral;
}

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/**
 * Judges every month in which the child was weighed. The month's weighing is its last one (a re-weighing in
 * the same month replaces the first); N/T compare it with the weighing of the calendar month just before.
 */
export function judgeKmsHistory(
  birthDate: string,
  weighings: readonly Weighing[],
  kbm: KbmTable = KBM_KMS_2010,
): KmsMonth[] {
  const byMonth = new Map<number, Weighing>();
  for (const weighing of [...weighings].sort((a, b) => a.date.localeCompare(b.date))) {
    byMonth.set(monthIndex(weighing.date), weighing);
  }
  const months = [...byMonth.keys()].sort((a, b) => a - b);
  const results: KmsMonth[] = [];
  const byIndex = new Map<number, KmsMonth>();
  for (const [position, index] of months.entries()) {
    const weighing = byMonth.get(index) as Weighing;
    // The KMS counts calendar months (born 15 Jan, weighed 15 Mar: 2 months), not WHO's 30.4375-day months.
    const ageMonths = completedMonths(birthDate, weighing.date);
    const previous = byMonth.get(index - 1);
    const minGain = minimumGainGrams(kbm, ageMonths);
    const result: KmsMonth = {
      month: weighing.date.slice(0, 7),
      date: weighing.date,
      weightKg: weighing.weightKg,
      ageMonths,
      twoT: false,
      referral: 'none',
    };
    if (minGain !== undefined) {
      if (position === 0) result.code = 'B';
      else if (!previous) result.code = 'O';
      else {
        // Whole grams: scales weigh to 0.1 kg, and kg differences in floating point are not exact.
        const gain = Math.round(weighing.weightKg * 1000) - Math.round(previous.weightKg * 1000);
        result.gainGrams = gain;
        result.minGainGrams = minGain;
        result.code = gain >= minGain ? 'N' : 'T';
        result.twoT = result.code === 'T' && byIndex.get(index - 1)?.code === 'T';
      }
    }
    if (weighing.weightForAgeZ !== undefined) result.belowRedLine = weighing.weightForAgeZ < RED_LINE_WEIGHT_FOR_AGE_Z;
    if (result.twoT || result.belowRedLine || weighing.oedema) result.referral = 'puskesmas';
    else if (result.code === 'T') result.referral = 'health_worker';
    results.push(result);
    byIndex.set(index, result);
  }
  return results;
}
