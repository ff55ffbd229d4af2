import type { Person } from '../../../../protocol/index.ts';
import type { DailyPackage } from '../../../domain/posyandu-day/daily-package.ts';
import type { LifeStage } from '../../../domain/posyandu-day/life-stage.ts';
import { posyanduDueList } from '../../../domain/schedules/child-immunization-status.ts';
import { isUnderFive, visitorIdsOf, type DayData } from './day-data.ts';
import { assessCached } from './day-assess-cache.ts';
import { emptyHistory } from './visitor-data.ts';

export interface DayVisitor {
  person: Person;
  pkg: DailyPackage;
}

/** What the posyandu day's screen shows, decided outside the render so it is tested in Node. */
export interface DayView {
  /** Registered today, once each, in registration order. */
  visitors: DayVisitor[];
  byStage: Map<LifeStage, DayVisitor[]>;
  /** Doses that can be given today to the posyandu's under-fives. */
  dueDoses: ReturnType<typeof posyanduDueList>;
  /** The children those doses are for, once each. */
  dueChildren: string[];
  /** Active under-fives with no weight recorded this month. */
  notWeighed: Person[];
}

export function dayView(data: DayData, today: string): DayView {
  const visitors = visitorIdsOf(data.todayVisits, today).flatMap((id) => {
    const person = data.byId.get(id);
    if (!person) return [];
    return [{ person, pkg: assessCached(person, data.histories.get(id) ?? emptyHistory(), today).package }];
  });
  const byStage = new Map<LifeStage, DayVisitor[]>();
  for (const visitor of visitors) byStage.set(visitor.pkg.stage, [...(byStage.get(visitor.pkg.stage) ?? []), visitor]);

  const underFives = data.people.filter((p) => isUnderFive(p, today));
  const dueDoses = posyanduDueList(
    underFives.map((p) => ({
      personId: p.id,
      birthDate: p.birthDate,
      sex: p.sex,
      immunizations: data.immunizations.get(p.id) ?? [],
    })),
    today,
  );
  const notWeighed = underFives.filter((p) => !data.weighedThisMonth.has(p.id));
  return { visitors, byStage, dueDoses, dueChildren: [...new Set(dueDoses.map((d) => d.personId))], notWeighed };
}

/** Today's posyandu visit of this person is recorded already: registering again must not add a second one. */
export function registeredToday(data: DayData | undefined, personId: string, today: string): boolean {
  return Boolean(data?.todayVisits.some((v) => v.personId === personId && v.date === today && v.kind === 'posyandu'));
}
