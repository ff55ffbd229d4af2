import type { Person, Pregnancy } from '../../../../protocol/index.ts';
import type { Assessment } from '../../../domain/assessment/assessment-types.ts';
import { dueThisMonth } from '../../../domain/ckg/birthday-check.ts';
import { addDays, completedMonths, completedYears } from '../../../domain/dates/calendar.ts';
import type { GrowthTables } from '../../../domain/growth/who-tables.ts';
import type { FollowUpTask } from '../../../domain/posyandu-day/follow-up-tasks.ts';
import { inNifas } from '../../../domain/schedules/postpartum-newborn.ts';
import type { TimelineEntry } from '../../../storage/index.ts';
import { assess, currentPregnancy, splitHistory, type PersonHistory } from '../day/visitor-data.ts';

/** What the person page shows, decided outside the render so it is tested in Node. */
export interface PersonView {
  history: PersonHistory;
  assessment: Assessment;
  openTasks: FollowUpTask[];
  underFive: boolean;
  pregnancy: Pregnancy | undefined;
  /** A woman of 10-54 still in the posyandu: pregnancy and birth can be recorded. */
  canBePregnant: boolean;
  /** The date of a live birth within the 42 days of nifas, if any. */
  recentBirth: string | undefined;
  /** Within the 28 days of the newborn period. */
  newborn: boolean;
  /** The Cek Kesehatan Gratis reminder: birthday check open or opening this month, not done. */
  ckgReminder: boolean;
  /** The Td status is judged, so the form to record a Td dose is offered. */
  tdForm: boolean;
}

export function personView(
  person: Person,
  events: readonly TimelineEntry[],
  today: string,
  growth?: GrowthTables,
): PersonView {
  const history = splitHistory(events);
  // A baby's newborn visits run from its own birth (only while they matter: an older child has no KN left to do);
  // the mother's births are read from her pregnancies.
  const ownBirth =
    person.motherId && addDays(person.birthDate, 42) >= today
      ? [{ motherId: person.motherId, childId: person.id, date: person.birthDate }]
      : [];
  const assessment = assess(person, history, today, { ...(growth ? { growth } : {}), deliveries: ownBirth });
  const ageYears = completedYears(person.birthDate, today);
  const check = assessment.birthdayCheck;
  return {
    history,
    assessment,
    openTasks: assessment.homeVisitTasks.filter((task) => !task.closed),
    underFive: completedMonths(person.birthDate, today) < 60,
    pregnancy: currentPregnancy(history.pregnancies, today),
    canBePregnant: person.sex === 'female' && ageYears >= 10 && ageYears <= 54 && person.status === 'active',
    // The nifas rule's own length (postpartum-newborn.ts), after a birth recorded as the end of a pregnancy.
    recentBirth: history.pregnancies
      .filter((p) => p.outcome === 'live_birth' && p.outcomeDate !== undefined && inNifas(p.outcomeDate, today))
      .map((p) => p.outcomeDate as string)
      .sort()
      .at(-1),
    newborn: addDays(person.birthDate, 28) >= today,
    ckgReminder: Boolean(check && dueThisMonth(check, today) && !check.done),
    tdForm: assessment.judgements.some((j) => j.ruleId === 'td_status'),
  };
}
