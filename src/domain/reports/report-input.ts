import type {
  Immunization,
  Measurement,
  Pregnancy,
  Referral,
  Screening,
  Service,
  Visit,
} from '../../../protocol/index.ts';
import { addMonths, completedMonths, daysInMonth } from '../dates/calendar.ts';

/** A person as the monthly report needs them. */
export interface ReportPerson {
  readonly id: string;
  readonly sex: 'male' | 'female';
  readonly birthDate: string;
  readonly status?: 'active' | 'moved_out' | 'deceased';
  /** The day the person moved out or died. */
  readonly statusDate?: string;
  /** Whether the family owns the paper KMS / Buku KIA, and the day it was noted (K of SKDN); absent: never asked. */
  readonly kiaBook?: { readonly owned: boolean; readonly notedOn: string } | undefined;
}

type Of<T, K extends keyof T> = Pick<T, K> & { readonly personId: string };

/** One posyandu's (or desa's, or puskesmas's) records; the report reads only what it names here. */
export interface ReportInput {
  readonly persons: readonly ReportPerson[];
  readonly measurements: readonly (Of<Measurement, 'date'> &
    Partial<
      Pick<
        Measurement,
        | 'weightKg'
        | 'lengthHeightCm'
        | 'systolicMmHg'
        | 'diastolicMmHg'
        | 'bloodGlucoseMgDl'
        | 'fastingGlucoseMgDl'
        | 'oedema'
      >
    >)[];
  readonly services: readonly (Of<Service, 'date' | 'service'> & Partial<Pick<Service, 'quantity'>>)[];
  readonly immunizations: readonly (Of<Immunization, 'date' | 'vaccine'> &
    Partial<Pick<Immunization, 'givenElsewhere'>>)[];
  readonly visits: readonly (Of<Visit, 'date' | 'kind'> & Partial<Pick<Visit, 'contactCode'>>)[];
  readonly pregnancies?: readonly (Of<Pregnancy, 'estimatedDueDate'> &
    Partial<Pick<Pregnancy, 'outcome' | 'outcomeDate'>>)[];
  readonly screenings: readonly (Of<Screening, 'date' | 'instrument'> & Partial<Pick<Screening, 'result'>>)[];
  readonly referrals: readonly (Of<Referral, 'date'> &
    Partial<Pick<Referral, 'resultFor' | 'result'>> & { readonly id: string })[];
}

/** The calendar month a report covers: 'YYYY-MM', its first and last day. */
export interface ReportMonth {
  readonly month: string;
  readonly first: string;
  readonly last: string;
}

export function reportMonth(month: string): ReportMonth {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`not a month: ${month}`);
  const [year, m] = month.split('-').map(Number) as [number, number];
  return { month, first: `${month}-01`, last: `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}` };
}

export const inMonth = (date: string, month: ReportMonth) => date >= month.first && date <= month.last;

/** The month before, for N and T (weighed in both). */
export const previousMonth = (month: ReportMonth) => reportMonth(addMonths(month.first, -1).slice(0, 7));

/**
 * Lives in the area during the month: registered, born by the month's last day, and not moved out or dead before
 * its first day (a child who moved out on the 20th still counts for that month).
 */
export function livesInAreaDuring(person: ReportPerson, month: ReportMonth): boolean {
  if (person.birthDate > month.last) return false;
  if (person.status && person.status !== 'active' && person.statusDate && person.statusDate < month.first) return false;
  return true;
}

/**
 * Age in completed calendar months on the month's first day (0 for a child born during the month): one age per
 * child per report, so a child is in one age band and S, D, N... add up within it. A child who turns five
 * during the month is still a balita in that month's report.
 */
export function ageMonthsAtStart(person: ReportPerson, month: ReportMonth): number {
  return person.birthDate >= month.first ? 0 : completedMonths(person.birthDate, month.first);
}

export function ageYearsAtStart(person: ReportPerson, month: ReportMonth): number {
  return Math.floor(ageMonthsAtStart(person, month) / 12);
}
