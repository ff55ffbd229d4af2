import type { StoredRecord, Store } from '../db/store.ts';
import { audit } from './staff-audit.ts';
import { auditActor } from './staff-posyandus.ts';
import { StaffAccessError, visiblePosyandu } from './staff-scope.ts';
import type { StaffActor } from './staff-sessions.ts';

export interface PersonListItem {
  id: string;
  householdId: unknown;
  name: unknown;
  sex: unknown;
  birthDate: unknown;
  status: unknown;
}

export async function listPersonsForStaff(
  store: Store,
  actor: StaffActor,
  posyanduId: string,
): Promise<PersonListItem[]> {
  await visiblePosyandu(store, actor, posyanduId, false);
  const persons = await store.listCurrentRecords(posyanduId, 'persons');
  return persons
    .filter((p) => p.data.deletedAt === undefined)
    .map((p) => ({
      id: p.id,
      householdId: p.data.householdId,
      name: p.data.name,
      sex: p.data.sex,
      birthDate: p.data.birthDate,
      status: p.data.status,
    }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name), 'id'));
}

function publicRecord(record: StoredRecord) {
  return { table: record.table, id: record.id, data: record.data };
}

/**
 * One person with every event recorded about her and every version of her own record (who changed what, when):
 * the history a bidan reads before a home visit. Reading health data is itself audited.
 */
export async function personRecordForStaff(
  store: Store,
  actor: StaffActor,
  personId: string,
  address: string,
  now: Date,
) {
  const person = await store.getRecord('persons', personId);
  if (!person || person.deleted) throw new StaffAccessError('not-found', 'Warga tidak ditemukan.');
  await visiblePosyandu(store, actor, person.posyanduId, false);
  const [events, versions, household, devices] = await Promise.all([
    store.listPersonEvents(person.posyanduId, personId),
    store.listVersions('persons', personId),
    typeof person.data.householdId === 'string' ? store.getRecord('households', person.data.householdId) : null,
    store.listDevices(person.posyanduId),
  ]);
  // Who sent each version: the kader the phone was enrolled for (a bidan asks her, not a device id).
  const kaderOf = new Map(devices.map((d) => [d.id, d.kaderName]));
  await audit(store, auditActor(actor, address), 'view-person', `person:${personId}`, now);
  return {
    person: publicRecord(person),
    household: household && !household.deleted ? publicRecord(household) : null,
    events: events.map(publicRecord),
    history: versions.map((v) => ({
      op: v.op,
      fields: v.fields,
      data: v.data,
      deviceId: v.deviceId,
      kaderName: kaderOf.get(v.deviceId) ?? null,
      receivedAt: v.receivedAt,
    })),
  };
}
