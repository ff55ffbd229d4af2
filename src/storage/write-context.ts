import { HlcClock, type HlcClockState } from '../platform/hlc-clock.ts';
import { newRecordId } from '../platform/ids.ts';
import type { RecordMeta } from '../../protocol/record-meta.ts';
import type { Enrollment } from '../../protocol/enrollment.ts';
import type { TableName } from '../../protocol/tables.ts';
import type { MetaRow, OutboxEntry, PosyanduDb } from './db.ts';
import { NotEnrolledError } from './errors.ts';
import { countsOf, countsRow, META_OUTBOX_COUNTS, readSyncCounts, type SyncCounts } from './outbox-counts.ts';
import { serialiseChange } from './outbox-wire.ts';

export const META_ENROLLMENT = 'enrollment';
export const META_TOKEN = 'deviceToken';
export const META_CLOCK = 'clock';
export const META_PULL_CURSOR = 'pullCursor';
export const META_LAST_SYNC = 'lastSyncAt';
/** What the last big push told of the server and the link (src/sync/push-encoding.ts), kept across restarts. */
export const META_PUSH_LINK = 'pushLink';
/** When this phone last received a new token from the server (or first synced with the one it enrolled with). */
export const META_TOKEN_SINCE = 'tokenSince';
/** The batch sent and not yet answered: `{ batchId, seqs, changeIds, attempts }` (see outbox-batch.ts). */
export const META_IN_FLIGHT = 'outboxInFlight';

/** The meta rows the clock is made from: the enrollment (its device id) and the state last persisted. */
export const CLOCK_ROWS: readonly string[] = [META_ENROLLMENT, META_CLOCK];

export type StoredEnrollment = Omit<Enrollment, 'token'>;

/** A server answer's `serverTime` and when the request left and the answer came back (phone clock, epoch ms). */
export interface ServerTimeReading {
  serverTime: string;
  sentAtMs: number;
  receivedAtMs: number;
}

/** Feeds a server answer's time into `clock`, when the answer had one. */
export function observeReading(clock: HlcClock, reading: ServerTimeReading | undefined): HlcClock {
  const serverMs = reading ? Date.parse(reading.serverTime) : NaN;
  if (reading && Number.isFinite(serverMs)) clock.observeServerTime(serverMs, reading.sentAtMs, reading.receivedAtMs);
  return clock;
}

/**
 * Shared by the repositories: the database, the clock of this device, and the steps every write takes inside its
 * transaction (read the enrollment, fold in the clock state other tabs persisted, stamp, append to the outbox).
 */
export class StorageContext {
  private clock: HlcClock | null = null;

  constructor(
    readonly db: PosyanduDb,
    private readonly phoneNow: () => number = Date.now,
  ) {}

  /** Must run inside a transaction that includes `meta`. */
  async loadClock(): Promise<HlcClock> {
    // One round trip for both rows: under a push's load each request waits its turn on a busy renderer.
    const [enrollment, persisted] = await this.db.meta.bulkGet([...CLOCK_ROWS]);
    return this.clockFrom(enrollment?.value, persisted?.value);
  }

  /** loadClock's clock from the rows of CLOCK_ROWS its caller read itself (in one read with others). */
  clockFrom(enrollmentValue: unknown, persistedValue: unknown): HlcClock {
    const node = (enrollmentValue as StoredEnrollment | undefined)?.deviceId ?? 'unenrolled';
    if (!this.clock || this.clock.nodeId !== node) this.clock = new HlcClock(node, this.phoneNow);
    const persisted = persistedValue as HlcClockState | undefined;
    if (persisted) this.clock.mergeState(persisted);
    return this.clock;
  }

  /** Feeds a server answer's time into the clock (docs/sync-client.md, the clock guarantee). Inside `meta`'s transaction. */
  async observeServerTime(reading: ServerTimeReading | undefined): Promise<HlcClock> {
    return observeReading(await this.loadClock(), reading);
  }

  async saveClock(clock: HlcClock): Promise<void> {
    await this.db.meta.put({ key: META_CLOCK, value: clock.state() });
  }

  /** Opens the per-write context. Must run inside a rw transaction that includes `meta`. */
  async beginWrite(): Promise<WriteScope> {
    // The enrollment, the clock and the counts in one round trip: a kader's save waits for each on a slow phone.
    // The counts are read before any outbox write of this transaction, so finish() adds exactly what it appended.
    const [enrollmentRow, clockRow, countsRow] = await this.db.meta.bulkGet([...CLOCK_ROWS, META_OUTBOX_COUNTS]);
    const enrollment = enrollmentRow?.value as StoredEnrollment | undefined;
    if (!enrollment) throw new NotEnrolledError();
    const clock = this.clockFrom(enrollment, clockRow?.value);
    const counts = countsOf(countsRow?.value) ?? (await readSyncCounts(this.db));
    return new WriteScope(this, enrollment, clock, new Date(this.phoneNow()).toISOString(), counts);
  }
}

export class WriteScope {
  private appended = 0;

  constructor(
    private readonly context: StorageContext,
    readonly enrollment: StoredEnrollment,
    readonly clock: HlcClock,
    readonly recordedAt: string,
    private readonly countsBefore: SyncCounts,
  ) {}

  /** Meta fields for a new record. */
  newMeta(): RecordMeta {
    return {
      id: newRecordId(),
      posyanduId: this.enrollment.posyanduId,
      recordedBy: { kaderId: this.enrollment.kaderId, deviceId: this.enrollment.deviceId },
      recordedAt: this.recordedAt,
      hlc: this.clock.now(),
    };
  }

  /** Meta fields for an edit of an existing record: same id and posyandu, a stamp later than the version edited. */
  editMeta(existing: RecordMeta): RecordMeta {
    return {
      id: existing.id,
      posyanduId: existing.posyanduId,
      recordedBy: { kaderId: this.enrollment.kaderId, deviceId: this.enrollment.deviceId },
      recordedAt: this.recordedAt,
      hlc: this.clock.after(existing.hlc),
    };
  }

  async appendOutbox(change: {
    table: TableName;
    op: 'upsert' | 'delete';
    record: Record<string, unknown>;
    fields?: string[];
  }): Promise<void> {
    const changeId = newRecordId();
    const { wire, bytes } = serialiseChange({ changeId, ...change });
    const hlc = change.record.hlc;
    const entry: OutboxEntry = {
      changeId,
      table: change.table,
      recordId: String(change.record.id),
      op: change.op,
      wire,
      ...(typeof hlc === 'string' ? { hlc } : {}),
      createdAt: this.recordedAt,
      attempts: 0,
      state: 'pending',
      bytes,
    };
    await this.context.db.outbox.add(entry);
    this.appended += 1;
  }

  /**
   * Persists the clock so a reload (or another tab) never issues a stamp again, and the pending count grown by
   * what this write queued. Call last in the transaction.
   */
  async finish(): Promise<void> {
    const clock: MetaRow = { key: META_CLOCK, value: this.clock.state() };
    const pending = this.countsBefore.pending + this.appended;
    const rows = this.appended > 0 ? [clock, countsRow({ ...this.countsBefore, pending })] : [clock];
    await this.context.db.meta.bulkPut(rows);
  }
}
