// Node's way to the generated WHO tables (the same file the PWA precaches).
import { readFile } from 'node:fs/promises';
import { type TablesResult, parseGrowthTables } from '../src/domain/growth/who-tables.ts';
import { DEFAULT_OUT } from './who-install.ts';

export const DEFAULT_TABLES_FILE = DEFAULT_OUT;

export async function loadGrowthTables(file: string = DEFAULT_TABLES_FILE): Promise<TablesResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { ok: false, reason: 'missing', detail: `${file} does not exist` };
  }
  try {
    return parseGrowthTables(JSON.parse(text));
  } catch (error) {
    return { ok: false, reason: 'invalid', detail: `${file}: ${(error as Error).message}` };
  }
}
