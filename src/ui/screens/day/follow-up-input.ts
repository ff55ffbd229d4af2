import type { Person } from '../../../../protocol/index.ts';
import { addDays } from '../../../domain/dates/calendar.ts';
import type { PackageItem } from '../../../domain/posyandu-day/daily-package.ts';
import { historyFor, type PosyanduSnapshot } from './posyandu-snapshot.ts';
import { assess, type PersonHistory } from './visitor-data.ts';

/** How far back a posyandu day's unfinished package still raises a home visit: until the next monthly day. */
const PACKAGE_LOOKBACK_DAYS = 31;

/**
 * Step 5 of past posyandu days: what each visitor still lacked at the end of the day, judged with the history
 * as it stood that day. Those items become home-visit tasks.
 */
export function packageMissing(
  snapshot: PosyanduSnapshot,
  today: string,
): { personId: string; date: string; items: readonly PackageItem[] }[] {
  const from = addDays(today, -PACKAGE_LOOKBACK_DAYS);
  const days = new Set(
    snapshot.flat.visits
      .filter((v) => v.kind === 'posyandu' && v.date >= from && v.date < today)
      .map((v) => `${v.personId}|${v.date}`),
  );
  const out: { personId: string; date: string; items: readonly PackageItem[] }[] = [];
  for (const key of days) {
    const [personId, date] = key.split('|') as [string, string];
    const person = snapshot.byId.get(personId);
    if (!person) continue;
    const upToThatDay = historyUntil(historyFor(snapshot, personId), date);
    const { missing } = assess(person, upToThatDay, date).package;
    if (missing.length > 0) out.push({ personId, date, items: missing });
  }
  return out;
}

function historyUntil(history: PersonHistory, date: string): PersonHistory {
  const upTo = <T extends { date: string }>(list: readonly T[]) => list.filter((r) => r.date <= date);
  return {
    measurements: upTo(history.measurements),
    immunizations: upTo(history.immunizations),
    services: upTo(history.services),
    visits: upTo(history.visits),
    screenings: upTo(history.screenings),
    referrals: upTo(history.referrals ?? []),
    pregnancies: history.pregnancies,
  };
}

/** Births known to the register (a pregnancy closed as a live birth), for the KF and KN visits that follow. */
export function deliveries(snapshot: PosyanduSnapshot): { motherId: string; childId?: string; date: string }[] {
  const out: { motherId: string; childId?: string; date: string }[] = [];
  for (const pregnancy of snapshot.flat.pregnancies) {
    if (pregnancy.outcome !== 'live_birth' || !pregnancy.outcomeDate) continue;
    const child = snapshot.people.find(
      (p: Person) => p.motherId === pregnancy.personId && p.birthDate === pregnancy.outcomeDate,
    );
    out.push({
      motherId: pregnancy.personId,
      date: pregnancy.outcomeDate,
      ...(child ? { childId: child.id } : {}),
    });
  }
  return out;
}
