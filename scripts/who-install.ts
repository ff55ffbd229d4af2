// Installs WHO's growth tables: reads WHO's 16 expanded-table workbooks (from --from DIR, WHO_TABLES_DIR, or
// cdn.who.int), checks every SHA-256, and writes the compact table file the app precaches and Node code reads.
//
//   tsx scripts/who-install.ts [--from DIR] [--out FILE] [--if-available] [--quiet]
//
// Exit codes: 0 installed (or, with --if-available, workbooks unavailable: a warning); 1 workbooks unavailable;
// 2 a checksum differs (always refused, nothing written); 3 a workbook's content is not what WHO publishes.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGrowthTables } from '../src/domain/growth/who-tables.ts';
import { WHO_OPTIONAL_WORKBOOKS, WHO_WORKBOOKS, type WhoWorkbook } from './who-workbooks.ts';
import { WorkbookFormatError, buildGrowthTables } from './who-tables-build.ts';
import { type SheetRow, readFirstSheet } from './xlsx-sheet-reader.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT = join(ROOT, 'public', 'growth', 'who-tables.json');
/**
 * The verified workbooks are kept here (git-ignored, like the tables): the installer's own tests and a later
 * reinstall then need neither WHO_TABLES_DIR nor internet. WHO's files are never committed.
 */
export const WORKBOOK_CACHE = join(ROOT, 'generated', 'who-workbooks');
const DOWNLOAD_TIMEOUT_MS = 60_000;

interface Options {
  from?: string;
  out: string;
  /** Where the verified workbooks are copied; only for installs into the app's own table file. */
  keepWorkbooks?: string;
  ifAvailable: boolean;
  quiet: boolean;
}

class UnavailableError extends Error {}
class ChecksumError extends Error {}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Options {
  const options: Options = { out: DEFAULT_OUT, ifAvailable: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--if-available') options.ifAvailable = true;
    else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--from' || arg === '--out') {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a value`);
      if (arg === '--from') options.from = resolve(value);
      else options.out = resolve(value);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  if (options.from === undefined && env.WHO_TABLES_DIR) options.from = resolve(env.WHO_TABLES_DIR);
  if (options.out === DEFAULT_OUT && options.from !== WORKBOOK_CACHE) options.keepWorkbooks = WORKBOOK_CACHE;
  return options;
}

async function readFromFolder(folder: string, workbook: WhoWorkbook): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(join(folder, workbook.file)));
  } catch {
    throw new UnavailableError(`${workbook.file} is not in ${folder}`);
  }
}

async function download(workbook: WhoWorkbook): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(workbook.url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw new UnavailableError(`cannot download ${workbook.url} (${(error as Error).message})`);
  }
  if (!response.ok) throw new UnavailableError(`cannot download ${workbook.url} (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function install(options: Options, log: (line: string) => void): Promise<void> {
  const source = options.from ?? 'cdn.who.int';
  log(`who-install: reading ${WHO_WORKBOOKS.length} WHO workbooks from ${source}`);
  const bytes = new Map<string, Uint8Array>();
  for (const workbook of WHO_WORKBOOKS) {
    bytes.set(workbook.file, options.from ? await readFromFolder(options.from, workbook) : await download(workbook));
  }
  const optional = await readOptional(options, log, bytes);
  const workbooks = [...WHO_WORKBOOKS, ...optional];
  // Every sum is checked before anything is parsed or written: one changed file refuses the whole install.
  const sums = new Map<string, string>();
  const mismatches: string[] = [];
  for (const workbook of workbooks) {
    const sum = sha256(bytes.get(workbook.file) ?? new Uint8Array());
    sums.set(workbook.file, sum);
    if (sum !== workbook.sha256)
      mismatches.push(`  ${workbook.file}\n    expected ${workbook.sha256}\n    found    ${sum}`);
  }
  if (mismatches.length > 0) {
    throw new ChecksumError(
      `${mismatches.length} workbook(s) differ from WHO's published files; nothing was installed:\n${mismatches.join('\n')}`,
    );
  }
  const sheets = new Map<string, SheetRow[]>();
  for (const workbook of workbooks) {
    try {
      sheets.set(workbook.file, readFirstSheet(bytes.get(workbook.file) ?? new Uint8Array()));
    } catch (error) {
      throw new WorkbookFormatError(`${workbook.file}: ${(error as Error).message}`);
    }
  }
  const tables = buildGrowthTables(workbooks, sheets, sums, new Date());
  const check = parseGrowthTables(tables);
  if (!check.ok) throw new WorkbookFormatError(`generated tables fail their own schema: ${check.detail}`);
  await mkdir(dirname(options.out), { recursive: true });
  const temporary = `${options.out}.${process.pid}.tmp`;
  const json = JSON.stringify(tables);
  await writeFile(temporary, json);
  await rename(temporary, options.out);
  if (options.keepWorkbooks) await keepWorkbooks(options.keepWorkbooks, bytes);
  log(
    `who-install: wrote ${options.out} (${Math.round(json.length / 1024)} KiB, ${workbooks.length} workbooks verified)`,
  );
}

/**
 * The head-circumference workbooks, when both can be had: one without the other installs neither (a table for one
 * sex only would judge boys and not girls). Missing ones are a warning; the rest of the install goes on.
 */
async function readOptional(
  options: Options,
  log: (line: string) => void,
  bytes: Map<string, Uint8Array>,
): Promise<readonly WhoWorkbook[]> {
  const found = new Map<string, Uint8Array>();
  for (const workbook of WHO_OPTIONAL_WORKBOOKS) {
    try {
      found.set(workbook.file, options.from ? await readFromFolder(options.from, workbook) : await download(workbook));
    } catch (error) {
      if (!(error instanceof UnavailableError)) throw error;
      log(
        `who-install: head-circumference table NOT installed (${error.message}); head circumference is recorded ` +
          'but not judged until both hcfa workbooks are supplied.',
      );
      return [];
    }
  }
  for (const [file, content] of found) bytes.set(file, content);
  return WHO_OPTIONAL_WORKBOOKS;
}

async function keepWorkbooks(folder: string, bytes: Map<string, Uint8Array>): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [file, content] of bytes) await writeFile(join(folder, file), content);
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv, env);
  } catch (error) {
    console.error(`who-install: ${(error as Error).message}`);
    console.error('usage: tsx scripts/who-install.ts [--from DIR] [--out FILE] [--if-available] [--quiet]');
    return 1;
  }
  try {
    await install(options, (line) => options.quiet || console.log(line));
    return 0;
  } catch (error) {
    if (error instanceof ChecksumError) {
      console.error(`who-install: REFUSED. ${error.message}`);
      return 2;
    }
    if (error instanceof WorkbookFormatError) {
      console.error(`who-install: a workbook is not in WHO's format: ${error.message}`);
      return 3;
    }
    if (error instanceof UnavailableError) {
      const message =
        `who-install: WHO growth tables were NOT installed: ${error.message}. The app still runs, but it will ` +
        'say that growth tables are not installed and will compute no z-scores. To install them, put WHO’s 16 ' +
        'expanded-table workbooks in a folder and run `WHO_TABLES_DIR=/that/folder npm run who:install` ' +
        '(or `npm run who:install -- --from /that/folder`), or run `npm run who:install` with internet access.';
      if (options.ifAvailable) {
        console.warn(message);
        return 0;
      }
      console.error(message);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
