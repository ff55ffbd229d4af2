// Vitest globalSetup: the WHO growth tables for the whole run, found once. The tables `npm install` generated are
// used as they are; else they are generated once from WHO_TABLES_DIR; else the run stops with one sentence.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEFAULT_OUT, WORKBOOK_CACHE, main as installWhoTables } from '../../scripts/who-install.ts';
import { loadGrowthTables } from '../../scripts/load-growth-tables.ts';
import { WHO_WORKBOOKS } from '../../scripts/who-workbooks.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The generated WHO table file (public/growth/who-tables.json). */
    whoTablesFile: string;
    /** A folder with WHO's 16 verified workbooks, for the installer's own tests. */
    whoWorkbooksDir: string;
  }
}

export const MISSING_TABLES =
  'WHO growth tables are not installed: run `WHO_TABLES_DIR=/folder/with/the/16/WHO/workbooks npm run who:install` ' +
  '(or `npm install` with internet access), then `npm test` again.';

const hasAllWorkbooks = (dir: string) => WHO_WORKBOOKS.every((w) => existsSync(join(dir, w.file)));

/** One sentence and a failed run: a thrown error here would print a stack trace the reader does not need. */
function stop(sentence: string): never {
  console.error(`\n${sentence}\n`);
  process.exit(1);
}

export default async function setup(project: TestProject): Promise<void> {
  const fromEnv = process.env.WHO_TABLES_DIR;
  let loaded = existsSync(DEFAULT_OUT) ? await loadGrowthTables(DEFAULT_OUT) : null;
  if ((!loaded?.ok || !hasAllWorkbooks(WORKBOOK_CACHE)) && fromEnv) {
    // Generated once for the run, exactly as `npm install` would have.
    const code = await installWhoTables(['--from', fromEnv, '--quiet'], {});
    if (code !== 0) stop(`${MISSING_TABLES} (installing from WHO_TABLES_DIR=${fromEnv} failed)`);
    loaded = await loadGrowthTables(DEFAULT_OUT);
  }
  const workbooks = fromEnv && hasAllWorkbooks(fromEnv) ? fromEnv : WORKBOOK_CACHE;
  if (!loaded?.ok || !hasAllWorkbooks(workbooks)) stop(MISSING_TABLES);
  project.provide('whoTablesFile', DEFAULT_OUT);
  project.provide('whoWorkbooksDir', workbooks);
}
