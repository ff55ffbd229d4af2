import type { Immunization } from '../../../protocol/index.ts';
import { addSpan, daysBetween } from '../dates/calendar.ts';
import {
  applicableDoses,
  NATIONAL_IMMUNIZATION_SCHEDULE,
  type DoseRule,
  type ImmunizationSchedule,
} from './immunization-schedule.ts';

/**
 * - done: given (on `givenDate`);
 * - upcoming: not yet due on the date;
 * - due: due now, not yet overdue;
 * - overdue: past its overdue day and still allowed;
 * - too_late: past the last allowed age, can no longer be given.
 */
export const DOSE_STATUSES = ['done', 'upcoming', 'due', 'overdue', 'too_late'] as const;
export type DoseStatus = (typeof DOSE_STATUSES)[number];

export interface DoseState {
  readonly code: string;
  readonly label: string;
  readonly status: DoseStatus;
  readonly givenDate?: string;
  /** When the dose becomes due: its age, or later when the previous dose was late (minimum interval). */
  readonly dueDate: string;
  readonly overdueDate: string;
  /** Last day it may be given; absent when the programme sets no limit. */
  readonly latestDate?: string;
  /** The previous dose of the series, not yet given: this one cannot be given before it. */
  readonly blockedBy?: string;
  /** Can the dose be given on the date asked about (due or overdue, not blocked, interval respected)? */
  readonly givableNow: boolean;
  readonly setting: DoseRule['setting'];
}

export interface ChildImmunizationStatus {
  readonly scheduleVersion: string;
  readonly doses: readonly DoseState[];
}

export interface ChildForSchedule {
  readonly personId: string;
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
}

type GivenRecord = Pick<Immunization, 'vaccine' | 'date'> & Partial<Pick<Immunization, 'id' | 'supersedes'>>;

/**
 * Matches recorded immunisations to doses: an exact dose code first, then a bare series code ("opv") fills the
 * series' earliest open dose in date order. A record superseded by a later correction does not count.
 */
export function matchGivenDoses(doses: readonly DoseRule[], given: readonly GivenRecord[]): Map<string, string> {
  const superseded = new Set(given.flatMap((record) => (record.supersedes ? [record.supersedes] : [])));
  const valid = given
    .filter((record) => record.id === undefined || !superseded.has(record.id))
    .slice()
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const givenOn = new Map<string, string>();
  for (const record of valid) {
    if (doses.some((dose) => dose.code === record.vaccine) && !givenOn.has(record.vaccine)) {
      givenOn.set(record.vaccine, record.date);
    }
  }
  for (const record of valid) {
    if (doses.some((dose) => dose.code === record.vaccine)) continue;
    const open = doses.find((dose) => dose.series === record.vaccine && !givenOn.has(dose.code));
    if (open) givenOn.set(open.code, record.date);
  }
  return givenOn;
}

export function childImmunizationStatus(
  child: Pick<ChildForSchedule, 'birthDate' | 'sex'>,
  given: readonly GivenRecord[],
  date: string,
  schedule: ImmunizationSchedule = NATIONAL_IMMUNIZATION_SCHEDULE,
): ChildImmunizationStatus {
  const doses = applicableDoses(schedule, child.sex);
  const givenOn = matchGivenDoses(doses, given);
  const states = doses.map((dose) => {
    const previous = previousInSeries(doses, dose);
    return doseState(child.birthDate, dose, previous, givenOn, date, schedule);
  });
  return { scheduleVersion: schedule.version, doses: states };
}

function previousInSeries(doses: readonly DoseRule[], dose: DoseRule): DoseRule | undefined {
  const series = doses.filter((candidate) => candidate.series === dose.series);
  const index = series.indexOf(dose);
  return index > 0 ? series[index - 1] : undefined;
}

function doseState(
  birthDate: string,
  dose: DoseRule,
  previous: DoseRule | undefined,
  givenOn: ReadonlyMap<string, string>,
  date: string,
  schedule: ImmunizationSchedule,
): DoseState {
  const ageDue = addSpan(birthDate, dose.dueAge);
  const ageOverdue = addSpan(birthDate, dose.overdueAge);
  const latestDate = dose.latestAge ? addSpan(birthDate, dose.latestAge) : undefined;
  const previousGiven = previous ? givenOn.get(previous.code) : undefined;

  let dueDate = ageDue;
  let overdueDate = ageOverdue;
  if (previousGiven && dose.minInterval) {
    const intervalDate = addSpan(previousGiven, dose.minInterval);
    if (intervalDate > dueDate) {
      dueDate = intervalDate;
      const shiftedOverdue = addSpan(intervalDate, schedule.graceAfterInterval);
      if (shiftedOverdue > overdueDate) overdueDate = shiftedOverdue;
    }
  }
  const base = {
    code: dose.code,
    label: dose.label,
    dueDate,
    overdueDate,
    setting: dose.setting,
    ...(latestDate ? { latestDate } : {}),
  };

  const givenDate = givenOn.get(dose.code);
  if (givenDate) return { ...base, status: 'done', givenDate, givableNow: false };

  const blockedBy = previous && !previousGiven ? previous.code : undefined;
  let status: DoseStatus;
  if (latestDate && date > latestDate) status = 'too_late';
  else if (date < ageDue) status = 'upcoming';
  else if (date >= overdueDate) status = 'overdue';
  else if (date >= dueDate) status = 'due';
  // Past the age but waiting for the interval after a late previous dose: it is due again later.
  else status = 'upcoming';
  // A dose whose interval would push it past its last allowed day can never be given.
  if (status !== 'too_late' && latestDate && dueDate > latestDate) status = 'too_late';

  const givableNow = (status === 'due' || status === 'overdue') && !blockedBy && date >= dueDate;
  return { ...base, status, givableNow, ...(blockedBy ? { blockedBy } : {}) };
}

export interface DueListEntry {
  readonly personId: string;
  readonly code: string;
  readonly label: string;
  readonly status: 'due' | 'overdue';
  readonly dueDate: string;
  readonly daysOverdue: number;
}

export interface ChildWithImmunizations extends ChildForSchedule {
  readonly immunizations: readonly GivenRecord[];
}

/**
 * The posyandu-wide list of doses that can be given on `today`: school (BIAS) doses and doses blocked by an
 * earlier one are left out. Most overdue first, then by child and schedule order.
 */
export function posyanduDueList(
  children: readonly ChildWithImmunizations[],
  today: string,
  schedule: ImmunizationSchedule = NATIONAL_IMMUNIZATION_SCHEDULE,
): DueListEntry[] {
  const entries: DueListEntry[] = [];
  for (const child of children) {
    const { doses } = childImmunizationStatus(child, child.immunizations, today, schedule);
    for (const dose of doses) {
      if (!dose.givableNow || dose.setting !== 'posyandu') continue;
      if (dose.status !== 'due' && dose.status !== 'overdue') continue;
      entries.push({
        personId: child.personId,
        code: dose.code,
        label: dose.label,
        status: dose.status,
        dueDate: dose.dueDate,
        daysOverdue: dose.status === 'overdue' ? daysBetween(dose.overdueDate, today) : 0,
      });
    }
  }
  return entries.sort((a, b) => b.daysOverdue - a.daysOverdue);
}
