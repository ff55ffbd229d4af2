import type { Person } from '../../../../protocol/index.ts';
import type { DailyPackage } from '../../../domain/posyandu-day/daily-package.ts';
import type { LifeStage } from '../../../domain/posyandu-day/life-stage.ts';
import { completedMonths } from '../../../domain/dates/calendar.ts';
import { posyanduDueList } from '../../../domain/schedules/child-immunization-status.ts';
import { historyFor, type PosyanduSnapshot } from './posyandu-snapshot.ts';
import { assess } from './visitor-data.ts';

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

export function dayView(snapshot: PosyanduSnapshot, today: string): DayView {
  const visitorIds = [
    ...new Set(snapshot.flat.visits.filter((v) => v.date === today && v.kind === 'posyandu').map((v) => v.personId)),
  ];
  const visitors = visitorIds.flatMap((id) => {
    const person = snapshot.byId.get(id);
    if (!person) return [];
    return [{ person, pkg: assess(person, historyFor(snapshot, id), today).package }];
  });
  const byStage = new Map<LifeStage, DayVisitor[]>();
  for (const visitor of visitors) byStage.set(visitor.pkg.stage, [...(byStage.get(visitor.pkg.stage) ?? []), visitor]);

  const underFives = snapshot.people.filter((p) => p.status === 'active' && completedMonths(p.birthDate, today) < 60);
  const dueDoses = posyanduDueList(
    underFives.map((p) => ({
      personId: p.id,
      birthDate: p.birthDate,
      sex: p.sex,
      immunizations: historyFor(snapshot, p.id).immunizations,
    })),
    today,
  );
  const month = today.slice(0, 7);
  const notWeighed = underFives.filter(
    (p) => !historyFor(snapshot, p.id).measurements.some((m) => m.weightKg !== undefined && m.date.startsWith(month)),
  );
  return { visitors, byStage, dueDoses, dueChildren: [...new Set(dueDoses.map((d) => d.personId))], notWeighed };
}

/** Today's posyandu visit of this person is recorded already: registering again must not add a second one. */
export function registeredToday(snapshot: PosyanduSnapshot | undefined, personId: string, today: string): boolean {
  return Boolean(
    snapshot?.flat.visits.some((v) => v.personId === personId && v.date === today && v.kind === 'posyandu'),
  );
}
