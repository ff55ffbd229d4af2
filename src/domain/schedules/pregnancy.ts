import type { Pregnancy, Service, Visit } from '../../../protocol/index.ts';
import { addDays, daysBetween } from '../dates/calendar.ts';
import { PREGNANCY_RULES, type PregnancyRules } from './pregnancy-rules.ts';

export { assessDangerSigns, BUKU_KIA_DANGER_SIGNS, PREGNANCY_RULES } from './pregnancy-rules.ts';

/** HPL from HPHT: always by days, so month lengths never shift it. */
export function estimatedDueDate(lastMenstrualPeriod: string, rules: PregnancyRules = PREGNANCY_RULES): string {
  return addDays(lastMenstrualPeriod, rules.gestationDays);
}

/** HPHT implied by a due date (when only the HPL from an ultrasound is known). */
function impliedLastMenstrualPeriod(estimatedDue: string, rules: PregnancyRules = PREGNANCY_RULES): string {
  return addDays(estimatedDue, -rules.gestationDays);
}

export interface GestationalAge {
  /** Completed weeks and the days beyond them: 12 weeks 6 days is { weeks: 12, days: 6 }. */
  readonly weeks: number;
  readonly days: number;
  readonly totalDays: number;
}

export function gestationalAge(lastMenstrualPeriod: string, date: string): GestationalAge {
  const totalDays = daysBetween(lastMenstrualPeriod, date);
  if (totalDays < 0) throw new RangeError('The date is before the last menstrual period');
  return { weeks: Math.floor(totalDays / 7), days: totalDays % 7, totalDays };
}

export type Trimester = 1 | 2 | 3;

function trimesterAt(gestationalWeeks: number, rules: PregnancyRules = PREGNANCY_RULES): Trimester {
  if (gestationalWeeks >= rules.trimester3FromWeek) return 3;
  if (gestationalWeeks >= rules.trimester2FromWeek) return 2;
  return 1;
}

/** First and last day (inclusive) of each trimester's contact window for a pregnancy. */
function trimesterWindows(
  lastMenstrualPeriod: string,
  rules: PregnancyRules = PREGNANCY_RULES,
): Record<Trimester, { from: string; to: string }> {
  const day = (week: number) => addDays(lastMenstrualPeriod, week * 7);
  return {
    1: { from: lastMenstrualPeriod, to: addDays(day(rules.trimester2FromWeek), -1) },
    2: { from: day(rules.trimester2FromWeek), to: addDays(day(rules.trimester3FromWeek), -1) },
    3: { from: day(rules.trimester3FromWeek), to: day(rules.lastContactWeek) },
  };
}

export type ContactStatus = 'done' | 'due' | 'missed' | 'upcoming' | 'not_applicable';

export interface AntenatalContact {
  /** K1..K6 (numbered across trimesters by the distribution). */
  readonly code: string;
  readonly trimester: Trimester;
  readonly windowFrom: string;
  readonly windowTo: string;
  readonly status: ContactStatus;
  /** The visit date that fulfilled it. */
  readonly visitDate?: string;
}

export interface PregnancyStatus {
  readonly rulesVersion: string;
  readonly lastMenstrualPeriod: string;
  readonly estimatedDueDate: string;
  readonly gestationalAge: GestationalAge;
  readonly trimester: Trimester;
  readonly pastDueDate: boolean;
  readonly contacts: readonly AntenatalContact[];
  readonly ironTablets: { readonly count: number; readonly target: number; readonly reached: boolean };
}

type PregnancyInput = Pick<Pregnancy, 'estimatedDueDate'> &
  Partial<Pick<Pregnancy, 'id' | 'lastMenstrualPeriod' | 'outcome' | 'outcomeDate'>>;
type VisitInput = Pick<Visit, 'date' | 'kind'> & Partial<Pick<Visit, 'pregnancyId' | 'contactCode'>>;
type ServiceInput = Pick<Service, 'date' | 'service'> & Partial<Pick<Service, 'quantity'>>;

/**
 * Where a pregnancy stands on `date`: gestational age, trimester, K1-K6 (done, due, missed, upcoming) and iron
 * tablets. A visit recorded as a contact ("K1") is that contact, whatever its date: the kader was told so when she
 * recorded it, and the register must say what she wrote. A visit without a code counts only in its own trimester:
 * Permenkes 21/2021 sets a minimum per trimester, so extra visits early do not make up for none later.
 */
export function pregnancyStatus(
  pregnancy: PregnancyInput,
  visits: readonly VisitInput[],
  services: readonly ServiceInput[],
  date: string,
  rules: PregnancyRules = PREGNANCY_RULES,
): PregnancyStatus {
  const lmp = pregnancy.lastMenstrualPeriod ?? impliedLastMenstrualPeriod(pregnancy.estimatedDueDate, rules);
  const edd = estimatedDueDate(lmp, rules);
  const ended = pregnancy.outcome !== undefined && pregnancy.outcome !== 'ongoing' ? pregnancy.outcomeDate : undefined;
  const lastDay = ended ?? addDays(edd, 14 * 7);
  const age = gestationalAge(lmp, date < lmp ? lmp : date);
  const windows = trimesterWindows(lmp, rules);

  const antenatal = visits
    .filter((visit) => visit.kind === 'antenatal')
    .filter((visit) => !pregnancy.id || !visit.pregnancyId || visit.pregnancyId === pregnancy.id)
    .filter((visit) => visit.date >= lmp && visit.date <= lastDay)
    .sort((a, b) => a.date.localeCompare(b.date));
  const contactCount = rules.contactsPerTrimester.reduce((sum, n) => sum + n, 0);
  const codedDates = new Map<string, string>();
  const antenatalDates: string[] = [];
  for (const visit of antenatal) {
    const code = visit.contactCode;
    const known = code !== undefined && /^K\d+$/.test(code) && Number(code.slice(1)) <= contactCount;
    if (known && !codedDates.has(code)) codedDates.set(code, visit.date);
    else antenatalDates.push(visit.date);
  }

  const contacts: AntenatalContact[] = [];
  let number = 0;
  for (const trimester of [1, 2, 3] as const) {
    const window = windows[trimester];
    const inWindow = antenatalDates.filter((d) =>
      trimester === 3 ? d >= window.from : d >= window.from && d <= window.to,
    );
    const required = rules.contactsPerTrimester[trimester - 1] ?? 0;
    const uncoded = [...inWindow];
    for (let slot = 0; slot < required; slot += 1) {
      number += 1;
      const visitDate = codedDates.get(`K${number}`) ?? uncoded.shift();
      contacts.push({
        code: `K${number}`,
        trimester,
        windowFrom: window.from,
        windowTo: window.to,
        status: contactStatus(visitDate, window, date, ended),
        ...(visitDate ? { visitDate } : {}),
      });
    }
  }

  const pregnancyServices = services.filter(
    (service) => rules.ironServiceCodes.includes(service.service) && service.date >= lmp && service.date <= lastDay,
  );
  const count = pregnancyServices.reduce((sum, service) => sum + (service.quantity ?? 1), 0);

  return {
    rulesVersion: rules.version,
    lastMenstrualPeriod: lmp,
    estimatedDueDate: edd,
    gestationalAge: age,
    trimester: trimesterAt(age.weeks, rules),
    pastDueDate: date > edd,
    contacts,
    ironTablets: { count, target: rules.ironTabletTarget, reached: count >= rules.ironTabletTarget },
  };
}

/**
 * The contact a visit today would be: K1 for a woman's first contact however late it comes (the register's "K1
 * akses"), otherwise the first one due now. Undefined when today's window already has its visits.
 */
export function nextAntenatalContact(status: PregnancyStatus): AntenatalContact | undefined {
  const started = status.contacts.some((contact) => contact.status === 'done');
  if (!started) return status.contacts.find((contact) => contact.status === 'due' || contact.status === 'missed');
  return status.contacts.find((contact) => contact.status === 'due');
}

function contactStatus(
  visitDate: string | undefined,
  window: { from: string; to: string },
  date: string,
  endedOn: string | undefined,
): ContactStatus {
  if (visitDate) return 'done';
  if (endedOn && endedOn < window.from) return 'not_applicable';
  const windowEnd = endedOn && endedOn < window.to ? endedOn : window.to;
  if (date < window.from) return 'upcoming';
  if (date > windowEnd) return 'missed';
  return 'due';
}

export interface KekAssessment {
  readonly kek: boolean;
  readonly muacCm: number;
  readonly cutOffCm: number;
  readonly rulesVersion: string;
}

/** LiLA under 23.5 cm: KEK, refer and give supplementary food. */
export function assessKek(muacCm: number, rules: PregnancyRules = PREGNANCY_RULES): KekAssessment {
  return { kek: muacCm < rules.kekMuacBelowCm, muacCm, cutOffCm: rules.kekMuacBelowCm, rulesVersion: rules.version };
}
