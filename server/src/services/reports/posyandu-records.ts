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
  return Object.fromEntries(entries) as unknown as StoredPosyanduRecords;
}

/** Several posyandu's records as one (a desa's, a puskesmas's): the report only counts what it is given. */
export function mergeRecords(parts: readonly StoredPosyanduRecords[]): StoredPosyanduRecords {
  const merged = Object.fromEntries([...TABLES, 'households'].map((t) => [t, [] as unknown[]])) as Record<
    string,
    unknown[]
  >;
  for (const part of parts) {
    for (const [table, list] of Object.entries(part) as [string, unknown[]][]) merged[table]?.push(...list);
  }
  return merged as unknown as StoredPosyanduRecords;
}
