import type { Person, Referral } from '../../../../protocol/index.ts';
import { listEvents, listPeople } from '../../../storage/index.ts';
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
  const flat = { measurements, immunizations, services, pregnancies, visits, screenings, referrals };
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
    for (const record of flat[key] ?? []) (historyOf(record.personId)[key] as unknown[]).push(record);
  }
  return { people, referrals, byId: new Map(people.map((p) => [p.id, p])), histories, flat };
}

export function historyFor(snapshot: PosyanduSnapshot, personId: string): PersonHistory {
  return snapshot.histories.get(personId) ?? emptyHistory();
}
