import { Dexie, type Table } from 'dexie';
import type { ChangeResult } from '../../protocol/sync.ts';
import type { RecordOf, TableName } from '../../protocol/tables.ts';
import type { Household } from '../../protocol/household.ts';
import type { Person } from '../../protocol/person.ts';
import { vaultMiddleware } from './crypto-middleware.ts';
import { rosterMarksMiddleware } from './day-roster-marks.ts';
import { writeGenerationMiddleware } from './write-generation.ts';
import { Vault } from './crypto-vault.ts';

/** Local-only index fields: they live on the stored row and never go on the wire (see strip-local.ts). */
export interface PersonRow extends Person {
  /** Lowercased name words, NIK and the household's family card number, for prefix search. */
  _search: string[];
}

export type OutboxState = 'pending' | 'rejected';

export interface OutboxEntry {
  seq?: number;
  changeId: string;
  table: TableName;
  recordId: string;
  op: 'upsert' | 'delete';
  /** The whole record as it travels (wire shape, no local fields). */
  record: Record<string, unknown>;
  /** Field names the kader edited (mutable tables); absent = the whole record is new. */
  fields?: string[];
  createdAt: string;
  attempts: number;
  state: OutboxState;
  error?: NonNullable<ChangeResult['error']>;
  /** Serialized size of the change, so a batch can be bounded by bytes without re-serializing. */
  bytes: number;
}

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
  declare outbox: Table<OutboxEntry, number>;
  declare meta: Table<MetaRow, string>;

  /** The keys of this phone while unlocked; every row passes through it (crypto-middleware.ts). */
  readonly vault: Vault;

  constructor(name: string = DEFAULT_DB_NAME, vault: Vault = new Vault()) {
    // 'strict' durability: a commit is on disk before it resolves, so a power cut cannot eat a saved record.
    super(name, { chromeTransactionDurability: 'strict' });
    this.vault = vault;
    this.use(vaultMiddleware(vault));
    // Every write to the day roster's sources marks it in the same transaction (day-roster-marks.ts).
    this.use(rosterMarksMiddleware());
    // Every write to a record table or the outbox changes one meta value in its transaction (write-generation.ts).
    this.use(writeGenerationMiddleware());
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
  }

  /** The Dexie table holding a protocol table's records. */
  recordTable(table: TableName): Table<Record<string, unknown>, string> {
    return this.table(table);
  }
}
