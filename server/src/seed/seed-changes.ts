import type { Change, TableName } from '../../../protocol/index.ts';
import { parseHlc } from '../../../protocol/hlc.ts';
import { createPrng } from './prng.ts';
import type { GeneratedPosyandu } from './seed-calendar.ts';
import { uuidV7 } from './uuid-v7.ts';

/** Parents before children, as a phone's outbox would send them: households, people, then their events. */
export const SEED_TABLE_ORDER: TableName[] = [
  'households',
  'persons',
  'pregnancies',
  'measurements',
  'immunizations',
  'services',
  'visits',
  'screenings',
  'referrals',
];

export function seedChanges(data: GeneratedPosyandu, changeIdPrefix = 'seed'): Change[] {
  const changes: Change[] = [];
  for (const table of SEED_TABLE_ORDER) {
    for (const record of data[table]) {
      changes.push({
        changeId: `${changeIdPrefix}-${record.id}`,
        table,
        op: 'upsert',
        record: record as unknown as Record<string, unknown>,
      });
    }
  }
  return changes;
}

/**
 * The same changes in the order a phone's outbox sends them: the order they were made in (by their records' stamps),
 * each under a UUID v7 change id of its moment, as the phone's own ids are. seedChanges lists them table by table
 * under `seed-<record id>`, so the server's indexes take them out of order; a phone's mostly append (issue 14).
 */
export function inCreationOrder(changes: readonly Change[], seed = 1): Change[] {
  const prng = createPrng(seed);
  const stampOf = (change: Change): string => String(change.record.hlc);
  return [...changes]
    .sort((a, b) => (stampOf(a) < stampOf(b) ? -1 : stampOf(a) > stampOf(b) ? 1 : 0))
    .map((change) => ({ ...change, changeId: uuidV7(parseHlc(stampOf(change)).wallMs, prng) }));
}

export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
