// A frozen copy of the day screen's lists as computed before the speed work (main at 45f031b): from the whole
// posyandu snapshot, every table read. Test code only, the reference the new reads are compared with.
import { completedMonths } from '../../../../src/domain/dates/calendar.ts';
import { posyanduDueList } from '../../../../src/domain/schedules/child-immunization-status.ts';
import { historyFor, type PosyanduSnapshot } from '../../../../src/ui/screens/day/posyandu-snapshot.ts';
import { assess } from '../../../../src/ui/screens/day/visitor-data.ts';

export function dayViewV1(snapshot: PosyanduSnapshot, today: string) {
  const visitorIds = [
    ...new Set(snapshot.flat.visits.filter((v) => v.date === today && v.kind === 'posyandu').map((v) => v.personId)),
  ];
  const visitors = visitorIds.flatMap((id) => {
    const person = snapshot.byId.get(id);
    if (!person) return [];
    return [{ person, pkg: assess(person, historyFor(snapshot, id), today).package }];
  });
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
  return { visitors, dueDoses, dueChildren: [...new Set(dueDoses.map((d) => d.personId))], notWeighed };
}
