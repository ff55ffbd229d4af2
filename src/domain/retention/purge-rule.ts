import { addDays, addMonths } from '../dates/calendar.ts';

/**
 * Which synced records a phone no longer needs (docs/kader-app.md, "Keeping the phone small"). Pure: the storage
 * layer reads the rows, asks this rule, and deletes what it names in the same transaction. The puskesmas keeps
 * every record whatever a phone drops; a record dropped here comes back with the next pull if anyone edits it.
 */
export const RETENTION = {
  /** Nothing dated within this many days is dropped: the monthly report and its "N" look back a month or two. */
  recentDays: 400,
  /** A child's growth history (weighings, vitamin A, food) is no longer needed once the child is this old. */
  childMonths: 60,
  /** A pregnancy that ended (birth or loss) this many days ago is dropped with its antenatal and nifas visits. */
  closedPregnancyDays: 365,
  /** Nifas (postpartum) visits run until this many days after the birth. */
  postpartumDays: 42,
  /** A person who moved out this many days ago is dropped with everything recorded about them. */
  movedOutDays: 90,
} as const;

export interface RetentionPerson {
  id: string;
  birthDate: string;
  status: 'active' | 'moved_out' | 'deceased';
  statusDate?: string;
  motherId?: string;
}

export type RetentionEventTable =
  'measurements' | 'immunizations' | 'services' | 'pregnancies' | 'visits' | 'screenings' | 'referrals';

export interface RetentionEvent {
  table: RetentionEventTable;
  id: string;
  personId: string;
  /** The event's date; a pregnancy has none (its outcomeDate says when it ended). */
  date?: string;
  supersedes?: string;
  /** Visits only. */
  kind?: string;
  /** Pregnancies only. */
  outcome?: string;
  outcomeDate?: string;
}

export interface RetentionInput {
  /** The phone's date, YYYY-MM-DD. */
  today: string;
  persons: readonly RetentionPerson[];
  events: readonly RetentionEvent[];
  /** Ids of every record with an outbox entry (waiting or rejected): never dropped, nor anything they need. */
  unsynced: ReadonlySet<string>;
}

export interface PurgeTarget {
  table: RetentionEventTable | 'persons';
  id: string;
}

/** Growth-history tables dropped at five; immunisations stay (school-age Td and catch-up doses read them). */
const CHILD_HISTORY: ReadonlySet<string> = new Set(['measurements', 'services']);

export function selectPurgeable(input: RetentionInput): PurgeTarget[] {
  const { today, unsynced } = input;
  const recentFloor = addDays(today, -RETENTION.recentDays);
  const eventsByPerson = new Map<string, RetentionEvent[]>();
  for (const e of input.events) {
    const list = eventsByPerson.get(e.personId) ?? [];
    list.push(e);
    eventsByPerson.set(e.personId, list);
  }
  const dropped = new Map<string, PurgeTarget>();
  const drop = (table: PurgeTarget['table'], id: string) => dropped.set(id, { table, id });

  // People moved out long enough ago, with all their records, unless a record of theirs is unsynced or a person
  // the phone keeps names them as mother (the child's card shows her).
  const movedOut = new Set(
    input.persons
      .filter((p) => p.status === 'moved_out' && p.statusDate !== undefined)
      .filter((p) => (p.statusDate ?? today) <= addDays(today, -RETENTION.movedOutDays))
      .filter((p) => !unsynced.has(p.id) && !(eventsByPerson.get(p.id) ?? []).some((e) => unsynced.has(e.id)))
      .map((p) => p.id),
  );
  for (let changed = true; changed;) {
    changed = false;
    for (const p of input.persons) {
      if (p.motherId && movedOut.has(p.motherId) && !movedOut.has(p.id)) {
        movedOut.delete(p.motherId);
        changed = true;
      }
    }
  }
  for (const id of movedOut) {
    drop('persons', id);
    for (const e of eventsByPerson.get(id) ?? []) drop(e.table, e.id);
  }

  for (const person of input.persons) {
    if (movedOut.has(person.id)) continue;
    const events = eventsByPerson.get(person.id) ?? [];
    // A child of five or more: the weighings and services of the balita years.
    const fifthBirthday = addMonths(person.birthDate, RETENTION.childMonths);
    if (fifthBirthday <= today) {
      for (const e of events) {
        if (!CHILD_HISTORY.has(e.table) || e.date === undefined) continue;
        if (e.date < fifthBirthday && e.date <= recentFloor) drop(e.table, e.id);
      }
    }
    // Pregnancies that ended long ago: the whole chain of records, and the visits of that pregnancy and its nifas.
    const pregnancies = events.filter((e) => e.table === 'pregnancies');
    const superseded = new Set(pregnancies.map((e) => e.supersedes).filter((id) => id !== undefined));
    for (const head of pregnancies.filter((e) => !superseded.has(e.id))) {
      if (head.outcome === undefined || head.outcome === 'ongoing' || head.outcomeDate === undefined) continue;
      if (head.outcomeDate > addDays(today, -RETENTION.closedPregnancyDays)) continue;
      for (let link: RetentionEvent | undefined = head; link;) {
        drop('pregnancies', link.id);
        const previous: string | undefined = link.supersedes;
        link = previous === undefined ? undefined : pregnancies.find((e) => e.id === previous);
      }
      const nifasEnd = addDays(head.outcomeDate, RETENTION.postpartumDays);
      for (const e of events) {
        if (e.table !== 'visits' || (e.kind !== 'antenatal' && e.kind !== 'postpartum') || e.date === undefined)
          continue;
        if (e.date <= nifasEnd && e.date <= recentFloor) drop(e.table, e.id);
      }
    }
  }

  for (const id of unsynced) dropped.delete(id);
  // A correction kept while the record it replaced goes is harmless; the other way round would bring the replaced
  // value back. So a dropped event whose replaced record stays is kept too, until nothing changes.
  const byId = new Map(input.events.map((e) => [e.id, e]));
  for (let changed = true; changed;) {
    changed = false;
    for (const target of [...dropped.values()]) {
      const replaced = byId.get(target.id)?.supersedes;
      if (replaced !== undefined && byId.has(replaced) && !dropped.has(replaced)) {
        dropped.delete(target.id);
        changed = true;
      }
    }
  }
  return [...dropped.values()];
}
