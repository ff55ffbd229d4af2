import { addSpan, type CalendarSpan } from '../dates/calendar.ts';

/**
 * Td (tetanus-diphtheria) status of a woman of childbearing age or a pregnant woman: T1 to T5 from the doses in
 * her Buku KIA, each counting only when given at least the interval after the one before. The kader checks it;
 * the bidan gives the dose.
 */
export interface TdRules {
  readonly version: string;
  readonly source: string;
  /** Vaccine codes (Immunization.vaccine) that count as a tetanus-toxoid dose. */
  readonly vaccineCodes: readonly string[];
  /** Minimum interval before T2, T3, T4 and T5. */
  readonly intervals: readonly [CalendarSpan, CalendarSpan, CalendarSpan, CalendarSpan];
  readonly fromYears: number;
  readonly toYears: number;
  readonly unconfirmed: readonly string[];
}

export const TD_RULES: TdRules = {
  version: 'PMK-12-2017-td/r1',
  source:
    'Permenkes 12/2017 Td for WUS and pregnant women, T1-T5: T2 4 weeks after T1, T3 6 months after T2, T4 and T5 ' +
    'one year after the previous (ilp-kader-reference §4.1, intervals UNCONFIRMED there).',
  vaccineCodes: ['td', 'tt', 'td_wus'],
  intervals: [{ days: 28 }, { months: 6 }, { months: 12 }, { months: 12 }],
  fromYears: 15,
  toYears: 49,
  unconfirmed: ['intervals', 'childhood DPT/DT/Td (BIAS) doses are not counted toward T status here'],
};

export interface TdStatus {
  /** 0-5: T0 (none) to T5 (protected for life per the programme). */
  readonly level: number;
  /** The day the next dose may be given; absent at T5. */
  readonly nextDue?: string;
  readonly lastDose?: string;
  readonly rulesVersion: string;
}

export function tdStatus(
  doses: readonly { readonly vaccine: string; readonly date: string }[],
  rules: TdRules = TD_RULES,
): TdStatus {
  const dates = doses
    .filter((d) => rules.vaccineCodes.includes(d.vaccine))
    .map((d) => d.date)
    .sort();
  let level = 0;
  let last: string | undefined;
  for (const date of dates) {
    if (level >= 5) break;
    const interval = level === 0 ? undefined : rules.intervals[level - 1];
    // A dose given before the interval has passed does not raise the status.
    if (last && interval && date < addSpan(last, interval)) continue;
    level += 1;
    last = date;
  }
  const interval = level >= 1 && level < 5 ? rules.intervals[level - 1] : undefined;
  return {
    level,
    ...(last ? { lastDose: last } : {}),
    ...(level === 0 ? {} : interval && last ? { nextDue: addSpan(last, interval) } : {}),
    rulesVersion: rules.version,
  };
}
