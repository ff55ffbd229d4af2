import type { Household } from '../../../../protocol/index.ts';
import type { PosyanduRecords } from '../../../../src/domain/reports/index.ts';
import type { Store } from '../../db/store.ts';

const TABLES = [
  'persons',
  'measurements',
  'services',
  'immunizations',
  'visits',
  'pregnancies',
  'screenings',
  'referrals',
] as const;

export interface StoredPosyanduRecords extends PosyanduRecords {
  readonly households: readonly Household[];
  /** The highest server sequence among the records read: nothing changed while no record is above it. */
  readonly maxSeq: number;
}

/**
 * One posyandu's current records, read as their protocol types: every stored record passed the protocol schema
 * when it arrived (apply-batch validates each change), and parsing tens of thousands again per report cost more
 * than the report itself.
 */
export async function readPosyanduRecords(store: Store, posyanduId: string): Promise<StoredPosyanduRecords> {
  const tables = [...TABLES, 'households'] as const;
  const rows = await Promise.all(tables.map((table) => store.listCurrentRecords(posyanduId, table)));
  const entries = tables.map((table, i) => [table, (rows[i] ?? []).map((r) => ({ ...r.data, id: r.id }))]);
  let maxSeq = 0;
  for (const list of rows) for (const r of list) if (r.seq > maxSeq) maxSeq = r.seq;
  return { ...Object.fromEntries(entries), maxSeq } as unknown as StoredPosyanduRecords;
}
