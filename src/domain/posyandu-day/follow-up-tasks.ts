import type { Immunization, Pregnancy, Referral, Service, Visit } from '../../../protocol/index.ts';
import { completedMonths, daysBetween, monthOf } from '../dates/calendar.ts';
import {
  type ChildImmunizationStatus,
  childImmunizationStatus,
  posyanduDosesPossible,
} from '../schedules/child-immunization-status.ts';
import { NATIONAL_IMMUNIZATION_SCHEDULE, type ImmunizationSchedule } from '../schedules/immunization-schedule.ts';
import { newbornVisits, postpartumVisits } from '../schedules/postpartum-newborn.ts';
import { pregnancyStatus } from '../schedules/pregnancy.ts';
import { VITAMIN_A_RULES, vitaminAForChild, type VitaminARules } from '../services/vitamin-a.ts';
import { PREGNANCY_RULES, type PregnancyRules } from '../schedules/pregnancy-rules.ts';
import type { PackageItem } from './daily-package.ts';

/** The KMS judgement of a child this month, from the growth code (not imported: passed in). */
export interface KmsJudgement {
  readonly personId: string;
  readonly status: 'N' | 'T' | 'O' | 'B' | '2T' | 'BGM';
}

export const TASK_KINDS = [
  'overdue_dose',
  'missed_weighing',
  'growth_2t',
  'growth_bgm',
  'missed_antenatal',
  'missed_postpartum',
  'missed_newborn',
  'referral_without_result',
  'referral_not_attended',
  'package_missing',
  'pregnancy_past_due',
  'vitamin_a_sweeping',
  'finding',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export interface FollowUpTask {
  /**
   * Stable across recomputation: the same fact gives the same key, so a Visit recorded with `taskKey` closes it.
   * Monthly facts (a dose still overdue, no weighing) carry the month, so next month raises a new task.
   */
  readonly taskKey: string;
  readonly kind: TaskKind;
  readonly personId: string;
  readonly priority: 'urgent' | 'normal';
  /** The dose, contact or item code the task is about. */
  readonly subject?: string;
  readonly since?: string;
  readonly closed: boolean;
  readonly closedOn?: string;
}

export interface FollowUpPerson {
  readonly id: string;
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
  readonly status?: 'active' | 'moved_out' | 'deceased';
}

type WithPerson<T> = T & { readonly personId: string };

export interface FollowUpInput {
  readonly today: string;
  readonly persons: readonly FollowUpPerson[];
  readonly immunizations: readonly WithPerson<
    Pick<Immunization, 'vaccine' | 'date'> & Partial<Pick<Immunization, 'id' | 'supersedes'>>
  >[];
  readonly measurements: readonly WithPerson<{ date: string; weightKg?: number }>[];
  readonly kmsJudgements: readonly KmsJudgement[];
  readonly pregnancies: readonly WithPerson<
    Pick<Pregnancy, 'id' | 'estimatedDueDate'> &
      Partial<Pick<Pregnancy, 'lastMenstrualPeriod' | 'outcome' | 'outcomeDate' | 'supersedes'>>
  >[];
  /** Deliveries (mother and, when registered, the baby) for KF/KN follow-up. */
  readonly deliveries?: readonly { motherId: string; childId?: string; date: string }[];
  readonly visits: readonly WithPerson<
    Pick<Visit, 'date' | 'kind'> & Partial<Pick<Visit, 'taskKey' | 'taskKeys' | 'pregnancyId' | 'contactCode'>>
  >[];
  readonly referrals: readonly WithPerson<
    Pick<Referral, 'id' | 'date' | 'urgency'> & Partial<Pick<Referral, 'resultFor' | 'outcome'>>
  >[];
  /** Items left missing by step 5 validation on a posyandu day. */
  readonly packageMissing?: readonly { personId: string; date: string; items: readonly PackageItem[] }[];
  /** Services given, for the vitamin A sweeping; without them no sweeping task is raised. */
  readonly services?: readonly WithPerson<Pick<Service, 'service' | 'date'>>[];
  /** Judged findings that call for a home visit (assessment/assess-person.ts): wasting, MUAC, hypertension. */
  readonly findings?: readonly {
    personId: string;
    ruleId: string;
    code: string;
    date: string;
    urgent: boolean;
    /** The day the referral made for it got its result: the task closes then. */
    answeredOn?: string;
  }[];
  /**
   * Each child's immunisation status on `today` from all her records under the rules' schedule, when the caller
   * has it already (assessPerson computes it once for the package and the tasks); absent, computed here.
   */
  readonly immunizationStatuses?: ReadonlyMap<string, ChildImmunizationStatus>;
}

export interface FollowUpRules {
  readonly immunization: ImmunizationSchedule;
  readonly pregnancy: PregnancyRules;
  /** Under-fives are weighed monthly up to this age, completed months inclusive. */
  readonly weighingToMonths: number;
  /**
   * A pregnancy past its due date with no birth recorded is a task from the day after the due date (find out:
   * born, or still pregnant); urgent this many days after it (42 weeks, post-term).
   */
  readonly pastDueUrgentAfterDays: number;
  readonly vitaminA: VitaminARules;
}

export const NATIONAL_FOLLOW_UP_RULES: FollowUpRules = {
  immunization: NATIONAL_IMMUNIZATION_SCHEDULE,
  pregnancy: PREGNANCY_RULES,
  weighingToMonths: 59,
  pastDueUrgentAfterDays: 14,
  vitaminA: VITAMIN_A_RULES,
};

/** The home-visit list. Tasks closed by a visit stay in the list with `closed: true` so the kader sees them done. */
export function followUpTasks(input: FollowUpInput, rules: FollowUpRules = NATIONAL_FOLLOW_UP_RULES): FollowUpTask[] {
  const { today } = input;
  const month = monthOf(today);
  const active = input.persons.filter((p) => (p.status ?? 'active') === 'active');
  const activeIds = new Set(active.map((p) => p.id));
  const raw: Omit<FollowUpTask, 'closed' | 'closedOn'>[] = [];
  const byPerson = <T extends { personId: string }>(list: readonly T[], id: string) =>
    list.filter((r) => r.personId === id);

  for (const person of active) {
    const ageMonths = completedMonths(person.birthDate, today);
    const status = posyanduDosesPossible(rules.immunization, person.birthDate, today)
      ? (input.immunizationStatuses?.get(person.id) ??
        childImmunizationStatus(person, byPerson(input.immunizations, person.id), today, rules.immunization))
      : { doses: [] };
    for (const dose of status.doses) {
      if (dose.status !== 'overdue' || !dose.givableNow || dose.setting !== 'posyandu') continue;
      raw.push({
        taskKey: `dose:${person.id}:${dose.code}:${month}`,
        kind: 'overdue_dose',
        personId: person.id,
        priority: 'normal',
        subject: dose.code,
        since: dose.overdueDate,
      });
    }
    if (input.services) {
      const vitaminA = vitaminAForChild(person.birthDate, byPerson(input.services, person.id), today, rules.vitaminA);
      if (vitaminA.isSweepingMonth && vitaminA.due) {
        raw.push({
          taskKey: `vitamin_a:${person.id}:${month}`,
          kind: 'vitamin_a_sweeping',
          personId: person.id,
          priority: 'normal',
          subject: vitaminA.serviceCode ?? '',
        });
      }
    }
    if (ageMonths >= 0 && ageMonths <= rules.weighingToMonths && person.birthDate < `${month}-01`) {
      const weighed = byPerson(input.measurements, person.id).some(
        (m) => m.weightKg !== undefined && monthOf(m.date) === month,
      );
      if (!weighed) {
        raw.push({
          taskKey: `weighing:${person.id}:${month}`,
          kind: 'missed_weighing',
          personId: person.id,
          priority: 'normal',
        });
      }
    }
  }

  for (const judgement of input.kmsJudgements) {
    if (!activeIds.has(judgement.personId)) continue;
    if (judgement.status !== '2T' && judgement.status !== 'BGM') continue;
    raw.push({
      taskKey: `growth:${judgement.personId}:${judgement.status}:${month}`,
      kind: judgement.status === '2T' ? 'growth_2t' : 'growth_bgm',
      personId: judgement.personId,
      priority: 'urgent',
      subject: judgement.status,
    });
  }

  const replacedPregnancies = new Set(input.pregnancies.flatMap((p) => (p.supersedes ? [p.supersedes] : [])));
  for (const pregnancy of input.pregnancies) {
    if (!activeIds.has(pregnancy.personId) || (pregnancy.outcome ?? 'ongoing') !== 'ongoing') continue;
    if (replacedPregnancies.has(pregnancy.id)) continue;
    const visits = byPerson(input.visits, pregnancy.personId);
    const status = pregnancyStatus(pregnancy, visits, [], today, rules.pregnancy);
    if (status.pastDueDate) {
      raw.push({
        taskKey: `pastdue:${pregnancy.id}`,
        kind: 'pregnancy_past_due',
        personId: pregnancy.personId,
        priority: daysBetween(status.estimatedDueDate, today) > rules.pastDueUrgentAfterDays ? 'urgent' : 'normal',
        since: status.estimatedDueDate,
      });
    }
    for (const contact of status.contacts) {
      if (contact.status !== 'missed') continue;
      raw.push({
        taskKey: `anc:${pregnancy.id}:${contact.code}`,
        kind: 'missed_antenatal',
        personId: pregnancy.personId,
        priority: 'normal',
        subject: contact.code,
        since: contact.windowTo,
      });
    }
  }

  for (const delivery of input.deliveries ?? []) {
    const pairs = [
      { personId: delivery.motherId, kind: 'missed_postpartum' as const, states: postpartumVisits },
      ...(delivery.childId
        ? [{ personId: delivery.childId, kind: 'missed_newborn' as const, states: newbornVisits }]
        : []),
    ];
    for (const { personId, kind, states } of pairs) {
      if (!activeIds.has(personId)) continue;
      for (const window of states(delivery.date, byPerson(input.visits, personId), today)) {
        if (window.status !== 'missed') continue;
        raw.push({
          taskKey: `${kind === 'missed_postpartum' ? 'kf' : 'kn'}:${personId}:${delivery.date}:${window.code}`,
          kind,
          personId,
          priority: 'normal',
          subject: window.code,
          since: window.to,
        });
      }
    }
  }

  // A result closes its referral's task, except "did not come": then the kader goes to the house again and
  // encourages her, until a later result says she came.
  const answered = new Set<string>();
  const notAttended = new Map<string, string>();
  for (const r of input.referrals) {
    if (!r.resultFor) continue;
    if (r.outcome === 'did_not_come') {
      const since = notAttended.get(r.resultFor);
      if (!since || r.date > since) notAttended.set(r.resultFor, r.date);
    } else answered.add(r.resultFor);
  }
  for (const referral of input.referrals) {
    if (referral.resultFor || answered.has(referral.id) || !activeIds.has(referral.personId)) continue;
    const missedOn = notAttended.get(referral.id);
    raw.push({
      taskKey: missedOn ? `referral-missed:${referral.id}:${missedOn}` : `referral:${referral.id}`,
      kind: missedOn ? 'referral_not_attended' : 'referral_without_result',
      personId: referral.personId,
      priority: referral.urgency === 'urgent' ? 'urgent' : 'normal',
      since: missedOn ?? referral.date,
    });
  }

  for (const missing of input.packageMissing ?? []) {
    if (!activeIds.has(missing.personId)) continue;
    for (const item of missing.items) {
      raw.push({
        taskKey: `package:${missing.personId}:${missing.date}:${item.kind}:${item.code}`,
        kind: 'package_missing',
        personId: missing.personId,
        priority: 'normal',
        subject: item.code,
        since: missing.date,
      });
    }
  }

  for (const finding of input.findings ?? []) {
    if (!activeIds.has(finding.personId)) continue;
    raw.push({
      taskKey: `finding:${finding.personId}:${finding.ruleId}:${finding.code}:${finding.date}`,
      kind: 'finding',
      personId: finding.personId,
      priority: finding.urgent ? 'urgent' : 'normal',
      subject: `${finding.ruleId}/${finding.code}`,
      since: finding.date,
    });
  }

  const closedOn = new Map<string, string>();
  for (const finding of input.findings ?? []) {
    if (finding.answeredOn) {
      closedOn.set(`finding:${finding.personId}:${finding.ruleId}:${finding.code}:${finding.date}`, finding.answeredOn);
    }
  }
  for (const visit of input.visits) {
    for (const key of [...(visit.taskKey ? [visit.taskKey] : []), ...(visit.taskKeys ?? [])]) {
      const previous = closedOn.get(key);
      if (!previous || visit.date < previous) closedOn.set(key, visit.date);
    }
  }
  const unique = new Map(raw.map((task) => [task.taskKey, task]));
  return [...unique.values()]
    .map((task) => {
      const date = closedOn.get(task.taskKey);
      return date ? { ...task, closed: true, closedOn: date } : { ...task, closed: false };
    })
    .sort((a, b) => Number(a.closed) - Number(b.closed) || priorityRank(a) - priorityRank(b));
}

function priorityRank(task: { priority: 'urgent' | 'normal' }): number {
  return task.priority === 'urgent' ? 0 : 1;
}
