import type { Immunization, Person } from '../../../../protocol/index.ts';
import { childImmunizationStatus, type DoseState } from '../../../domain/schedules/child-immunization-status.ts';
import type { EventInput } from '../../../storage/index.ts';

/*
 * Copying the Buku KIA: a child registered late (moved in, or first seen at 14 months) had its vaccines at a
 * puskesmas, a bidan or a hospital. Until they are written down here the app calls every one of them overdue and
 * sends the kader on a home visit for nothing. Each dose copied becomes an Immunization with `givenElsewhere`.
 */

/**
 * Doses the Buku KIA may already show: of the posyandu schedule, not recorded, and due by today. A dose a late
 * start would make unnecessary (PCV 3 with no PCV yet) is offered too: once the earlier doses are copied it is
 * needed after all, and left out it would turn up as late the moment the form is saved.
 */
export function dosesToCopy(
  person: Pick<Person, 'birthDate' | 'sex'>,
  given: readonly Immunization[],
  today: string,
): DoseState[] {
  return childImmunizationStatus(person, given, today).doses.filter(
    (dose) =>
      dose.setting === 'posyandu' &&
      (dose.status === 'due' ||
        dose.status === 'overdue' ||
        dose.status === 'too_late' ||
        (dose.status === 'not_needed' && dose.dueDate <= today)),
  );
}

/** Date typed per dose code; an empty date means the book does not show that dose. */
export type KiaDraft = Record<string, string>;

export type KiaProblem = 'kia_nothing' | 'kia_before_birth' | 'kia_future';

export interface KiaCheck {
  records: EventInput<'immunizations'>[];
  /** Problem per dose code, or `form` when nothing was filled in. */
  problems: Record<string, KiaProblem>;
}

/** Checks every typed date at once (the kader sees all problems together) and builds the records to save. */
export function checkKiaDraft(personId: string, birthDate: string, draft: KiaDraft, today: string): KiaCheck {
  const problems: Record<string, KiaProblem> = {};
  const records: EventInput<'immunizations'>[] = [];
  for (const [vaccine, date] of Object.entries(draft)) {
    if (date === '') continue;
    if (date < birthDate) problems[vaccine] = 'kia_before_birth';
    else if (date > today) problems[vaccine] = 'kia_future';
    else records.push({ personId, vaccine, date, givenElsewhere: true });
  }
  if (records.length === 0 && Object.keys(problems).length === 0) problems.form = 'kia_nothing';
  return { records: Object.keys(problems).length > 0 ? [] : records, problems };
}

/** The codes of doses recorded as given somewhere else, so the status card can say where. */
export function givenElsewhereCodes(given: readonly Immunization[]): Set<string> {
  return new Set(given.filter((record) => record.givenElsewhere).map((record) => record.vaccine));
}
