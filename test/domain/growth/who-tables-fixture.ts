// The WHO tables for tests. They are never committed: tests read WHO's workbooks from WHO_TABLES_DIR (CI sets it
// to ../shared/who-growth/xlsx) and install them once into a temporary file. Without it the tests fail, loudly.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { GrowthTables } from '../../../src/domain/growth/who-tables.ts';
import { loadGrowthTables } from '../../../scripts/load-growth-tables.ts';
import { main as installWhoTables } from '../../../scripts/who-install.ts';

export function whoTablesDir(): string {
  const dir = process.env.WHO_TABLES_DIR;
  if (!dir) {
    throw new Error(
      'WHO_TABLES_DIR is not set. The growth tests need WHO’s 16 expanded-table workbooks: ' +
        'export WHO_TABLES_DIR=/path/to/shared/who-growth/xlsx (CI sets it).',
    );
  }
  if (!existsSync(dir)) throw new Error(`WHO_TABLES_DIR=${dir} does not exist.`);
  return resolve(dir);
}

/** The public test vectors beside the workbooks (shared/vectors), or WHO_VECTORS_CSV. */
export function whoVectorsFile(): string {
  const file = process.env.WHO_VECTORS_CSV ?? join(whoTablesDir(), '..', '..', 'vectors', 'who-zscore-public.csv');
  if (!existsSync(file)) throw new Error(`WHO test vectors not found at ${file} (set WHO_VECTORS_CSV).`);
  return file;
}

let installed: Promise<{ file: string; growth: GrowthTables }> | undefined;

async function install(): Promise<{ file: string; growth: GrowthTables }> {
  const dir = whoTablesDir();
  const file = join(await mkdtemp(join(tmpdir(), 'who-tables-')), 'who-tables.json');
  const code = await installWhoTables(['--from', dir, '--out', file, '--quiet'], {});
  if (code !== 0) throw new Error(`who-install failed (exit ${code}) reading ${dir}`);
  const loaded = await loadGrowthTables(file);
  if (!loaded.ok) throw new Error(`installed tables do not load: ${loaded.detail}`);
  return { file, growth: loaded.growthTables };
}

/** Installs once per test file from WHO_TABLES_DIR; returns the table file's path and its parsed content. */
export function whoTables(): Promise<{ file: string; growth: GrowthTables }> {
  installed ??= install();
  return installed;
}
