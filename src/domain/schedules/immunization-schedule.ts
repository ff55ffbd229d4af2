import type { CalendarSpan } from '../dates/calendar.ts';

/**
 * The national routine immunisation schedule as data. Code reads it; it never hard-codes an age. A puskesmas or a
 * later KMK swaps the whole object (new `version`), and every computed status names the version it used.
 */

export type DoseSetting = 'posyandu' | 'school';

/** SATUSEHAT immunization-reason codes (IM-Dasar, IM-Baduta, IM-SD) in snake_case. */
export type ImmunizationProgramme = 'dasar' | 'baduta' | 'sd';

export interface DoseRule {
  /** Dose code as recorded in Immunization.vaccine: snake_case, unique within the schedule. */
  readonly code: string;
  /** The vaccine series: an Immunization recorded with just this code fills the series' next open dose. */
  readonly series: string;
  readonly label: string;
  /** Age from which the dose is due. */
  readonly dueAge: CalendarSpan;
  /** Age from which a dose not yet given is overdue (a home-visit task). */
  readonly overdueAge: CalendarSpan;
  /** Last age (inclusive) at which the dose may still be given; null: no upper limit in the programme. */
  readonly latestAge: CalendarSpan | null;
  /** Minimum interval after the previous dose of the same series. */
  readonly minInterval: CalendarSpan | null;
  readonly programme: ImmunizationProgramme;
  readonly setting: DoseSetting;
  readonly sex?: 'female' | 'male';
  /** Off unless the area turns it on (e.g. JE in endemic areas). */
  readonly optional?: boolean;
  /** Fields whose values are not confirmed by a primary source; see docs/schedules.md. */
  readonly unconfirmed?: readonly string[];
  readonly note?: string;
}

/**
 * A series whose number of doses depends on the age at which it starts (catch-up): a child who starts late needs
 * fewer doses. The band is picked by the age at the first dose given, or today's age when none is given yet.
 */
export interface SeriesCatchUp {
  readonly series: string;
  /** Completed months at the start, inclusive. */
  readonly startFromMonths: number;
  readonly startToMonths: number;
  readonly doses: number;
  /** Minimum interval between the doses of this band. */
  readonly interval: CalendarSpan | null;
  readonly source: string;
}

export interface ImmunizationSchedule {
  readonly version: string;
  readonly source: string;
  /**
   * After a late previous dose, the next one is due once the interval has passed and overdue this much later
   * (one posyandu month).
   */
  readonly graceAfterInterval: CalendarSpan;
  /** Series codes switched on for this area (optional rows stay off otherwise). */
  readonly enabledOptional: readonly string[];
  readonly doses: readonly DoseRule[];
  readonly catchUp?: readonly SeriesCatchUp[];
}

const PCV_CATCH_UP_SOURCE =
  'Kemenkes PCV catch-up (Juknis introduksi PCV; reference §4.1 "PCV catch-up"): started at 12-23 months 2 doses ' +
  '8 weeks apart, from 24 months 1 dose, to 59 months.';

const FOUR_WEEKS: CalendarSpan = { days: 28 };
/** The under-five catch-up scope: the last day before the 5th birthday. */
const UNDER_FIVE_LAST_DAY: CalendarSpan = { months: 60, days: -1 };
const CATCH_UP_UNCONFIRMED = ['latestAge'];

const infantDose = (
  code: string,
  series: string,
  label: string,
  dueMonths: number,
  minInterval: CalendarSpan | null,
  extra: Partial<DoseRule> = {},
): DoseRule => ({
  code,
  series,
  label,
  dueAge: { months: dueMonths },
  overdueAge: { months: dueMonths + 1 },
  latestAge: UNDER_FIVE_LAST_DAY,
  minInterval,
  programme: 'dasar',
  setting: 'posyandu',
  unconfirmed: CATCH_UP_UNCONFIRMED,
  ...extra,
});

const ROTAVIRUS_LAST_DAY: CalendarSpan = { months: 6, days: 29 };

export const NATIONAL_IMMUNIZATION_SCHEDULE: ImmunizationSchedule = {
  version: 'KMK-1098-2024+KMK-35-2025/r2',
  source:
    'KMK HK.01.07/MENKES/1098/2024 as amended by KMK HK.01.07/MENKES/35/2025 (programme schedule), ' +
    'per ilp-kader-reference §4.1-4.2: RV circular IM.02.02/C/3052/2023, IPV2 KMK HK.01.07/MENKES/1453/2022, ' +
    'PCV national introduction 2022; minimum intervals and catch-up limits per Permenkes 12/2017 where marked.',
  graceAfterInterval: { months: 1 },
  enabledOptional: [],
  doses: [
    {
      code: 'hb0',
      series: 'hb0',
      label: 'Hepatitis B0 (HB0)',
      dueAge: { days: 0 },
      // Given within 24 hours; a date-only record cannot tell hours, so from the next day it is late.
      overdueAge: { days: 1 },
      latestAge: { days: 7 },
      minInterval: null,
      programme: 'dasar',
      setting: 'posyandu',
    },
    // Juknis ILP and the Buku KIA: BCG and OPV1 "0-1 bulan", i.e. from birth and before one month.
    infantDose('bcg', 'bcg', 'BCG', 0, null, {
      latestAge: { months: 12, days: -1 },
      note: 'Given before the first birthday without a tuberculin test.',
    }),
    infantDose('opv_1', 'opv', 'Polio tetes 1 (bOPV)', 0, null),
    infantDose('opv_2', 'opv', 'Polio tetes 2 (bOPV)', 2, FOUR_WEEKS),
    infantDose('opv_3', 'opv', 'Polio tetes 3 (bOPV)', 3, FOUR_WEEKS),
    infantDose('opv_4', 'opv', 'Polio tetes 4 (bOPV)', 4, FOUR_WEEKS),
    infantDose('dpt_hb_hib_1', 'dpt_hb_hib', 'DPT-HB-Hib 1', 2, null),
    infantDose('dpt_hb_hib_2', 'dpt_hb_hib', 'DPT-HB-Hib 2', 3, FOUR_WEEKS),
    infantDose('dpt_hb_hib_3', 'dpt_hb_hib', 'DPT-HB-Hib 3', 4, FOUR_WEEKS),
    infantDose('pcv_1', 'pcv', 'PCV 1', 2, null),
    infantDose('pcv_2', 'pcv', 'PCV 2', 3, FOUR_WEEKS),
    infantDose('rv_1', 'rv', 'Rotavirus 1', 2, null, { latestAge: ROTAVIRUS_LAST_DAY, unconfirmed: ['latestAge'] }),
    infantDose('rv_2', 'rv', 'Rotavirus 2', 3, FOUR_WEEKS, {
      latestAge: ROTAVIRUS_LAST_DAY,
      unconfirmed: ['latestAge'],
    }),
    infantDose('rv_3', 'rv', 'Rotavirus 3', 4, FOUR_WEEKS, { latestAge: ROTAVIRUS_LAST_DAY, unconfirmed: [] }),
    infantDose('ipv_1', 'ipv', 'IPV 1 (polio suntik)', 4, null, { unconfirmed: [] }),
    infantDose('mr_1', 'mr', 'Campak-Rubela (MR) 1', 9, null),
    infantDose('ipv_2', 'ipv', 'IPV 2 (polio suntik)', 9, { months: 4 }, { unconfirmed: ['minInterval'] }),
    infantDose('je', 'je', 'Japanese Encephalitis (JE)', 10, null, {
      optional: true,
      note: 'Endemic areas only (e.g. Bali).',
    }),
    infantDose('pcv_3', 'pcv', 'PCV 3 (lanjutan)', 12, { days: 56 }, { unconfirmed: ['minInterval', 'latestAge'] }),
    infantDose(
      'dpt_hb_hib_4',
      'dpt_hb_hib',
      'DPT-HB-Hib lanjutan (18 bulan)',
      18,
      { months: 12 },
      {
        programme: 'baduta',
        unconfirmed: ['minInterval', 'latestAge'],
      },
    ),
    infantDose(
      'mr_2',
      'mr',
      'Campak-Rubela (MR) lanjutan (18 bulan)',
      18,
      { months: 6 },
      {
        programme: 'baduta',
        unconfirmed: ['minInterval', 'latestAge'],
      },
    ),
    // School doses (BIAS) follow the school grade, not the birthday: the ages below are the usual age of the grade,
    // for display only; the posyandu due list leaves them out.
    schoolDose('mr_bias', 'mr_bias', 'MR kelas 1 SD (BIAS Agustus)', 7),
    schoolDose('dt_bias', 'dt_bias', 'DT kelas 1 SD (BIAS November)', 7),
    schoolDose('td_bias_1', 'td_bias', 'Td kelas 2 SD (BIAS November)', 8),
    schoolDose('td_bias_2', 'td_bias', 'Td kelas 5 SD (BIAS November)', 11),
    schoolDose('hpv', 'hpv', 'HPV kelas 5 SD, anak perempuan (BIAS Agustus, dosis tunggal)', 11, 'female'),
  ],
  catchUp: [
    {
      series: 'pcv',
      startFromMonths: 12,
      startToMonths: 23,
      doses: 2,
      interval: { days: 56 },
      source: PCV_CATCH_UP_SOURCE,
    },
    { series: 'pcv', startFromMonths: 24, startToMonths: 59, doses: 1, interval: null, source: PCV_CATCH_UP_SOURCE },
  ],
};

function schoolDose(code: string, series: string, label: string, ageYears: number, sex?: 'female'): DoseRule {
  return {
    code,
    series,
    label,
    dueAge: { months: ageYears * 12 },
    overdueAge: { months: ageYears * 12 + 12 },
    latestAge: null,
    minInterval: null,
    programme: 'sd',
    setting: 'school',
    ...(sex ? { sex } : {}),
    unconfirmed: ['dueAge', 'overdueAge'],
  };
}

/** Doses that apply to a child of this sex in this schedule, optional series only when enabled. */
export function applicableDoses(schedule: ImmunizationSchedule, sex: 'male' | 'female'): DoseRule[] {
  return schedule.doses.filter(
    (dose) =>
      (dose.sex === undefined || dose.sex === sex) &&
      (!dose.optional || schedule.enabledOptional.includes(dose.series)),
  );
}
