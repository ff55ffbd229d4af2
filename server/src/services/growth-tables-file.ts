import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type GrowthTables, parseGrowthTables } from '../../../src/domain/growth/index.ts';

/** The tables `npm install` generates (the same file the phones precache). */
export const DEFAULT_GROWTH_TABLES_FILE = fileURLToPath(
  new URL('../../../public/growth/who-tables.json', import.meta.url),
);

export type GrowthTablesAnswer = { ok: true; tables: GrowthTables } | { ok: false; reason: string };

const loaded = new Map<string, GrowthTables>();

/**
 * Read once and kept; a missing or broken file is read again next time, so installing the tables
 * (`npm run who:install`) needs no server restart.
 */
export async function growthTablesFrom(file: string): Promise<GrowthTablesAnswer> {
  const known = loaded.get(file);
  if (known) return { ok: true, tables: known };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { ok: false, reason: `${file} tidak ada` };
  }
  let parsed;
  try {
    parsed = parseGrowthTables(JSON.parse(text));
  } catch (error) {
    return { ok: false, reason: `${file}: ${(error as Error).message}` };
  }
  if (!parsed.ok) return { ok: false, reason: parsed.detail };
  loaded.set(file, parsed.growthTables);
  return { ok: true, tables: parsed.growthTables };
}
