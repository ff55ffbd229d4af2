import type { Immunization } from '../../../protocol/index.ts';
import { addSpan, completedMonths, daysBetween, type CalendarSpan } from './calendar-v1.ts';
import {
  applicableDoses,
  NATIONAL_IMMUNIZATION_SCHEDULE,
  type DoseRule,
  type ImmunizationSchedule,
  type SeriesCatchUp,
} from '../../../src/domain/schedules/immunization-schedule.ts';

/**
 * - done: given (on `givenDate`);
 * - upcoming: not yet due on the date;
 * - due: due now, not yet overdue;
 * - overdue: past its overdue day and still allowed;
 * - too_late: past the last allowed age, can no longer be given;
 * - not_needed: a catch-up series started late needs fewer doses (PCV from 12 months).
 */
export const DOSE_STATUSES = ['done', 'upcoming', 'due', 'overdue', 'too_late', 'not_needed'] as const;
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
function matchGivenDoses(doses: readonly DoseRule[], given: readonly GivenRecord[]): Map<string, string> {
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
  const scheduled = applicableDoses(schedule, child.sex);
  const givenOn = matchGivenDoses(scheduled, given);
  const notNeeded = new Set<string>();
  const bands = new Map<string, SeriesCatchUp | undefined>();
  const doses = scheduled.map((dose) => {
    if (!bands.has(dose.series)) {
      bands.set(dose.series, catchUpBand(schedule, scheduled, dose.series, givenOn, child.birthDate, date));
    }
    const band = bands.get(dose.series);
    if (!band) return dose;
    const position = scheduled.filter((d) => d.series === dose.series).indexOf(dose);
    if (position >= band.doses) notNeeded.add(dose.code);
    // The infant ages are long past for a late start; only the band's interval between its doses still applies.
    return { ...dose, minInterval: position === 0 ? null : band.interval };
  });
  const states = doses.map((dose) => {
    const previous = previousInSeries(doses, dose);
    const state = doseState(child.birthDate, dose, previous, givenOn, date, schedule);
    return notNeeded.has(dose.code) && state.status !== 'done'
      ? { ...state, status: 'not_needed' as const, givableNow: false }
      : state;
  });
  return { scheduleVersion: schedule.version, doses: states };
}

/**
 * Whether any posyandu dose of the schedule can still be given to a child born on `birthDate`: past the last
 * allowed age of every one (the fifth birthday in the national schedule) the status is not worth computing.
 */
export function posyanduDosesPossible(schedule: ImmunizationSchedule, birthDate: string, date: string): boolean {
  const limits = schedule.doses.filter((dose) => dose.setting === 'posyandu').map((dose) => dose.latestAge);
  if (limits.some((limit) => limit === null)) return true;
  const latest = limits.reduce<CalendarSpan>(
    (max, span) => (spanLength(span) > spanLength(max) ? (span as CalendarSpan) : max),
    { days: 0 },
  );
  return date <= addSpan(birthDate, latest);
}

const spanLength = (span: CalendarSpan | null) => (span ? (span.months ?? 0) * 31 + (span.days ?? 0) : Infinity);

/** The catch-up band of a series for this child, picked by the age at its first dose (or now, if none yet). */
function catchUpBand(
  schedule: ImmunizationSchedule,
  doses: readonly DoseRule[],
  series: string,
  givenOn: ReadonlyMap<string, string>,
  birthDate: string,
  date: string,
): SeriesCatchUp | undefined {
  const bands = (schedule.catchUp ?? []).filter((band) => band.series === series);
  if (bands.length === 0) return undefined;
  const first = doses
    .filter((dose) => dose.series === series)
    .map((dose) => givenOn.get(dose.code))
    .filter((d): d is string => d !== undefined)
    .sort()[0];
  const startMonths = completedMonths(birthDate, first ?? date);
  return bands.find((band) => startMonths >= band.startFromMonths && startMonths <= band.startToMonths);
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
