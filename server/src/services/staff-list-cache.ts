import type { Person } from '../../../protocol/index.ts';
import type { PersonRecords } from '../../../src/domain/assessment/assessment-types.ts';
import type { GrowthTables } from '../../../src/domain/growth/index.ts';
import type { Store, StoredRecord } from '../db/store.ts';
import { type ListName, type ListRow, compareRows, listRowsOfPerson } from './staff-list-rows.ts';

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
type Events = Record<EventTable, Record<string, unknown>[]>;

/** One resident, her records and her judged rows. */
interface Judged {
  person: Person;
  events: Events;
  rows: ListRow[];
}

/** One posyandu, valid up to `seq` for one day and one set of tables. */
interface Entry {
  seq: number;
  asOf: string;
  withTables: boolean;
  people: Map<string, Judged>;
  /** The lists as the requests read them, built once per change (30 posyandu of rows per dashboard request). */
  view?: PosyanduJudged;
}

export interface PosyanduJudged {
  /** Each list's rows in list order (compareRows); the open referrals aside, read from `referrals`. */
  rows: ReadonlyMap<ListName, readonly ListRow[]>;
  persons: ReadonlyMap<string, Person>;
  referrals: readonly Record<string, unknown>[];
}

/** More changed records than this since the last look, and the whole posyandu is read again (a first pull). */
const INCREMENTAL_LIMIT = 500;

const emptyEvents = (): Events => Object.fromEntries(EVENT_TABLES.map((t) => [t, []])) as unknown as Events;
const isEventTable = (table: string): table is EventTable => (EVENT_TABLES as readonly string[]).includes(table);
const maxSeq = (records: readonly StoredRecord[], from: number) => records.reduce((m, r) => Math.max(m, r.seq), from);

function judge(person: Person, events: Events, asOf: string, growth: GrowthTables | undefined): Judged {
  const records = {
    person: { id: person.id, birthDate: person.birthDate, sex: person.sex, status: person.status },
    ...events,
  } as unknown as PersonRecords;
  return { person, events, rows: listRowsOfPerson(person, records, asOf, growth) };
}

/** Stored records passed the protocol schema when they arrived (apply-batch validates every change). */
const isResident = (person: Person) => person.status === 'active' && !person.deletedAt;

function view(entry: Entry): PosyanduJudged {
  if (entry.view) return entry.view;
  const people = [...entry.people.values()];
  const rows = new Map<ListName, ListRow[]>();
  for (const row of people.flatMap((p) => p.rows)) {
    const list = rows.get(row.list);
    if (list) list.push(row);
    else rows.set(row.list, [row]);
  }
  // Sorted once per change: a puskesmas-wide list then only merges the posyandu's heads (staff-lists.ts).
  for (const list of rows.values()) list.sort(compareRows);
  entry.view = {
    rows,
    persons: new Map(people.map((p) => [p.person.id, p.person])),
    referrals: people.flatMap((p) => p.events.referrals),
  };
  return entry.view;
}

/**
 * Judging every resident of a posyandu (a thousand people, eight tables) takes most of a second on a busy
 * machine, and the lists ask for the same posyandu again and again. An entry holds each resident's records and
 * rows; when the posyandu has records above its seq (a push, a tombstone, a referral result), only the people
 * those records name are read and judged again. A new day or newly installed WHO tables judge everyone again.
 * One cache per store, so tests do not share it.
 */
export class StaffListCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: Store) {}

  /** `lastSeq`, when the caller read it (posyandus.last_seq), spares the query that asks what is newer. */
  async judged(
    posyanduId: string,
    asOf: string,
    growth: GrowthTables | undefined,
    lastSeq?: number,
  ): Promise<PosyanduJudged> {
    const known = this.entries.get(posyanduId);
    if (known && known.asOf === asOf && known.withTables === (growth !== undefined)) {
      if (lastSeq !== undefined && known.seq >= lastSeq) return view(known);
      const changed = await this.store.listRecordsAfter(posyanduId, known.seq, INCREMENTAL_LIMIT + 1);
      if (changed.length === 0) return view(known);
      if (changed.length <= INCREMENTAL_LIMIT) {
        await this.update(known, posyanduId, changed, growth);
        return view(known);
      }
    }
    const entry = await this.compute(posyanduId, asOf, growth);
    this.entries.set(posyanduId, entry);
    return view(entry);
  }

  /** Re-reads and re-judges the people the changed records name (a person, or an event's personId). */
  private async update(entry: Entry, posyanduId: string, changed: StoredRecord[], growth: GrowthTables | undefined) {
    const ids = new Set<string>();
    for (const record of changed) {
      if (record.table === 'persons') ids.add(record.id);
      else if (isEventTable(record.table) && typeof record.data.personId === 'string') ids.add(record.data.personId);
    }
    for (const id of ids) {
      const [person, events] = await Promise.all([
        this.store.getRecord('persons', id),
        this.store.listPersonEvents(posyanduId, id),
      ]);
      const data =
        person && !person.deleted && person.posyanduId === posyanduId ? (person.data as unknown as Person) : null;
      if (!data || !isResident(data)) {
        entry.people.delete(id);
        continue;
      }
      const own = emptyEvents();
      for (const e of events) if (isEventTable(e.table)) own[e.table].push(e.data);
      entry.people.set(id, judge(data, own, entry.asOf, growth));
    }
    entry.seq = maxSeq(changed, entry.seq);
    delete entry.view;
  }

  private async compute(posyanduId: string, asOf: string, growth: GrowthTables | undefined): Promise<Entry> {
    const [personRows, ...eventRows] = await Promise.all([
      this.store.listCurrentRecords(posyanduId, 'persons'),
      ...EVENT_TABLES.map((t) => this.store.listCurrentRecords(posyanduId, t)),
    ]);
    let seq = maxSeq(personRows, 0);
    const found = new Map<string, { person: Person; events: Events }>();
    for (const row of personRows) {
      const person = row.data as unknown as Person;
      if (isResident(person)) found.set(person.id, { person, events: emptyEvents() });
    }
    EVENT_TABLES.forEach((table, i) => {
      const rows = eventRows[i] ?? [];
      seq = maxSeq(rows, seq);
      for (const row of rows) found.get(String(row.data.personId))?.events[table].push(row.data);
    });
    // Tombstones are not current records but do move the posyandu's seq: read past them once, so they do not
    // make every later request look stale.
    for (let after = await this.store.listRecordsAfter(posyanduId, seq, 500); after.length > 0;) {
      seq = maxSeq(after, seq);
      after = await this.store.listRecordsAfter(posyanduId, seq, 500);
    }
    const people = new Map<string, Judged>();
    for (const { person, events } of found.values()) people.set(person.id, judge(person, events, asOf, growth));
    return { seq, asOf, withTables: growth !== undefined, people };
  }
}

const caches = new WeakMap<Store, StaffListCache>();

export function listCacheOf(store: Store): StaffListCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new StaffListCache(store)));
  return cache;
}
