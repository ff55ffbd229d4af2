// Shapes passed between the Node driver (bench/app/) and the bench page (bench/browser/), as plain JSON.
import type { Enrollment } from '../../protocol/enrollment.ts';
import type { HouseholdInput, MemberInput } from '../../src/storage/input-types.ts';

/** One household registration as the form hands it to saveHouseholdWithMembers. */
export interface BenchHousehold {
  household: HouseholdInput;
  members: MemberInput[];
}

export interface TimedPair {
  /** Milliseconds per operation through the app's repositories (Dexie + zod). */
  ours: number[];
  /** Milliseconds per operation in plain IndexedDB. */
  plain: number[];
}

export interface SearchResult extends TimedPair {
  /** Queries whose results differ between the two (must be 0: both must do the same work). */
  mismatches: number;
  /** Median number of people found per query. */
  medianHits: number;
}

export interface WriteResult extends TimedPair {
  outboxRows: { ours: number; plain: number };
}

/** The same work on a phone with no PIN and on one with a PIN (records encrypted), in milliseconds per operation. */
export interface EncryptionCost {
  write: { plain: number[]; sealed: number[] };
  search: { plain: number[]; sealed: number[]; mismatches: number };
  /** Opening storage and reading the household list (what the list screen waits for), no PIN. */
  openPlain: number[];
  /** The same with the PIN: unlocking (PBKDF2 600,000 + unwrap + HKDF) and then the read. */
  openSealed: { unlock: number[]; read: number[] };
}

/** What the bench page puts on `window.bench`. A null database name means the app's own database. */
export interface BenchApi {
  enroll(dbName: string | null, enrollment: Enrollment): Promise<void>;
  /** With `pin`, the database is unlocked first (not timed). */
  pull(dbName: string | null, token: string, pin?: string): Promise<{ received: number; ms: number }>;
  copyToPlain(fromDb: string, plainDb: string): Promise<{ households: number; persons: number }>;
  search(oursDb: string, plainDb: string, queries: string[], limit: number): Promise<SearchResult>;
  write(oursDb: string, plainDb: string, inputs: BenchHousehold[], warmup: number): Promise<WriteResult>;
  /** Sets the first PIN on a database already holding records (they are encrypted in place); ms. */
  setFirstPin(dbName: string, pin: string): Promise<number>;
  encryptionCost(
    plainDb: string,
    sealedDb: string,
    pin: string,
    args: { inputs: BenchHousehold[]; warmup: number; queries: string[]; limit: number; opens: number },
  ): Promise<EncryptionCost>;
}
