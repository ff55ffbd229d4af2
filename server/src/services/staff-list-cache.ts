import type { Person } from '../../../protocol/index.ts';
import type { PersonRecords } from '../../../src/domain/assessment/assessment-types.ts';
import type { GrowthTables } from '../../../src/domain/growth/index.ts';
import type { Store, StoredRecord } from '../db/store.ts';
import { type ListRow, listRowsOfPerson } from './staff-list-rows.ts';

const EVENT_TABLES = [
  'measurements',
  'immunizations',
  'pregnancies',
  'visits',
  'referrals',
  'screenings',
  'services',
] as const;
type EventTable = (typeof EVENT_TABLES)[number];

interface Mutable {
  person: Person;
  events: Record<EventTable, Record<string, unknown>[]>;
}

/** One posyandu's judged rows, valid while no record of it got a higher seq and the day and tables are the same. */
interface Entry {
  seq: number;
  asOf: string;
  withTables: boolean;
  rows: ListRow[];
  /** Current residents, for the open referrals' names. */
  persons: Map<string, Person>;
  referrals: Record<string, unknown>[];
}

export interface PosyanduJudged {
  rows: readonly ListRow[];
  persons: ReadonlyMap<string, Person>;
  referrals: readonly Record<string, unknown>[];
}

const maxSeq = (records: readonly StoredRecord[], from: number) => records.reduce((m, r) => Math.max(m, r.seq), from);

/**
 * Judging every resident of a posyandu (a thousand people, eight tables) takes a few hundred ms; the lists ask
 * for the same posyandu again and again while nothing arrives. The cache is per store, so tests do not share it,
 * and an entry is dropped as soon as the posyandu has any record above its seq (a push, a tombstone, a result).
 */
export class StaffListCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: Store) {}

  async judged(posyanduId: string, asOf: string, growth: GrowthTables | undefined): Promise<PosyanduJudged> {
    const known = this.entries.get(posyanduId);
    if (known && known.asOf === asOf && known.withTables === (growth !== undefined)) {
      const newer = await this.store.listRecordsAfter(posyanduId, known.seq, 1);
      if (newer.length === 0) return known;
    }
    const entry = await this.compute(posyanduId, asOf, growth);
    this.entries.set(posyanduId, entry);
    return entry;
  }

  private async compute(posyanduId: string, asOf: string, growth: GrowthTables | undefined): Promise<Entry> {
    const [personRows, ...eventRows] = await Promise.all([
      this.store.listCurrentRecords(posyanduId, 'persons'),
      ...EVENT_TABLES.map((t) => this.store.listCurrentRecords(posyanduId, t)),
    ]);
    let seq = maxSeq(personRows, 0);
    const people = new Map<string, Mutable>();
    // Stored records passed the protocol schema when they arrived (apply-batch validates every change).
    for (const row of personRows) {
      const person = row.data as unknown as Person;
      if (person.status !== 'active' || person.deletedAt) continue;
      people.set(person.id, {
        person,
        events: Object.fromEntries(EVENT_TABLES.map((t) => [t, []])) as unknown as Mutable['events'],
      });
    }
    EVENT_TABLES.forEach((table, i) => {
      const rows = eventRows[i] ?? [];
      seq = maxSeq(rows, seq);
      for (const row of rows) {
        const owner = people.get(String(row.data.personId));
        if (owner) owner.events[table].push(row.data);
      }
    });
    // Tombstones are not current records but do move the posyandu's seq: read past them once, so they do not
    // make every later request look stale.
    for (let after = await this.store.listRecordsAfter(posyanduId, seq, 500); after.length > 0;) {
      seq = maxSeq(after, seq);
      after = await this.store.listRecordsAfter(posyanduId, seq, 500);
    }

    const rows: ListRow[] = [];
    for (const { person, events } of people.values()) {
      const records = {
        person: { id: person.id, birthDate: person.birthDate, sex: person.sex, status: person.status },
        ...events,
      } as unknown as PersonRecords;
      rows.push(...listRowsOfPerson(person, records, asOf, growth));
    }
    const persons = new Map([...people.values()].map(({ person }) => [person.id, person]));
    const referrals = [...people.values()].flatMap((p) => p.events.referrals);
    return { seq, asOf, withTables: growth !== undefined, rows, persons, referrals };
  }
}

const caches = new WeakMap<Store, StaffListCache>();

export function listCacheOf(store: Store): StaffListCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new StaffListCache(store)));
  return cache;
}
