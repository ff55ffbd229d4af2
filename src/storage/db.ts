import { Dexie, type Table } from 'dexie';
import type { ChangeResult } from '../../protocol/sync.ts';
import type { RecordOf, TableName } from '../../protocol/tables.ts';
import type { Household } from '../../protocol/household.ts';
import type { Person } from '../../protocol/person.ts';
import { vaultMiddleware } from './crypto-middleware.ts';
import { rosterMarksMiddleware } from './day-roster-marks.ts';
import { writeGenerationMiddleware } from './write-generation.ts';
import { durabilityMiddleware } from './durability.ts';
import { Vault } from './crypto-vault.ts';

/** Local-only index fields: they live on the stored row and never go on the wire (see strip-local.ts). */
export interface PersonRow extends Person {
  /** Lowercased name words, NIK and the household's family card number, for prefix search. */
  _search: string[];
}

export type OutboxState = 'pending' | 'rejected';

/**
 * An outbox row as version 2 stores it: the change as the push body carries it, serialised once when it was
 * queued (`wire`, outbox-wire.ts), beside the few fields the queue itself reads. A batch is then a read of strings
 * and its body a join of them: no structured clone of nested records, no JSON.stringify per push.
 */
export interface OutboxEntry {
  seq?: number;
  changeId: string;
  table: TableName;
  recordId: string;
  op: 'upsert' | 'delete';
  /** JSON text of `{ changeId, table, op, record, fields? }`, the record in wire shape (no local fields). */
  wire: string;
  /** The record's stamp, so that a batch is checked for a clock run ahead without parsing `wire`. */
  hlc?: string;
  createdAt: string;
  attempts: number;
  state: OutboxState;
  error?: NonNullable<ChangeResult['error']>;
  /** UTF-8 size of `wire`, so a batch can be bounded by bytes without re-serializing. */
  bytes: number;
}

/**
 * An outbox row queued by version 1 of the app: the change as an object. Such rows stay as they are (a locked
 * phone could not rewrite its sealed rows during the upgrade) and are read through asEntry (outbox-wire.ts).
 */
export interface LegacyOutboxRow extends Omit<OutboxEntry, 'wire' | 'hlc'> {
  record: Record<string, unknown>;
  /** Field names the kader edited (mutable tables); absent = the whole record is new. */
  fields?: string[];
}

/** What the outbox table may hold: rows of either version, until the last version-1 row has left. */
export type StoredOutboxRow = OutboxEntry | LegacyOutboxRow;

export interface MetaRow {
  key: string;
  value: unknown;
}

export const DEFAULT_DB_NAME = 'posyandu-ilp';

/**
 * The one place that declares the local schema. Every version stays declared forever (Dexie reads the chain to
 * upgrade an old phone); primary keys never change; an `upgrade()` only transforms data and must keep the outbox.
 */
export class PosyanduDb extends Dexie {
  declare households: Table<Household, string>;
  declare persons: Table<PersonRow, string>;
  declare measurements: Table<RecordOf<'measurements'>, string>;
  declare immunizations: Table<RecordOf<'immunizations'>, string>;
  declare services: Table<RecordOf<'services'>, string>;
  declare pregnancies: Table<RecordOf<'pregnancies'>, string>;
  declare visits: Table<RecordOf<'visits'>, string>;
  declare screenings: Table<RecordOf<'screenings'>, string>;
  declare referrals: Table<RecordOf<'referrals'>, string>;
  declare outbox: Table<StoredOutboxRow, number>;
  declare meta: Table<MetaRow, string>;

  /** The keys of this phone while unlocked; every row passes through it (crypto-middleware.ts). */
  readonly vault: Vault;

  constructor(name: string = DEFAULT_DB_NAME, vault: Vault = new Vault()) {
    // 'strict' durability: a commit is on disk before it resolves, so a power cut cannot eat a saved record. The
    // sync queue's bookkeeping alone asks for 'relaxed' (durability.ts), which the server's idempotence makes safe.
    super(name, { chromeTransactionDurability: 'strict' });
    this.vault = vault;
    this.use(vaultMiddleware(vault));
    // Every write to the day roster's sources marks it in the same transaction (day-roster-marks.ts).
    this.use(rosterMarksMiddleware());
    // Every write to a record table or the outbox changes one meta value in its transaction (write-generation.ts).
    this.use(writeGenerationMiddleware());
    this.use(durabilityMiddleware());
    this.version(1).stores({
      households: 'id, familyCardNumber',
      persons: 'id, householdId, motherId, nik, *_search',
      measurements: 'id, personId, date',
      immunizations: 'id, personId, date',
      services: 'id, personId, date',
      pregnancies: 'id, personId',
      visits: 'id, personId, date',
      screenings: 'id, personId, date',
      referrals: 'id, personId, date',
      // `batchId` is no longer written (the batch in flight is one meta row); the index stays declared because
      // a declared version never changes.
      outbox: '++seq, [state+seq], recordId, changeId, batchId',
      meta: 'key',
    });
    // Version 2: the outbox keeps only the indexes something queries (`[state+seq]` for the queue, `recordId` for
    // the pull's guard and the purge): every put and delete of an entry then writes two index entries, not four.
    // No upgrade function: rows queued by version 1 are read as they are (asEntry), so a phone that updates while
    // locked keeps every sealed entry, in order, without decrypting anything during the upgrade.
    this.version(2).stores({ outbox: '++seq, [state+seq], recordId' });
  }

  /** The Dexie table holding a protocol table's records. */
  recordTable(table: TableName): Table<Record<string, unknown>, string> {
    return this.table(table);
  }
}
