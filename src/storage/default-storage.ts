import { openStorage, type Storage } from './open-storage.ts';
import type { EventInput, EventTableName } from './input-types.ts';
import type { RecordOf } from '../../protocol/tables.ts';

let current: Storage | null = null;

/** The app's one storage (database DEFAULT_DB_NAME), opened on first use. */
export function defaultStorage(): Storage {
  current ??= openStorage();
  return current;
}

/** Replaces the app's storage (tests, or the app opening a named database); closes the previous one. */
export function setDefaultStorage(storage: Storage | null): void {
  if (current && current !== storage) current.close();
  current = storage;
}

// The same repositories as free functions over the default storage, for screens.
type S = Storage;
export const saveHouseholdWithMembers: S['saveHouseholdWithMembers'] = (input) =>
  defaultStorage().saveHouseholdWithMembers(input);
export const updateHousehold: S['updateHousehold'] = (id, patch) => defaultStorage().updateHousehold(id, patch);
export const getHousehold: S['getHousehold'] = (id) => defaultStorage().getHousehold(id);
export const listHouseholds: S['listHouseholds'] = () => defaultStorage().listHouseholds();
export const savePerson: S['savePerson'] = (input) => defaultStorage().savePerson(input);
export const updatePerson: S['updatePerson'] = (id, patch) => defaultStorage().updatePerson(id, patch);
export const markPersonMovedOut: S['markPersonMovedOut'] = (id, date) => defaultStorage().markPersonMovedOut(id, date);
export const markPersonDeceased: S['markPersonDeceased'] = (id, date) => defaultStorage().markPersonDeceased(id, date);
export const getPerson: S['getPerson'] = (id) => defaultStorage().getPerson(id);
export const listMembers: S['listMembers'] = (householdId) => defaultStorage().listMembers(householdId);
export const searchPeople: S['searchPeople'] = (query, limit) => defaultStorage().searchPeople(query, limit);
export function recordEvent<T extends EventTableName>(table: T, data: EventInput<T>): Promise<RecordOf<T>> {
  return defaultStorage().recordEvent(table, data);
}
export const listEventsForPerson: S['listEventsForPerson'] = (personId) =>
  defaultStorage().listEventsForPerson(personId);
export const listPeople: S['listPeople'] = () => defaultStorage().listPeople();
export const findPossibleDuplicates: S['findPossibleDuplicates'] = (candidates) =>
  defaultStorage().findPossibleDuplicates(candidates);
export const recordBirth: S['recordBirth'] = (input) => defaultStorage().recordBirth(input);
export function listEvents<T extends EventTableName>(table: T): Promise<RecordOf<T>[]> {
  return defaultStorage().listEvents(table);
}
export function listEventsOn<T extends Exclude<EventTableName, 'pregnancies'>>(
  table: T,
  date: string,
): Promise<RecordOf<T>[]> {
  return defaultStorage().listEventsOn(table, date);
}
export function listEventsBetween<T extends Exclude<EventTableName, 'pregnancies'>>(
  table: T,
  from: string,
  to: string,
): Promise<RecordOf<T>[]> {
  return defaultStorage().listEventsBetween(table, from, to);
}
export function listEventsOfPeople<T extends EventTableName>(
  table: T,
  personIds: readonly string[],
): Promise<RecordOf<T>[]> {
  return defaultStorage().listEventsOfPeople(table, personIds);
}
export const listPeopleById: S['listPeopleById'] = (ids) => defaultStorage().listPeopleById(ids);
export const readDayRoster: S['readDayRoster'] = (today) => defaultStorage().readDayRoster(today);
export const onStorageReplaced: S['onReplaced'] = (listener) => defaultStorage().onReplaced(listener);
export const getEnrollment: S['getEnrollment'] = () => defaultStorage().getEnrollment();
export const saveEnrollment: S['saveEnrollment'] = (enrollment) => defaultStorage().saveEnrollment(enrollment);
export const forgetToken: S['forgetToken'] = () => defaultStorage().forgetToken();
export const countPending: S['countPending'] = () => defaultStorage().countPending();
export const listRejected: S['listRejected'] = () => defaultStorage().listRejected();
export const resendRejected: S['resendRejected'] = (seq, correction) =>
  defaultStorage().resendRejected(seq, correction);
export const watchSyncCounts: S['watchSyncCounts'] = () => defaultStorage().watchSyncCounts();
// The app lock (pin-lock.ts): the app asks these before showing any screen with records.
export const vaultState: S['vaultState'] = () => defaultStorage().vaultState();
export const setFirstPin: S['setFirstPin'] = (pin) => defaultStorage().setFirstPin(pin);
export const unlockWithPin: S['unlock'] = (pin) => defaultStorage().unlock(pin);
export const lockApp: S['lock'] = () => defaultStorage().lock();
export const signOutPhone: S['signOut'] = () => defaultStorage().signOut();
export const checkRecoveryCode: S['checkRecoveryCode'] = (code) => defaultStorage().checkRecoveryCode(code);
export const recoverWithCode: S['recoverWithCode'] = (code, pin) => defaultStorage().recoverWithCode(code, pin);
export const pinWait: S['pinWait'] = () => defaultStorage().pinWait();
export const onVaultChange: S['onVaultChange'] = (listener) => defaultStorage().onVaultChange(listener);
export const readDraft: S['readDraft'] = (key) => defaultStorage().readDraft(key);
export const writeDraft: S['writeDraft'] = (key, value) => defaultStorage().writeDraft(key, value);
export const removeDraft: S['removeDraft'] = (key) => defaultStorage().removeDraft(key);
