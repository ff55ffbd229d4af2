import type { Person, Referral } from '../../../protocol/index.ts';
import { EVENT_TABLE_NAMES, isEventTableName, type EventTableName } from '../../../protocol/tables.ts';
import type { PersonRecords } from '../../../src/domain/assessment/assessment-types.ts';
import type { GrowthTables } from '../../../src/domain/growth/index.ts';
import type { PersonJudgement } from '../db/judgement-store.ts';
import type { Store, StoredRecord } from '../db/store.ts';
import { sortRows } from './staff-list-order.ts';
import { LIST_NAMES, type ListName, type ListRow, listRowsOfPerson } from './staff-list-rows.ts';
import { openReferralRows } from './staff-referral-rows.ts';

// Reading and judging the residents of one posyandu, for the list cache (staff-list-cache.ts).

const EVENT_TABLES = EVENT_TABLE_NAMES;
type EventTable = EventTableName;
type Events = Record<EventTable, Record<string, unknown>[]>;

export type ListCounts = Record<ListName, number>;

/** People judged between two yields to the event loop: phones syncing meanwhile wait at most a few ms. */
const JUDGE_SLICE = 100;

const emptyEvents = (): Events => Object.fromEntries(EVENT_TABLES.map((t) => [t, []])) as unknown as Events;
const isEventTable = isEventTableName;
export const maxSeq = (records: readonly StoredRecord[], from: number) =>
  records.reduce((m, r) => Math.max(m, r.seq), from);
export const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
export const emptyCounts = (): ListCounts => Object.fromEntries(LIST_NAMES.map((n) => [n, 0])) as ListCounts;

function judge(person: Person, events: Events, asOf: string, growth: GrowthTables | undefined): ListRow[] {
  const records = {
    person: { id: person.id, birthDate: person.birthDate, sex: person.sex, status: person.status },
    ...events,
  } as unknown as PersonRecords;
  return [
    ...listRowsOfPerson(person, records, asOf, growth),
    ...openReferralRows(person, events.referrals as unknown as Referral[]),
  ];
}

/** Stored records passed the protocol schema when they arrived (apply-batch validates every change). */
const isResident = (person: Person) => person.status === 'active' && !person.deletedAt;

/** One person's rows grouped by list, as stored (one JSON array per list she is on). */
export function judgementOf(personId: string, rows: readonly ListRow[]): PersonJudgement {
  const byList = new Map<ListName, ListRow[]>();
  for (const row of rows) byList.set(row.list, [...(byList.get(row.list) ?? []), row]);
  return { personId, lists: [...byList].map(([list, own]) => ({ list, rowsJson: JSON.stringify(own) })) };
}

/** The people changed records name: a person, or an event's personId. */
export function namedPeople(changed: readonly StoredRecord[]): Set<string> {
  const ids = new Set<string>();
  for (const record of changed) {
    if (record.table === 'persons') ids.add(record.id);
    else if (isEventTable(record.table) && typeof record.data.personId === 'string') ids.add(record.data.personId);
  }
  return ids;
}

/** Each named person's rows now (none when she is no longer a resident of this posyandu). */
export async function judgePeople(
  store: Store,
  posyanduId: string,
  ids: ReadonlySet<string>,
  asOf: string,
  growth: GrowthTables | undefined,
): Promise<Map<string, ListRow[]>> {
  const fresh = new Map<string, ListRow[]>();
  for (const id of ids) {
    const [person, events] = await Promise.all([
      store.getRecord('persons', id),
      store.listPersonEvents(posyanduId, id),
    ]);
    const data =
      person && !person.deleted && person.posyanduId === posyanduId ? (person.data as unknown as Person) : null;
    const own = emptyEvents();
    for (const e of events) if (isEventTable(e.table)) own[e.table].push(e.data);
    fresh.set(id, data && isResident(data) ? judge(data, own, asOf, growth) : []);
  }
  return fresh;
}

export interface WholePosyandu {
  seq: number;
  counts: ListCounts;
  /** Every list, in list order. */
  lists: Map<ListName, ListRow[]>;
  judgements: PersonJudgement[];
}

/** Every resident judged: eight table reads, then `assessPerson` per person, yielding by `turn` between slices. */
export async function judgeWholePosyandu(
  store: Store,
  posyanduId: string,
  asOf: string,
  growth: GrowthTables | undefined,
  turn: () => Promise<unknown>,
): Promise<WholePosyandu> {
  const [personRows, ...eventRows] = await Promise.all([
    store.listCurrentRecords(posyanduId, 'persons'),
    ...EVENT_TABLES.map((t) => store.listCurrentRecords(posyanduId, t)),
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
  for (let after = await store.listRecordsAfter(posyanduId, seq, 500); after.length > 0;) {
    seq = maxSeq(after, seq);
    after = await store.listRecordsAfter(posyanduId, seq, 500);
  }
  const judgements: PersonJudgement[] = [];
  const lists = new Map<ListName, ListRow[]>(LIST_NAMES.map((n) => [n, []]));
  let judged = 0;
  for (const { person, events } of found.values()) {
    const rows = judge(person, events, asOf, growth);
    if (rows.length > 0) judgements.push(judgementOf(person.id, rows));
    for (const row of rows) lists.get(row.list)?.push(row);
    if (++judged % JUDGE_SLICE === 0) await turn();
  }
  const counts = emptyCounts();
  for (const [list, rows] of lists) {
    sortRows(rows);
    counts[list] = rows.length;
  }
  return { seq, counts, lists, judgements };
}
