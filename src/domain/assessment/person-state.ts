import { addDays, daysBetween } from '../dates/calendar.ts';
import { PREGNANCY_RULES, type PregnancyRules } from '../schedules/pregnancy-rules.ts';
import type { PersonRecords, PregnancyRecord } from './assessment-types.ts';

/** Records still in force: a correction names the record it replaces, which then no longer counts. */
export function inForce<T extends { readonly id?: string; readonly supersedes?: string }>(records: readonly T[]): T[] {
  // Most histories carry no correction: then nothing is replaced and no set is built (called per rule per person).
  let replaced: Set<string> | undefined;
  for (const r of records) if (r.supersedes) (replaced ??= new Set()).add(r.supersedes);
  if (!replaced) return records.slice();
  const gone = replaced;
  return records.filter((r) => r.id === undefined || !gone.has(r.id));
}

/** The newest record of a list with a date, optionally only those with a field present. */
export function latest<T extends { readonly date: string }>(
  records: readonly T[],
  has: (r: T) => boolean = () => true,
) {
  let best: T | undefined;
  for (const record of records) if (has(record) && (!best || record.date >= best.date)) best = record;
  return best;
}

/**
 * A pregnancy not closed by a birth still counts as ongoing this long after its due date: past it the woman
 * is no longer served as pregnant, but the missing birth record raises a task (follow-up-tasks).
 */
const ONGOING_AFTER_DUE_DAYS = 28;

function lastMenstrualPeriod(pregnancy: PregnancyRecord, rules: PregnancyRules): string {
  return pregnancy.lastMenstrualPeriod ?? addDays(pregnancy.estimatedDueDate, -rules.gestationDays);
}

/** Was she pregnant on `date`? Up to the day before the recorded outcome, or to 4 weeks past the due date. */
export function pregnancyOn(
  pregnancies: readonly PregnancyRecord[],
  date: string,
  rules: PregnancyRules = PREGNANCY_RULES,
): PregnancyRecord | undefined {
  return inForce(pregnancies).find((p) => {
    if (lastMenstrualPeriod(p, rules) > date) return false;
    const ended = (p.outcome ?? 'ongoing') !== 'ongoing';
    if (ended) return p.outcomeDate !== undefined && date < p.outcomeDate;
    return date <= addDays(p.estimatedDueDate, ONGOING_AFTER_DUE_DAYS);
  });
}

/** The mother's latest birth on or before `date`: a delivery given by the caller or a pregnancy closed as one. */
export function latestDeliveryDate(records: PersonRecords, date: string): string | undefined {
  const fromPregnancies = inForce(records.pregnancies)
    .filter((p) => (p.outcome === 'live_birth' || p.outcome === 'stillbirth') && p.outcomeDate)
    .map((p) => p.outcomeDate as string);
  const given = (records.deliveries ?? []).filter((d) => d.motherId === records.person.id).map((d) => d.date);
  return [...fromPregnancies, ...given]
    .filter((d) => d <= date)
    .sort()
    .at(-1);
}

/** In nifas on `date`: the birth day to day 42. */
export function postpartumOn(records: PersonRecords, date: string, nifasDays = 42): boolean {
  const delivery = latestDeliveryDate(records, date);
  return delivery !== undefined && daysBetween(delivery, date) <= nifasDays;
}

/** Births of this person's own: as mother (from her pregnancies and the given list) and as the child born. */
export function deliveriesOf(records: PersonRecords): { motherId: string; childId?: string; date: string }[] {
  const id = records.person.id;
  const out = new Map<string, { motherId: string; childId?: string; date: string }>();
  for (const d of records.deliveries ?? []) {
    if (d.motherId === id || d.childId === id) out.set(`${d.motherId}|${d.date}|${d.childId ?? ''}`, { ...d });
  }
  for (const p of inForce(records.pregnancies)) {
    if (p.outcome !== 'live_birth' || !p.outcomeDate) continue;
    const key = `${id}|${p.outcomeDate}|`;
    const known = [...out.keys()].some((k) => k.startsWith(`${id}|${p.outcomeDate}|`));
    if (!known) out.set(key, { motherId: id, date: p.outcomeDate });
  }
  return [...out.values()];
}
