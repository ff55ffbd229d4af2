import { birthdayCheck } from '../ckg/birthday-check.ts';
import { addDays } from '../dates/calendar.ts';
import type { GrowthTables } from '../growth/who-tables.ts';
import { dailyPackage, NATIONAL_DAY_RULES, type DayRules } from '../posyandu-day/daily-package.ts';
import {
  followUpTasks,
  NATIONAL_FOLLOW_UP_RULES,
  type FollowUpRules,
  type KmsJudgement,
} from '../posyandu-day/follow-up-tasks.ts';
import {
  type ChildImmunizationStatus,
  childImmunizationStatus,
  posyanduDosesPossible,
} from '../schedules/child-immunization-status.ts';
import type { ImmunizationSchedule } from '../schedules/immunization-schedule.ts';
import { pregnancyStatus } from '../schedules/pregnancy.ts';
import { completedYears } from '../dates/calendar.ts';
import { tdStatus, TD_RULES } from '../schedules/td-status.ts';
import type { BmiTable } from '../screening/adult-cut-offs.ts';
import type { KmsStatus } from '../services/services-of-the-day.ts';
import type { Assessment, Judgement, PersonRecords, ProposedReferral } from './assessment-types.ts';
import type { ReferralRecord } from './assessment-types.ts';
import { ILP_ASSESSMENT_RULES, type AssessmentRules } from './finding-rules.ts';
import { judgeMeasurements } from './judge-measurements.ts';
import { judgeScreenings } from './judge-screenings.ts';
import { deliveriesOf, inForce, latestDeliveryDate, pregnancyOn } from './person-state.ts';

export interface AssessOptions {
  /** The WHO tables; without them KMS N/T, MUAC, blood pressure and the rest are still judged, z-scores not. */
  readonly growth?: GrowthTables;
  readonly rules?: AssessmentRules;
  readonly dayRules?: DayRules;
  readonly followUpRules?: FollowUpRules;
  readonly bmiTable?: BmiTable;
  /** What the visitor tells at the table today (diarrhoea makes ORS and zinc due). */
  readonly hasDiarrhoea?: boolean;
}

/** The tag a referral's reason carries, so the record names the finding it answers: "[child_muac:severe]". */
export function referralTag(ruleId: string, code: string): string {
  return `[${ruleId}:${code}]`;
}

/**
 * Everything the rules say about one person on `date`: each judgement with its rule's id, version and source;
 * what is due today; the referrals the findings call for (and whether each is recorded); the home-visit tasks.
 * Pure: the app, the posyandu-day lists and the puskesmas server all call this with records they read.
 */
export function assessPerson(records: PersonRecords, date: string, options: AssessOptions = {}): Assessment {
  const rules = options.rules ?? ILP_ASSESSMENT_RULES;
  const { person } = records;
  const judgements = [
    ...judgeMeasurements(records, {
      rules,
      ...(options.growth ? { growth: options.growth } : {}),
      ...(options.bmiTable ? { bmiTable: options.bmiTable } : {}),
    }),
    ...judgeScreenings(records, rules),
    ...judgeTd(records, date, rules),
  ].filter((j) => j.date <= date);
  const actOnFrom = addDays(date, -rules.actOnFindingsWithinDays);
  const actionable = judgements.filter((j) => j.date >= actOnFrom);

  const pregnancy = person.sex === 'female' ? pregnancyOn(records.pregnancies, date) : undefined;
  const deliveryDate = person.sex === 'female' ? latestDeliveryDate(records, date) : undefined;
  const kms = actionable.find((j) => j.ruleId === rules.kms.id);
  const kek = actionable.some((j) => j.ruleId === rules.kek.id && j.code === 'kek');
  const services = inForce(records.services);
  const dayRules = options.dayRules ?? NATIONAL_DAY_RULES;
  const followUpRules = options.followUpRules ?? NATIONAL_FOLLOW_UP_RULES;
  const immunizationStatus = immunizationStatusOnce(person, records.immunizations, date, dayRules.immunization);
  const pkg = dailyPackage(
    {
      person: { id: person.id, birthDate: person.birthDate, sex: person.sex },
      pregnant: pregnancy !== undefined,
      ...(deliveryDate ? { deliveryDate } : {}),
      ...(kms ? { kmsStatus: kms.code as KmsStatus } : {}),
      kek,
      ...(options.hasDiarrhoea ? { hasDiarrhoea: true } : {}),
      ...(pregnancy
        ? {
            ironTabletsThisPregnancy: pregnancyStatus(pregnancy, records.visits, services, date).ironTablets.count,
          }
        : {}),
      immunizations: records.immunizations,
      services,
      measurements: inForce(records.measurements),
      screenings: inForce(records.screenings),
      ...(immunizationStatus ? { immunizationStatus } : {}),
    },
    date,
    dayRules,
  );

  const referralRecords = inForce(records.referrals);
  const referrals: ProposedReferral[] = actionable.flatMap((j) => {
    if (!j.referral) return [];
    const tag = referralTag(j.ruleId, j.code);
    const recorded = referralRecords.some((r) => r.date >= j.date && r.reason.includes(tag));
    return [{ ruleId: j.ruleId, code: j.code, date: j.date, ...j.referral, tag, recorded }];
  });

  // Records read from the database carry their person already: copying every record of a three-year history
  // per person was most of what the server's cold first screen allocated. Only records without it are copied.
  const withPerson = <T extends object>(list: readonly T[]): readonly (T & { personId: string })[] =>
    list.every((r) => (r as { personId?: unknown }).personId === person.id)
      ? (list as readonly (T & { personId: string })[])
      : list.map((r) => ({ ...r, personId: person.id }));
  const kmsJudgements: KmsJudgement[] =
    kms && (kms.code === '2T' || kms.code === 'BGM') ? [{ personId: person.id, status: kms.code }] : [];
  const homeVisitTasks = followUpTasks(
    {
      today: date,
      persons: [person],
      immunizations: withPerson(records.immunizations),
      measurements: withPerson(inForce(records.measurements)),
      kmsJudgements,
      pregnancies: withPerson(inForce(records.pregnancies)),
      deliveries: deliveriesOf(records),
      visits: withPerson(records.visits),
      referrals: withPerson(referralRecords),
      services: withPerson(services),
      packageMissing: (records.packageMissing ?? []).map((m) => ({ ...m, personId: person.id })),
      findings: actionable
        .filter((j) => j.homeVisit && j.ruleId !== rules.kms.id)
        .map((j) => findingOf(j, person.id, answeredOn(j, referralRecords))),
      // The same status the package used, when both rule sets name the same schedule.
      ...(immunizationStatus && followUpRules.immunization === dayRules.immunization
        ? { immunizationStatuses: new Map([[person.id, immunizationStatus.now]]) }
        : {}),
    },
    followUpRules,
  );

  return {
    personId: person.id,
    date,
    stage: pkg.stage,
    judgements,
    package: pkg,
    servicesDue: pkg.expected.filter((item) => item.kind === 'service' || item.kind === 'immunization'),
    referrals,
    homeVisitTasks,
    birthdayCheck: birthdayCheck({ birthDate: person.birthDate, sex: person.sex, services }, date),
  };
}

/**
 * A child's immunisation status, computed once for the package and the home-visit tasks (they computed it up to
 * three times, the costliest part of a child's assessment). `now` counts all her records, as the tasks do;
 * `prior` (the package's "due before today") is the same status unless a record is dated on or after the day.
 */
function immunizationStatusOnce(
  person: PersonRecords['person'],
  immunizations: PersonRecords['immunizations'],
  date: string,
  schedule: ImmunizationSchedule,
): { prior: ChildImmunizationStatus; now: ChildImmunizationStatus } | undefined {
  if (!posyanduDosesPossible(schedule, person.birthDate, date)) return undefined;
  const now = childImmunizationStatus(person, immunizations, date, schedule);
  if (immunizations.every((record) => record.date < date)) return { prior: now, now };
  const before = immunizations.filter((record) => record.date < date);
  return { prior: childImmunizationStatus(person, before, date, schedule), now };
}

/** Td status of a woman 15-49 or pregnant, judged on the date: a dose due now is the reminder. */
function judgeTd(records: PersonRecords, date: string, rules: AssessmentRules): Judgement[] {
  const { person } = records;
  if (person.sex !== 'female') return [];
  const years = completedYears(person.birthDate, date);
  const pregnant = pregnancyOn(records.pregnancies, date) !== undefined;
  if (!pregnant && (years < TD_RULES.fromYears || years > TD_RULES.toYears)) return [];
  const status = tdStatus(records.immunizations);
  const code = status.level >= 5 ? 'complete' : !status.nextDue || status.nextDue <= date ? 'due' : 'up_to_date';
  const rule = rules.tdStatus;
  const action = rule.actions[code] ?? { level: 'normal' as const };
  return [{ ruleId: rule.id, version: rule.version, source: rule.source, code, date, value: status.level, ...action }];
}

function findingOf(j: Judgement, personId: string, answered: string | undefined) {
  return {
    personId,
    ruleId: j.ruleId,
    code: j.code,
    date: j.date,
    urgent: j.referral?.urgency === 'urgent',
    ...(answered ? { answeredOn: answered } : {}),
  };
}

/**
 * When the referral made for this finding got its result (the puskesmas's outcome, pulled to the phone): the
 * home visit it asked for is then done by the health worker, and the kader's task closes that day.
 */
function answeredOn(j: Judgement, referrals: readonly ReferralRecord[]): string | undefined {
  const tag = referralTag(j.ruleId, j.code);
  const made = referrals.filter((r) => !r.resultFor && r.date >= j.date && r.reason.includes(tag));
  // "Did not come" answers nothing: the finding still needs her to be seen, so the kader's task stays open.
  const results = referrals.filter(
    (r) => r.resultFor !== undefined && r.outcome !== 'did_not_come' && made.some((m) => m.id === r.resultFor),
  );
  return results.map((r) => r.date).sort()[0];
}
