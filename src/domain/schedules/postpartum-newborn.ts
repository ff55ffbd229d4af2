import type { Visit } from '../../../protocol/index.ts';
import { addDays } from '../dates/calendar.ts';

/**
 * Postpartum (KF) and newborn (KN) visit windows, in days after the birth date.
 *
 * The sources give hours for the first visit (6-48 hours). Records carry dates only, so day 0 is the birth date
 * and "6-48 hours" becomes days 0-2: a birth at 23:00 reaches 48 hours on day 2. Day windows are inclusive.
 */
export interface VisitWindow {
  readonly code: string;
  readonly fromDay: number;
  readonly toDay: number;
  readonly label: string;
}

export interface PostpartumNewbornSchedule {
  readonly version: string;
  readonly source: string;
  readonly postpartum: readonly VisitWindow[];
  readonly newborn: readonly VisitWindow[];
  /** Length of the nifas period in days after birth. */
  readonly nifasDays: number;
}

export const POSTPARTUM_NEWBORN_SCHEDULE: PostpartumNewbornSchedule = {
  version: 'PMK-21-2021/r1',
  source:
    'Permenkes 21/2021 (kunjungan nifas minimal 4 kali; KN 3 kali) as quoted by Puskesmas KAK nifas 2023, ' +
    'ilp-kader-reference §5.3. Hours mapped to whole days (6-48 h = days 0-2).',
  nifasDays: 42,
  postpartum: [
    { code: 'KF1', fromDay: 0, toDay: 2, label: 'Kunjungan nifas 1 (6-48 jam)' },
    { code: 'KF2', fromDay: 3, toDay: 7, label: 'Kunjungan nifas 2 (hari 3-7)' },
    { code: 'KF3', fromDay: 8, toDay: 28, label: 'Kunjungan nifas 3 (hari 8-28)' },
    { code: 'KF4', fromDay: 29, toDay: 42, label: 'Kunjungan nifas 4 (hari 29-42)' },
  ],
  newborn: [
    { code: 'KN1', fromDay: 0, toDay: 2, label: 'Kunjungan neonatal 1 (6-48 jam)' },
    { code: 'KN2', fromDay: 3, toDay: 7, label: 'Kunjungan neonatal 2 (hari 3-7)' },
    { code: 'KN3', fromDay: 8, toDay: 28, label: 'Kunjungan neonatal 3 (hari 8-28)' },
  ],
};

export const WINDOW_STATUSES = ['done', 'due', 'missed', 'upcoming'] as const;
export type WindowStatus = (typeof WINDOW_STATUSES)[number];

export interface WindowState {
  readonly code: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly status: WindowStatus;
  readonly visitDate?: string;
}

type VisitInput = Pick<Visit, 'date' | 'kind'> & Partial<Pick<Visit, 'contactCode'>>;

/**
 * A window is done by a visit of the right kind inside it, or by a visit that names its code (a visit recorded
 * a day late by the bidan still counts when she coded it so).
 */
function windowStates(
  birthDate: string,
  windows: readonly VisitWindow[],
  kind: Visit['kind'],
  visits: readonly VisitInput[],
  date: string,
): WindowState[] {
  const relevant = visits.filter((visit) => visit.kind === kind && visit.date >= birthDate);
  const used = new Set<VisitInput>();
  return windows.map((window) => {
    const from = addDays(birthDate, window.fromDay);
    const to = addDays(birthDate, window.toDay);
    const byCode = relevant.find((visit) => visit.contactCode === window.code && !used.has(visit));
    const byDate = relevant.find(
      (visit) => !visit.contactCode && visit.date >= from && visit.date <= to && !used.has(visit),
    );
    const match = byCode ?? byDate;
    const base = { code: window.code, label: window.label, from, to };
    if (match) {
      used.add(match);
      return { ...base, status: 'done' as const, visitDate: match.date };
    }
    const status: WindowStatus = date < from ? 'upcoming' : date > to ? 'missed' : 'due';
    return { ...base, status };
  });
}

export function postpartumVisits(
  birthDate: string,
  visits: readonly VisitInput[],
  date: string,
  schedule: PostpartumNewbornSchedule = POSTPARTUM_NEWBORN_SCHEDULE,
): WindowState[] {
  return windowStates(birthDate, schedule.postpartum, 'postpartum', visits, date);
}

export function newbornVisits(
  birthDate: string,
  visits: readonly VisitInput[],
  date: string,
  schedule: PostpartumNewbornSchedule = POSTPARTUM_NEWBORN_SCHEDULE,
): WindowState[] {
  return windowStates(birthDate, schedule.newborn, 'neonatal', visits, date);
}

/** Is the mother still in the nifas period (birth day to day 42)? */
export function inNifas(
  birthDate: string,
  date: string,
  schedule: PostpartumNewbornSchedule = POSTPARTUM_NEWBORN_SCHEDULE,
): boolean {
  return date >= birthDate && date <= addDays(birthDate, schedule.nifasDays);
}
