import type { Change, TableName } from '../../../protocol/index.ts';
import type { GeneratedPosyandu } from './seed-calendar.ts';

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

export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
