import type { Immunization } from '../../../protocol/index.ts';
import {
  addSpanEpochDay,
  addSpanToEpochDay,
  completedMonths,
  fromEpochDay,
  parseCivil,
  toEpochDay,
  type CalendarSpan,
  type CivilDate,
} from '../dates/calendar.ts';
import {
  applicableDoses,
  NATIONAL_IMMUNIZATION_SCHEDULE,
  type DoseRule,
  type ImmunizationSchedule,
  type SeriesCatchUp,
} from './immunization-schedule.ts';

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
function matchGivenDoses(plan: DosePlan, given: readonly GivenRecord[]): Map<string, string> {
  let superseded: Set<string> | undefined;
  for (const record of given) if (record.supersedes) (superseded ??= new Set()).add(record.supersedes);
  const valid = (
    superseded ? given.filter((record) => record.id === undefined || !superseded.has(record.id)) : given.slice()
  ).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const givenOn = new Map<string, string>();
  for (const record of valid) {
    if (plan.codes.has(record.vaccine) && !givenOn.has(record.vaccine)) givenOn.set(record.vaccine, record.date);
  }
  for (const record of valid) {
    if (plan.codes.has(record.vaccine)) continue;
    const open = plan.series.get(record.vaccine)?.find((dose) => !givenOn.has(dose.code));
    if (open) givenOn.set(open.code, record.date);
  }
  return givenOn;
}

/**
 * The schedule's doses for one sex with what every child needs of them, worked out once per schedule rather
 * than per child and dose: each dose's previous dose in its series, its position, and the series' catch-up bands.
 * Schedules are constant data (the national one, or a versioned table), so caching them by identity is safe.
 */
interface DosePlan {
  readonly doses: readonly DoseRule[];
  readonly previous: readonly (DoseRule | undefined)[];
  readonly position: readonly number[];
  readonly bands: ReadonlyMap<string, readonly SeriesCatchUp[]>;
  /** The series' doses in schedule order. */
  readonly series: ReadonlyMap<string, readonly DoseRule[]>;
  /** The dose codes: a record with one of them names its dose, any other names a series. */
  readonly codes: ReadonlySet<string>;
}

const plans = new WeakMap<ImmunizationSchedule, Partial<Record<'male' | 'female', DosePlan>>>();

function dosePlan(schedule: ImmunizationSchedule, sex: 'male' | 'female'): DosePlan {
  const bySex = plans.get(schedule) ?? {};
  const cached = bySex[sex];
  if (cached) return cached;
  const doses = applicableDoses(schedule, sex);
  const series = new Map<string, DoseRule[]>();
  for (const dose of doses) series.set(dose.series, [...(series.get(dose.series) ?? []), dose]);
  const position = doses.map((dose) => (series.get(dose.series) ?? []).indexOf(dose));
  const previous = doses.map((dose, i) => {
    const p = position[i] ?? 0;
    return p > 0 ? series.get(dose.series)?.[p - 1] : undefined;
  });
  const bands = new Map<string, SeriesCatchUp[]>();
  for (const band of schedule.catchUp ?? []) bands.set(band.series, [...(bands.get(band.series) ?? []), band]);
  const plan: DosePlan = { doses, previous, position, bands, series, codes: new Set(doses.map((d) => d.code)) };
  plans.set(schedule, { ...bySex, [sex]: plan });
  return plan;
}

/** A dose's state with its dates as epoch days: formatted to strings only for the doses a caller keeps. */
interface DoseDays {
  readonly dose: DoseRule;
  readonly status: DoseStatus;
  readonly givenDate: string | undefined;
  readonly due: number;
  readonly overdue: number;
  readonly latest: number | undefined;
  readonly blockedBy: string | undefined;
  readonly givableNow: boolean;
}

function doseDays(
  child: Pick<ChildForSchedule, 'birthDate' | 'sex'>,
  given: readonly GivenRecord[],
  date: string,
  schedule: ImmunizationSchedule,
): DoseDays[] {
  const plan = dosePlan(schedule, child.sex);
  const givenOn = matchGivenDoses(plan, given);
  const birth = parseCivil(child.birthDate);
  const today = toEpochDay(date);
  const bands = new Map<string, SeriesCatchUp | undefined>();
  const out: DoseDays[] = [];
  for (let i = 0; i < plan.doses.length; i++) {
    const rule = plan.doses[i] as DoseRule;
    const position = plan.position[i] ?? 0;
    if (!bands.has(rule.series)) bands.set(rule.series, catchUpBand(plan, rule.series, givenOn, child.birthDate, date));
    const band = bands.get(rule.series);
    // The infant ages are long past for a late start; only the band's interval between its doses still applies.
    const minInterval = band ? (position === 0 ? null : band.interval) : rule.minInterval;
    const notNeeded = band !== undefined && position >= band.doses;
    // A catch-up started late needs fewer doses: the rest is not needed unless given anyway.
    out.push(doseState(birth, rule, minInterval, plan.previous[i], givenOn, today, schedule, notNeeded));
  }
  return out;
}

function toDoseState(days: DoseDays): DoseState {
  const { dose } = days;
  return {
    code: dose.code,
    label: dose.label,
    dueDate: fromEpochDay(days.due),
    overdueDate: fromEpochDay(days.overdue),
    setting: dose.setting,
    ...(days.latest !== undefined ? { latestDate: fromEpochDay(days.latest) } : {}),
    status: days.status,
    ...(days.givenDate ? { givenDate: days.givenDate } : {}),
    givableNow: days.givableNow,
    ...(days.blockedBy ? { blockedBy: days.blockedBy } : {}),
  };
}

export function childImmunizationStatus(
  child: Pick<ChildForSchedule, 'birthDate' | 'sex'>,
  given: readonly GivenRecord[],
  date: string,
  schedule: ImmunizationSchedule = NATIONAL_IMMUNIZATION_SCHEDULE,
): ChildImmunizationStatus {
  return { scheduleVersion: schedule.version, doses: doseDays(child, given, date, schedule).map(toDoseState) };
}

/** The longest last allowed age of the schedule's posyandu doses, or null when one has no limit. */
const latestPosyanduAge = new WeakMap<ImmunizationSchedule, { span: CalendarSpan | null }>();

/**
 * Whether any posyandu dose of the schedule can still be given to a child born on `birthDate`: past the last
 * allowed age of every one (the fifth birthday in the national schedule) the status is not worth computing.
 */
export function posyanduDosesPossible(schedule: ImmunizationSchedule, birthDate: string, date: string): boolean {
  let latest = latestPosyanduAge.get(schedule);
  if (!latest) {
    const limits = schedule.doses.filter((dose) => dose.setting === 'posyandu').map((d) => d.latestAge);
    latest = limits.some((limit) => limit === null)
      ? { span: null }
      : {
          span: limits.reduce<CalendarSpan>(
            (max, span) => (spanLength(span) > spanLength(max) ? (span as CalendarSpan) : max),
            { days: 0 },
          ),
        };
    latestPosyanduAge.set(schedule, latest);
  }
  if (latest.span === null) return true;
  return toEpochDay(date) <= addSpanEpochDay(parseCivil(birthDate), latest.span);
}

const spanLength = (span: CalendarSpan | null) => (span ? (span.months ?? 0) * 31 + (span.days ?? 0) : Infinity);

/** The catch-up band of a series for this child, picked by the age at its first dose (or now, if none yet). */
function catchUpBand(
  plan: DosePlan,
  series: string,
  givenOn: ReadonlyMap<string, string>,
  birthDate: string,
  date: string,
): SeriesCatchUp | undefined {
  const bands = plan.bands.get(series);
  if (!bands || bands.length === 0) return undefined;
  let first: string | undefined;
  for (const dose of plan.series.get(series) ?? []) {
    const given = givenOn.get(dose.code);
    if (given !== undefined && (first === undefined || given < first)) first = given;
  }
  const startMonths = completedMonths(birthDate, first ?? date);
  return bands.find((band) => startMonths >= band.startFromMonths && startMonths <= band.startToMonths);
}

function doseState(
  birth: CivilDate,
  dose: DoseRule,
  minInterval: CalendarSpan | null,
  previous: DoseRule | undefined,
  givenOn: ReadonlyMap<string, string>,
  date: number,
  schedule: ImmunizationSchedule,
  notNeeded: boolean,
): DoseDays {
  const ageDue = addSpanEpochDay(birth, dose.dueAge);
  const ageOverdue = addSpanEpochDay(birth, dose.overdueAge);
  const latest = dose.latestAge ? addSpanEpochDay(birth, dose.latestAge) : undefined;
  const previousGiven = previous ? givenOn.get(previous.code) : undefined;

  let due = ageDue;
  let overdue = ageOverdue;
  if (previousGiven && minInterval) {
    const intervalDate = addSpanEpochDay(parseCivil(previousGiven), minInterval);
    if (intervalDate > due) {
      due = intervalDate;
      const shiftedOverdue = addSpanToEpochDay(intervalDate, schedule.graceAfterInterval);
      if (shiftedOverdue > overdue) overdue = shiftedOverdue;
    }
  }
  const givenDate = givenOn.get(dose.code);
  if (givenDate) {
    return { dose, due, overdue, latest, status: 'done', givenDate, blockedBy: undefined, givableNow: false };
  }

  const blockedBy = previous && !previousGiven ? previous.code : undefined;
  let status: DoseStatus;
  if (latest !== undefined && date > latest) status = 'too_late';
  else if (date < ageDue) status = 'upcoming';
  else if (date >= overdue) status = 'overdue';
  else if (date >= due) status = 'due';
  // Past the age but waiting for the interval after a late previous dose: it is due again later.
  else status = 'upcoming';
  // A dose whose interval would push it past its last allowed day can never be given.
  if (status !== 'too_late' && latest !== undefined && due > latest) status = 'too_late';
  if (notNeeded) status = 'not_needed';

  const givableNow = (status === 'due' || status === 'overdue') && !blockedBy && date >= due;
  return { dose, due, overdue, latest, status, givenDate: undefined, givableNow, blockedBy };
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
  const day = toEpochDay(today);
  for (const child of children) {
    for (const dose of doseDays(child, child.immunizations, today, schedule)) {
      if (!dose.givableNow || dose.dose.setting !== 'posyandu') continue;
      if (dose.status !== 'due' && dose.status !== 'overdue') continue;
      entries.push({
        personId: child.personId,
        code: dose.dose.code,
        label: dose.dose.label,
        status: dose.status,
        dueDate: fromEpochDay(dose.due),
        daysOverdue: dose.status === 'overdue' ? day - dose.overdue : 0,
      });
    }
  }
  return entries.sort((a, b) => b.daysOverdue - a.daysOverdue);
}
