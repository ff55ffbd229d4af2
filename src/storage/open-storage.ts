import type { Enrollment } from '../../protocol/enrollment.ts';
import type { Household } from '../../protocol/household.ts';
import type { Person } from '../../protocol/person.ts';
import type { ChangeResult, PulledChange, PulledPosyandu } from '../../protocol/sync.ts';
import type { RecordOf } from '../../protocol/tables.ts';
import { PosyanduDb } from './db.ts';
import {
  forgetToken,
  getEnrollment,
  getTokenSince,
  refreshPosyandu,
  saveEnrollment,
  setToken,
  type DeviceEnrollment,
} from './enrollment-repo.ts';
import { listEventsForPerson, recordEvent } from './event-repo.ts';
import { purgeSyncedOnceADay, type PurgeSummary } from './purge-synced.ts';
import {
  getHousehold,
  listHouseholds,
  saveHouseholdWithMembers,
  updateHousehold,
  type HouseholdWithMembers,
} from './household-repo.ts';
import type {
  EventInput,
  EventTableName,
  HouseholdInput,
  HouseholdPatch,
  MemberInput,
  PersonInput,
  PersonPatch,
  TimelineEntry,
} from './input-types.ts';
import { acknowledge, type Acknowledged } from './outbox-acknowledge.ts';
import { releaseBatch, takeBatch, type OutboxBatch } from './outbox-batch.ts';
import { takeFollowing } from './outbox-following.ts';
import { readSyncCounts, type SyncCounts } from './outbox-counts.ts';
import { listRejected, rejectLocally, resendRejected, type RejectedChange } from './outbox-rejected.ts';
import { pushBodyText, wireChange } from './outbox-wire.ts';
import {
  getPerson,
  listMembers,
  markPersonDeceased,
  markPersonMovedOut,
  savePerson,
  searchPeople,
  updatePerson,
} from './person-repo.ts';
import {
  listEvents,
  listEventsBetween,
  listEventsOfPeople,
  listEventsOn,
  listPeople,
  listPeopleById,
} from './register-repo.ts';
import { dayRosterSettled, readDayRoster, type RosterChild } from './day-roster.ts';
import {
  findPossibleDuplicates,
  recordBirth,
  type BirthInput,
  type DuplicateCandidate,
  type PossibleDuplicate,
} from './registry-checks.ts';
import { applyPulledChanges, getPullCursor, preparePulledChanges, type PullApplySummary } from './pull-apply.ts';
import { watch, type Watchable } from './watch.ts';
import type { VaultState } from './crypto-vault.ts';
import { DraftStore } from './draft-store.ts';
import { pinWait, readVaultState, setFirstPin, unlockWithPin, type UnlockResult } from './pin-lock.ts';
import {
  armRecoveryIfMissing,
  checkRecoveryCode,
  pendingRecoveryCode,
  recoverWithCode,
  recoveryUploaded,
} from './pin-recovery.ts';
import { META_LAST_SYNC, META_PUSH_LINK, StorageContext, type ServerTimeReading } from './write-context.ts';
import { signOutPhone } from './sign-out.ts';

export interface OpenStorageOptions {
  /** IndexedDB database name; tests use one per case. Two Storages on one name behave like two tabs. */
  name?: string;
  /** A database instance to use instead (tests declare a later schema version this way). */
  db?: PosyanduDb;
  /** The phone's clock, for tests. */
  now?: () => number;
  /** PBKDF2 iterations for a new PIN; tests lower it, the app keeps the default (crypto-keys.ts). */
  pinIterations?: number;
}

/** Everything the app and the sync engine may do with local data. */
export function openStorage(options: OpenStorageOptions = {}) {
  const db = options.db ?? new PosyanduDb(options.name);
  const context = new StorageContext(db, options.now);
  const drafts = new DraftStore(db.vault);
  // A missing recovery wrap is made while the PIN is at hand, before the app shows and sync starts (so the first
  // sync sends the code); failing it never fails the unlock (the next unlock tries again).
  const arm = (pin: string): Promise<unknown> =>
    armRecoveryIfMissing(db, pin, options.pinIterations).catch(() => false);
  return {
    name: db.name,
    close: (): void => db.close(),

    /** 'plain' (no PIN yet), 'locked' or 'unlocked'; reads the stored key once to know whether a PIN exists. */
    vaultState: (): Promise<VaultState> => readVaultState(db),
    /** The first PIN after enrollment; encrypts every row already stored, outbox included, in one transaction. */
    setFirstPin: (pin: string): Promise<void> => setFirstPin(db, pin, options.pinIterations, drafts, () => arm(pin)),
    unlock: (pin: string): Promise<UnlockResult> => unlockWithPin(db, pin, options.now, drafts, () => arm(pin)),
    /** Lupa PIN: whether the recovery code from the puskesmas opens this phone (wrong codes count like PINs). */
    checkRecoveryCode: (code: string): Promise<UnlockResult> => checkRecoveryCode(db, code, options.now),
    /** The recovery code and a new PIN: re-wraps the same secret, resets the tries, draws a new code, unlocks. */
    recoverWithCode: (code: string, newPin: string): Promise<UnlockResult> =>
      recoverWithCode(db, code, newPin, {
        ...(options.now ? { now: options.now } : {}),
        ...(options.pinIterations ? { iterations: options.pinIterations } : {}),
        drafts,
      }),
    /** For the sync engine: the recovery code still to send (encrypted) to the puskesmas, and its receipt. */
    pendingRecoveryCode: (): Promise<{ recoveryId: string; code: string } | null> => pendingRecoveryCode(db),
    recoveryUploaded: (recoveryId: string): Promise<void> => recoveryUploaded(db, recoveryId),
    /** Removes everything of this posyandu from the phone; SignOutBlockedError while a record waits (sign-out.ts). */
    signOut: (): Promise<void> => signOutPhone(db, drafts),
    /** Forgets the keys: from now on every read and write of a record fails with LockedError until unlock. */
    lock: (): void => db.vault.lock(),
    pinWait: (): Promise<number> => pinWait(db, options.now),
    onVaultChange: (listener: (state: VaultState) => void): (() => void) => db.vault.onChange(listener),
    /** Form drafts (draft-store.ts): synchronous reads, sealed in localStorage once a PIN is set. */
    readDraft: (key: string): unknown => drafts.read(key),
    writeDraft: (key: string, value: unknown): void => drafts.write(key, value),
    removeDraft: (key: string): void => drafts.remove(key),
    /**
     * A newer app version opened this database in another tab and upgraded it: Dexie closes this connection so
     * the upgrade can go ahead, and this tab must reload to keep working. Returns an unsubscribe function.
     */
    onReplaced: (listener: () => void): (() => void) => {
      const handler = () => {
        listener();
      };
      db.on('versionchange', handler);
      return () => db.on('versionchange').unsubscribe(handler);
    },

    saveHouseholdWithMembers: (input: { household: HouseholdInput; members: MemberInput[] }) =>
      saveHouseholdWithMembers(context, input),
    updateHousehold: (id: string, patch: HouseholdPatch): Promise<Household> => updateHousehold(context, id, patch),
    getHousehold: (id: string): Promise<Household | undefined> => getHousehold(context, id),
    listHouseholds: (): Promise<Household[]> => listHouseholds(context),

    savePerson: (input: PersonInput): Promise<Person> => savePerson(context, input),
    updatePerson: (id: string, patch: PersonPatch): Promise<Person> => updatePerson(context, id, patch),
    markPersonMovedOut: (id: string, date: string): Promise<Person> => markPersonMovedOut(context, id, date),
    markPersonDeceased: (id: string, date: string): Promise<Person> => markPersonDeceased(context, id, date),
    getPerson: (id: string): Promise<Person | undefined> => getPerson(context, id),
    listMembers: (householdId: string): Promise<Person[]> => listMembers(context, householdId),
    searchPeople: (query: string, limit?: number): Promise<Person[]> => searchPeople(context, query, limit),

    recordEvent: <T extends EventTableName>(table: T, data: EventInput<T>): Promise<RecordOf<T>> =>
      recordEvent(context, table, data),
    listEventsForPerson: (personId: string): Promise<TimelineEntry[]> => listEventsForPerson(context, personId),
    listPeople: (): Promise<Person[]> => listPeople(context),
    listPeopleById: (ids: readonly string[]): Promise<Person[]> => listPeopleById(context, ids),
    findPossibleDuplicates: (candidates: readonly DuplicateCandidate[]): Promise<PossibleDuplicate[]> =>
      findPossibleDuplicates(context, candidates),
    recordBirth: (input: BirthInput): Promise<Person> => recordBirth(context, input),
    listEvents: <T extends EventTableName>(table: T): Promise<RecordOf<T>[]> => listEvents(context, table),
    listEventsOn: <T extends Exclude<EventTableName, 'pregnancies'>>(table: T, date: string): Promise<RecordOf<T>[]> =>
      listEventsOn(context, table, date),
    listEventsBetween: <T extends Exclude<EventTableName, 'pregnancies'>>(
      table: T,
      from: string,
      to: string,
    ): Promise<RecordOf<T>[]> => listEventsBetween(context, table, from, to),
    listEventsOfPeople: <T extends EventTableName>(table: T, personIds: readonly string[]): Promise<RecordOf<T>[]> =>
      listEventsOfPeople(context, table, personIds),
    /** The posyandu's young children with their immunisations and this month's weighing (day-roster.ts). */
    readDayRoster: (today: string): Promise<RosterChild[]> => readDayRoster(context, today),
    /** Resolves once the roster's last write-back ended (tests). */
    dayRosterSettled: (): Promise<void> => dayRosterSettled(context),

    getEnrollment: (): Promise<DeviceEnrollment | null> => getEnrollment(context),
    saveEnrollment: (enrollment: Enrollment): Promise<void> => saveEnrollment(context, enrollment),
    /** The posyandu's name and area from a pull (staff edited them); true when the stored ones changed. */
    refreshPosyandu: (posyandu: PulledPosyandu): Promise<boolean> => refreshPosyandu(context, posyandu),
    forgetToken: (): Promise<void> => forgetToken(context),
    getTokenSince: (): Promise<string | null> => getTokenSince(context),
    setToken: (token: string | null, since: string): Promise<void> => setToken(context, token, since),

    takeBatch: (maxCount: number, maxBytes: number): Promise<OutboxBatch | null> =>
      takeBatch(context, maxCount, maxBytes),
    releaseBatch: (batchId: string): Promise<void> => releaseBatch(context, batchId),
    /** The batch after the one in flight, taken while that one is on the wire (outbox-following.ts). */
    takeFollowing: (afterBatchId: string, maxCount: number, maxBytes: number): Promise<OutboxBatch | null> =>
      takeFollowing(context, afterBatchId, maxCount, maxBytes),
    /** `serverTime`, when given, is fed into the clock in the same transaction (one commit for the answer). */
    acknowledge: (
      results: readonly ChangeResult[],
      batchId?: string,
      serverTime?: ServerTimeReading,
    ): Promise<Acknowledged> => acknowledge(context, results, batchId, serverTime),
    rejectLocally: (seq: number, error: NonNullable<ChangeResult['error']>) => rejectLocally(context, seq, error),
    /** Both counts from the kept counter row: one read, whatever the queue's length. */
    syncCounts: (): Promise<SyncCounts> => readSyncCounts(db),
    countPending: async (): Promise<number> => (await readSyncCounts(db)).pending,
    countRejected: async (): Promise<number> => (await readSyncCounts(db)).rejected,
    listRejected: (): Promise<RejectedChange[]> => listRejected(context),
    resendRejected: (seq: number, correction?: Record<string, unknown>): Promise<number> =>
      resendRejected(context, seq, correction),
    watchSyncCounts: (): Watchable<SyncCounts> => watch(() => readSyncCounts(db)),

    /** `serverTime`, when given, corrects the clock first, in the same transaction as the page. */
    applyPulledChanges: (
      changes: readonly PulledChange[],
      cursor: string,
      serverTime?: ServerTimeReading,
    ): Promise<PullApplySummary> => applyPulledChanges(context, changes, cursor, serverTime),
    /** Seals a page ahead while the one before is written; applyPulledChanges of the same array uses it. */
    preparePulledChanges: (changes: readonly PulledChange[]): void => preparePulledChanges(context, changes),
    getPullCursor: (): Promise<string | null> => getPullCursor(context),

    /** When the last sync run ended without error (ISO instant), kept across restarts for the status line. */
    getLastSyncAt: async (): Promise<string | null> => {
      const row = await db.meta.get(META_LAST_SYNC);
      return typeof row?.value === 'string' ? row.value : null;
    },
    setLastSyncAt: async (at: string): Promise<void> => {
      await db.meta.put({ key: META_LAST_SYNC, value: at });
    },
    /** Whether the server reads gzipped pushes and how fast the link last moved a push (bytes a ms). */
    getPushLink: async (): Promise<PushLinkReading | null> => {
      const value = (await db.meta.get(META_PUSH_LINK))?.value as Partial<PushLinkReading> | undefined;
      if (typeof value?.gzipAccepted !== 'boolean') return null;
      const bytesPerMs = typeof value.bytesPerMs === 'number' && value.bytesPerMs > 0 ? value.bytesPerMs : null;
      return { gzipAccepted: value.gzipAccepted, bytesPerMs };
    },
    setPushLink: async (reading: PushLinkReading): Promise<void> => {
      await db.meta.put({ key: META_PUSH_LINK, value: { ...reading } });
    },
    /**
     * Drops the synced records the kader no longer needs (docs/kader-app.md, "Keeping the phone small"), at most
     * once a day per phone: null when today's purge already ran.
     */
    purgeSynced: (today: string): Promise<PurgeSummary | null> => purgeSyncedOnceADay(db, today),
  };
}

export type Storage = ReturnType<typeof openStorage>;

export interface PushLinkReading {
  gzipAccepted: boolean;
  bytesPerMs: number | null;
}
export type { BirthInput, DuplicateCandidate, PossibleDuplicate };
export type { HouseholdWithMembers, DeviceEnrollment, OutboxBatch, RejectedChange, PullApplySummary, SyncCounts };
export type { Acknowledged, ServerTimeReading, UnlockResult, VaultState };
export { pushBodyText, wireChange };
