// The public surface of local storage: the UI and the sync engine import from here only (lint enforces it).
export { openStorage, wireChange } from './open-storage.ts';
export type {
  Storage,
  UnlockResult,
  VaultState,
  OpenStorageOptions,
  SyncCounts,
  HouseholdWithMembers,
  DeviceEnrollment,
  OutboxBatch,
  ReadAhead,
  RejectedChange,
  PullApplySummary,
  BirthInput,
  DuplicateCandidate,
  PossibleDuplicate,
} from './open-storage.ts';
export type { OutboxEntry, OutboxState } from './db.ts';
export { ValidationError, NotFoundError, NotEnrolledError, LockedError, type ValidationIssue } from './errors.ts';
export type {
  EventInput,
  EventTableName,
  HouseholdInput,
  HouseholdPatch,
  MemberInput,
  PersonInput,
  PersonPatch,
  TimelineEntry,
} from './input-types.ts';
export { EVENT_TABLES } from './event-repo.ts';
export { watch, type Watchable, type Subscription } from './watch.ts';
export {
  defaultStorage,
  setDefaultStorage,
  saveHouseholdWithMembers,
  updateHousehold,
  getHousehold,
  listHouseholds,
  savePerson,
  updatePerson,
  markPersonMovedOut,
  markPersonDeceased,
  getPerson,
  listMembers,
  searchPeople,
  recordEvent,
  listEventsForPerson,
  listPeople,
  onStorageReplaced,
  findPossibleDuplicates,
  recordBirth,
  listEvents,
  listEventsOn,
  getEnrollment,
  saveEnrollment,
  forgetToken,
  countPending,
  listRejected,
  resendRejected,
  watchSyncCounts,
} from './default-storage.ts';
