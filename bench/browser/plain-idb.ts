// The baseline: the same household write and the same prefix search as the app's repositories, in plain
// IndexedDB (no Dexie, no zod). Same object stores, same indexes, same 'strict' durability, same rows.
import { formatHlc } from '../../protocol/hlc.ts';
import { newRecordId } from '../../src/platform/ids.ts';
import type { PersonRow } from '../../src/storage/db.ts';
import { lookupTerm, personMatches, personSearchTerms, searchWords } from '../../src/storage/search-terms.ts';
import type { BenchHousehold } from './bench-types.ts';

const VERSION = 1;

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** The stores and indexes PosyanduDb version 1 declares for the tables these operations touch. */
export function openPlainDb(name: string): Promise<IDBDatabase> {
  const open = indexedDB.open(name, VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('households', { keyPath: 'id' }).createIndex('familyCardNumber', 'familyCardNumber');
    const persons = db.createObjectStore('persons', { keyPath: 'id' });
    persons.createIndex('householdId', 'householdId');
    persons.createIndex('motherId', 'motherId');
    persons.createIndex('nik', 'nik');
    persons.createIndex('_search', '_search', { multiEntry: true });
    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('[state+seq]', ['state', 'seq']);
    outbox.createIndex('recordId', 'recordId');
    outbox.createIndex('changeId', 'changeId');
    outbox.createIndex('batchId', 'batchId');
    db.createObjectStore('meta', { keyPath: 'key' });
  };
  return requestResult(open);
}

/** Copies households, people and the meta rows (enrollment, token, clock) of another database, as stored. */
export async function copyInto(
  target: IDBDatabase,
  sourceName: string,
): Promise<{ households: number; persons: number }> {
  const source = await requestResult(indexedDB.open(sourceName));
  const read = source.transaction(['households', 'persons', 'meta'], 'readonly');
  const [households, persons, meta] = await Promise.all([
    requestResult(read.objectStore('households').getAll()),
    requestResult(read.objectStore('persons').getAll()),
    requestResult(read.objectStore('meta').getAll()),
  ]);
  source.close();
  const write = target.transaction(['households', 'persons', 'meta'], 'readwrite', { durability: 'strict' });
  for (const row of households) write.objectStore('households').put(row);
  for (const row of persons) write.objectStore('persons').put(row);
  for (const row of meta) write.objectStore('meta').put(row);
  await transactionDone(write);
  return { households: households.length, persons: persons.length };
}

interface ClockState {
  wallMs: number;
  counter: number;
}

/**
 * Household plus members plus one outbox row each, in one transaction: read the enrollment and the clock, stamp,
 * add, persist the clock. What saveHouseholdWithMembers stores, minus validation.
 */
export async function plainSaveHousehold(db: IDBDatabase, input: BenchHousehold): Promise<void> {
  const tx = db.transaction(['households', 'persons', 'outbox', 'meta'], 'readwrite', { durability: 'strict' });
  const done = transactionDone(tx);
  const meta = tx.objectStore('meta');
  const enrollment = (await requestResult(meta.get('enrollment')))?.value as
    { deviceId: string; posyanduId: string; kaderId: string } | undefined;
  if (!enrollment) throw new Error('plain baseline: not enrolled');
  const clock = ((await requestResult(meta.get('clock')))?.value as ClockState | undefined) ?? {
    wallMs: 0,
    counter: 0,
  };
  const recordedAt = new Date().toISOString();
  const stamp = (): string => {
    const now = Date.now();
    if (now > clock.wallMs) Object.assign(clock, { wallMs: now, counter: 0 });
    else clock.counter += 1;
    return formatHlc({ wallMs: clock.wallMs, counter: clock.counter, node: enrollment.deviceId });
  };
  const newMeta = () => ({
    id: newRecordId(),
    posyanduId: enrollment.posyanduId,
    recordedBy: { kaderId: enrollment.kaderId, deviceId: enrollment.deviceId },
    recordedAt,
    hlc: stamp(),
  });
  const outbox = tx.objectStore('outbox');
  const appendOutbox = (table: string, record: Record<string, unknown>): void => {
    const changeId = newRecordId();
    const change = { changeId, table, op: 'upsert', record };
    outbox.add({
      changeId,
      table,
      recordId: String(record.id),
      op: 'upsert',
      record,
      createdAt: recordedAt,
      attempts: 0,
      state: 'pending',
      bytes: new TextEncoder().encode(JSON.stringify(change)).length,
    });
  };

  const household = { ...input.household, ...newMeta() };
  const metas = input.members.map(() => newMeta());
  const idByRef = new Map(input.members.map((member, i) => [member.ref, metas[i]?.id]));
  tx.objectStore('households').add(household);
  appendOutbox('households', household);
  input.members.forEach((member, i) => {
    const { ref: _ref, motherRef, ...fields } = member;
    const motherId = motherRef === undefined ? undefined : idByRef.get(motherRef);
    const person = {
      ...fields,
      ...(motherId ? { motherId } : {}),
      householdId: household.id,
      jkn: fields.jkn ?? { member: false },
      status: 'active',
      ...metas[i],
    };
    tx.objectStore('persons').add({ ...person, _search: personSearchTerms(person, household.familyCardNumber) });
    appendOutbox('persons', person);
  });
  meta.put({ key: 'clock', value: clock });
  await done;
}

/**
 * searchPeople's algorithm: the multiEntry index looked up whole on the longest indexed term of the query (name
 * words are indexed up to 5 letters, so "sulastri" is looked up as "sulas"), and the query's words checked on
 * each row found, unless the index alone answers.
 */
export function plainSearch(db: IDBDatabase, query: string, limit: number): Promise<{ id: string }[]> {
  const words = searchWords(query).map((word) => ({ word, term: lookupTerm(word) }));
  if (words.length === 0) return Promise.resolve([]);
  const [key, ...rest] = [...words].sort((a, b) => b.term.length - a.term.length) as [
    (typeof words)[number],
    ...typeof words,
  ];
  const checked = (key.term === key.word ? rest : words).map((item) => item.word);
  return new Promise((resolve, reject) => {
    const index = db.transaction('persons', 'readonly').objectStore('persons').index('_search');
    const request = index.openCursor(IDBKeyRange.only(key.term));
    const found: { id: string }[] = [];
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(found);
      const row = cursor.value as PersonRow;
      if (row.deletedAt === undefined && checked.every((word) => personMatches(row, word))) {
        found.push({ id: row.id });
        if (found.length >= limit) return resolve(found);
      }
      cursor.continue();
    };
  });
}
