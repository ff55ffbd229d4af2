// The WHO tables for tests, as test/setup/who-tables-global.ts found them for the run (never committed: generated
// by `npm install` from WHO's workbooks). The public test vectors are a committed fixture.
import { join } from 'node:path';
import { inject } from 'vitest';
import type { GrowthTables } from '../../../src/domain/growth/who-tables.ts';
import { loadGrowthTables } from '../../../scripts/load-growth-tables.ts';

/** A folder holding WHO's 16 verified workbooks. */
export function whoTablesDir(): string {
  return inject('whoWorkbooksDir');
}

/** WHO's 263 public z-score test vectors, committed with their source (test/fixtures/README.md). */
export function whoVectorsFile(): string {
  return join(import.meta.dirname, '..', '..', 'fixtures', 'who-zscore-public.csv');
}

let loaded: Promise<{ file: string; growth: GrowthTables }> | undefined;

async function load(): Promise<{ file: string; growth: GrowthTables }> {
  const file = inject('whoTablesFile');
  const result = await loadGrowthTables(file);
  if (!result.ok) throw new Error(`the WHO tables at ${file} do not load: ${result.detail}`);
  return { file, growth: result.growthTables };
}

/** The table file's path and its parsed content, read once per test file. */
export function whoTables(): Promise<{ file: string; growth: GrowthTables }> {
  loaded ??= load();
  return loaded;
}
