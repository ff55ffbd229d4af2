import type { Person, Referral } from '../../../../protocol/index.ts';
import type { GrowthTables } from '../../../domain/growth/index.ts';
import type { KmsJudgement } from '../../../domain/posyandu-day/follow-up-tasks.ts';
import { listEvents, listPeople } from '../../../storage/index.ts';
import { growthSummary, kmsStatusOf } from './growth-summary.ts';
import { emptyHistory, type PersonHistory } from './visitor-data.ts';

/** Every person of the posyandu with their history, read once for the day's lists and the home-visit list. */
export interface PosyanduSnapshot {
  people: Person[];
  referrals: Referral[];
  byId: Map<string, Person>;
  histories: Map<string, PersonHistory>;
  flat: { [K in keyof PersonHistory]: PersonHistory[K] };
}

export async function loadPosyanduSnapshot(): Promise<PosyanduSnapshot> {
  const [people, referrals, measurements, immunizations, services, pregnancies, visits, screenings] = await Promise.all(
    [
      listPeople(),
      listEvents('referrals'),
      listEvents('measurements'),
      listEvents('immunizations'),
      listEvents('services'),
      listEvents('pregnancies'),
      listEvents('visits'),
      listEvents('screenings'),
    ],
  );
  const flat = { measurements, immunizations, services, pregnancies, visits, screenings };
  const histories = new Map<string, PersonHistory>();
  const historyOf = (personId: string) => {
    let history = histories.get(personId);
    if (!history) {
      history = emptyHistory();
      histories.set(personId, history);
    }
    return history;
  };
  for (const key of Object.keys(flat) as (keyof PersonHistory)[]) {
    for (const record of flat[key]) (historyOf(record.personId)[key] as unknown[]).push(record);
  }
  return { people, referrals, byId: new Map(people.map((p) => [p.id, p])), histories, flat };
}

export function historyFor(snapshot: PosyanduSnapshot, personId: string): PersonHistory {
  return snapshot.histories.get(personId) ?? emptyHistory();
}

/** This month's KMS mark of every child weighed, for 2T/BGM home visits. Without WHO tables only N/T are known. */
export function kmsJudgements(snapshot: PosyanduSnapshot, growth: GrowthTables | undefined): KmsJudgement[] {
  if (!growth) return [];
  const judgements: KmsJudgement[] = [];
  for (const person of snapshot.people) {
    const weighed = historyFor(snapshot, person.id).measurements.filter((m) => m.weightKg !== undefined);
    if (weighed.length === 0) continue;
    const status = kmsStatusOf(growthSummary(person, weighed, growth).kms.at(-1));
    if (status) judgements.push({ personId: person.id, status });
  }
  return judgements;
}
