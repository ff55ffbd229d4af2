import type { Person } from '../../../protocol/index.ts';
import { assessPerson } from '../../../src/domain/assessment/assess-person.ts';
import type { Judgement, PersonRecords } from '../../../src/domain/assessment/assessment-types.ts';
import { ILP_ASSESSMENT_RULES } from '../../../src/domain/assessment/finding-rules.ts';
import { inForce, pregnancyOn } from '../../../src/domain/assessment/person-state.ts';
import { addDays, completedMonths, completedYears } from '../../../src/domain/dates/calendar.ts';
import type { GrowthTables } from '../../../src/domain/growth/index.ts';

/** The lists that drive a puskesmas's month, in the order the dashboard shows them. */
export const LIST_NAMES = [
  'children',
  'immunization',
  'pregnancy',
  'adults',
  'not-screened',
  'elderly',
  'referrals',
] as const;
export type ListName = (typeof LIST_NAMES)[number];

/** Why a person is on a list: a finding code (`growth:bbpb:gizi_buruk`, `overdue_dose:DPT-HB-Hib-1`, ...). */
export interface ListReason {
  code: string;
  date: string;
  value?: number;
  value2?: number;
  urgent: boolean;
}

export interface ListRow {
  list: ListName;
  personId: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  reasons: ListReason[];
  /** On the open-referrals list: the referral to record the outcome of. */
  referral?: { id: string; reason: string; destination: string };
}

/** Categories of the growth rule that are undernutrition, the ones the child list is for (not overweight). */
const UNDERNUTRITION = new Set([
  'bbpb:gizi_buruk',
  'bbpb:gizi_kurang',
  'imtu_0_60:gizi_buruk',
  'imtu_0_60:gizi_kurang',
  'pbu:sangat_pendek',
  'pbu:pendek',
  'bbu:bb_sangat_kurang',
  'bbu:bb_kurang',
]);

const RULES = ILP_ASSESSMENT_RULES;
const collator = new Intl.Collator('id');

const isUrgent = (row: ListRow) => (row.reasons.some((x) => x.urgent) ? 1 : 0);
const oldestDate = (row: ListRow) => row.reasons.reduce((min, x) => (min === '' || x.date < min ? x.date : min), '');

/** The order of every list: the most urgent first, then the oldest finding (waiting longest), then by name. */
export function compareRows(a: ListRow, b: ListRow): number {
  const da = oldestDate(a);
  const db = oldestDate(b);
  return isUrgent(b) - isUrgent(a) || (da < db ? -1 : da > db ? 1 : 0) || collator.compare(a.name, b.name);
}
/** Posbindu PTM: blood pressure once a year from 15; no reading in this many days is "not screened". */
const SCREENING_INTERVAL_DAYS = 365;

function reason(j: Judgement, code = `${j.ruleId}:${j.code}`): ListReason {
  return {
    code,
    date: j.date,
    ...(j.value !== undefined ? { value: j.value } : {}),
    ...(j.value2 !== undefined ? { value2: j.value2 } : {}),
    urgent: j.level === 'urgent',
  };
}

function childReasons(judgements: readonly Judgement[]): ListReason[] {
  return judgements.flatMap((j) => {
    if (j.ruleId === RULES.growth.id && UNDERNUTRITION.has(j.code)) return [reason(j)];
    if (j.ruleId === RULES.kms.id && (j.code === '2T' || j.code === 'BGM')) return [reason(j)];
    if (j.ruleId === RULES.childMuac.id && j.code !== 'normal') return [reason(j)];
    if (j.ruleId === RULES.childOedema.id) return [reason(j)];
    return [];
  });
}

function pregnancyReasons(records: PersonRecords, judgements: readonly Judgement[], asOf: string): ListReason[] {
  const pregnancy = pregnancyOn(records.pregnancies, asOf);
  const out: ListReason[] = [];
  if (pregnancy) {
    // Only what was found in this pregnancy counts: a KEK tape from two years ago is not today's risk.
    const from = pregnancy.lastMenstrualPeriod ?? addDays(pregnancy.estimatedDueDate, -280);
    for (const j of judgements) {
      if (j.date < from) continue;
      if (j.ruleId === RULES.kek.id && j.code === 'kek') out.push(reason(j));
      if (j.ruleId === RULES.pregnancyBp.id && j.code !== 'normal') out.push(reason(j));
      if (j.ruleId === RULES.dangerSigns.id && j.code === 'pregnancy') out.push(reason(j));
    }
  }
  return out;
}

function adultReasons(judgements: readonly Judgement[]): ListReason[] {
  return judgements.flatMap((j) => {
    if (j.ruleId === RULES.adultBp.id && j.code.startsWith('hypertension_')) return [reason(j)];
    if (j.ruleId === RULES.glucose.id && j.code === 'suspected_diabetes') return [reason(j)];
    if (j.ruleId === RULES.fastingGlucose.id && j.code === 'diabetes') return [reason(j)];
    return [];
  });
}

function elderlyReasons(judgements: readonly Judgement[]): ListReason[] {
  return judgements.flatMap((j) =>
    j.ruleId === RULES.screening.id && j.code.startsWith('adl_barthel:') && j.code.endsWith('_dependence')
      ? [reason(j)]
      : [],
  );
}

/**
 * Every list row of one person on `asOf`, judged by the phone's own assessment (assessPerson), so the puskesmas
 * and the kader see the same child as gizi buruk and the same dose as overdue.
 */
export function listRowsOfPerson(
  person: Person,
  records: PersonRecords,
  asOf: string,
  growth: GrowthTables | undefined,
): ListRow[] {
  const assessment = assessPerson(records, asOf, growth ? { growth } : {});
  const { judgements, homeVisitTasks } = assessment;
  const base = { personId: person.id, name: person.name, sex: person.sex, birthDate: person.birthDate };
  const rows: ListRow[] = [];
  const add = (list: ListName, reasons: ListReason[]) => {
    if (reasons.length > 0) rows.push({ list, ...base, reasons });
  };
  const months = completedMonths(person.birthDate, asOf);
  const years = completedYears(person.birthDate, asOf);

  if (months < 60) add('children', childReasons(judgements));
  // A task the kader closed by a visit is still a dose not given, or a birth not recorded: the list keeps it.
  add(
    'immunization',
    homeVisitTasks
      .filter((t) => t.kind === 'overdue_dose')
      .map((t) => ({ code: `overdue_dose:${t.subject ?? ''}`, date: t.since ?? asOf, urgent: false })),
  );
  if (person.sex === 'female') {
    const pastDue = homeVisitTasks
      .filter((t) => t.kind === 'pregnancy_past_due')
      .map((t) => ({ code: 'pregnancy_past_due', date: t.since ?? asOf, urgent: t.priority === 'urgent' }));
    add('pregnancy', [...pregnancyReasons(records, judgements, asOf), ...pastDue]);
  }
  if (years >= RULES.ptmFromYears) {
    add('adults', adultReasons(judgements));
    const since = addDays(asOf, -SCREENING_INTERVAL_DAYS);
    const bp = inForce(records.measurements).filter((m) => m.systolicMmHg !== undefined && m.date <= asOf);
    const last = bp
      .map((m) => m.date)
      .sort()
      .at(-1);
    if (!last || last < since) add('not-screened', [{ code: 'no_bp_12_months', date: last ?? '', urgent: false }]);
  }
  if (years >= RULES.elderlyMuac.fromYears) add('elderly', elderlyReasons(judgements));
  return rows;
}
