// Batch z-scores for puskesmas nutrition staff, like WHO Anthro's batch mode:
//
//   npm run -s anthro -- FILE.csv [--tables who-tables.json] > result.csv
//
// Input columns: sex (1 male, 2 female), age_days or age_months, measured (L lying, H standing, empty unknown),
// weight_kg, lenhei_cm, oedema (y/n), optional bmi. Every input column passes through unchanged; added columns:
// zlen,flen,zwei,fwei,zwfl,fwfl,zbmi,fbmi (under 60 months, as WHO anthro) and zhfa,fhfa,zwfa,fwfa,zbfa,fbfa
// (60 to 228 months, as WHO anthroplus). A value that cannot be computed is left empty.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildAge, ageFromDays, ageFromMonths } from '../src/domain/growth/age.ts';
import type { AnthroInput, Position, ZScore } from '../src/domain/growth/anthro-input.ts';
import { growthZScores } from '../src/domain/growth/growth-zscores.ts';
import type { GrowthTables, Sex } from '../src/domain/growth/who-tables.ts';
import { type CsvRecord, CsvSyntaxError, formatCsvRow, parseCsv } from './csv-text.ts';
import { DEFAULT_TABLES_FILE, loadGrowthTables } from './load-growth-tables.ts';

export const UNDER_FIVE_COLUMNS = ['zlen', 'flen', 'zwei', 'fwei', 'zwfl', 'fwfl', 'zbmi', 'fbmi'] as const;
export const SCHOOL_AGE_COLUMNS = ['zhfa', 'fhfa', 'zwfa', 'fwfa', 'zbfa', 'fbfa'] as const;
const OUTPUT_COLUMNS = [...UNDER_FIVE_COLUMNS, ...SCHOOL_AGE_COLUMNS];

type Writable = { write(chunk: string): unknown };
export interface BatchIo {
  stdout: Writable;
  stderr: Writable;
}

/** A warning about one row; the row is still written, with what could be computed. */
interface RowProblem {
  line: number;
  message: string;
}

function parseNumber(text: string | undefined): number | undefined | 'invalid' {
  const trimmed = (text ?? '').trim();
  if (trimmed === '' || trimmed.toUpperCase() === 'NA') return undefined;
  // A decimal comma (as Indonesian spreadsheets write it) is accepted inside a quoted field.
  const normalised = /^[-+]?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : 'invalid';
}

function parseSex(text: string): Sex | undefined {
  const value = text.trim().toLowerCase();
  if (value === '1' || value === 'm') return 'male';
  if (value === '2' || value === 'f') return 'female';
  return undefined;
}

function parsePosition(text: string): Position | undefined | 'invalid' {
  const value = text.trim().toLowerCase();
  if (value === '') return undefined;
  if (value === 'l') return 'lying';
  if (value === 'h') return 'standing';
  return 'invalid';
}

function parseOedema(text: string): boolean | 'invalid' {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'n' || value === '2') return false;
  if (value === 'y' || value === '1') return true;
  return 'invalid';
}

const formatZ = (score: ZScore | undefined) => (score ? score.z.toFixed(2) : '');
const formatFlag = (score: ZScore | undefined) => (score ? (score.flagged ? '1' : '0') : '');

interface Columns {
  get(row: string[], name: string): string;
}

function rowInput(row: string[], columns: Columns, line: number, problems: RowProblem[]): AnthroInput | undefined {
  const warn = (message: string) => problems.push({ line, message });
  const sexText = columns.get(row, 'sex');
  const sex = parseSex(sexText);
  if (!sex) {
    warn(`sex "${sexText}" tidak dikenal (harus 1 laki-laki atau 2 perempuan); baris tidak dihitung`);
    return undefined;
  }
  const measure = (name: string, label: string): number | undefined => {
    const value = parseNumber(columns.get(row, name));
    if (value === 'invalid') {
      warn(`${label} "${columns.get(row, name)}" bukan angka; dianggap kosong`);
      return undefined;
    }
    if (value !== undefined && value < 0) {
      warn(`${label} ${value} negatif; dianggap kosong`);
      return undefined;
    }
    return value;
  };
  let age: ChildAge | undefined;
  const days = measure('age_days', 'age_days');
  const months = days === undefined ? measure('age_months', 'age_months') : undefined;
  if (days !== undefined) age = ageFromDays(days);
  else if (months !== undefined) age = ageFromMonths(months);

  const position = parsePosition(columns.get(row, 'measured'));
  if (position === 'invalid')
    warn(`measured "${columns.get(row, 'measured')}" harus L, H atau kosong; dianggap kosong`);
  const oedema = parseOedema(columns.get(row, 'oedema'));
  if (oedema === 'invalid') warn(`oedema "${columns.get(row, 'oedema')}" harus y atau n; dianggap n`);

  const input: AnthroInput = { sex, oedema: oedema === true };
  if (age) input.age = age;
  if (position !== 'invalid' && position !== undefined) input.position = position;
  const weightKg = measure('weight_kg', 'weight_kg');
  if (weightKg !== undefined) input.weightKg = weightKg;
  const lengthHeightCm = measure('lenhei_cm', 'lenhei_cm');
  if (lengthHeightCm !== undefined) input.lengthHeightCm = lengthHeightCm;
  const bmi = measure('bmi', 'bmi');
  if (bmi !== undefined) input.bmi = bmi;
  return input;
}

function computedFields(input: AnthroInput | undefined, growth: GrowthTables): Record<string, string> {
  const fields: Record<string, string> = Object.fromEntries(OUTPUT_COLUMNS.map((c) => [c, '']));
  if (!input) return fields;
  const { underFive: u, schoolAge: s } = growthZScores(input, growth);
  const pairs: [string, string, ZScore | undefined][] = [
    ['zlen', 'flen', u.lhfa],
    ['zwei', 'fwei', u.wfa],
    ['zwfl', 'fwfl', u.wflh],
    ['zbmi', 'fbmi', u.bfa],
    ['zhfa', 'fhfa', s.hfa],
    ['zwfa', 'fwfa', s.wfa],
    ['zbfa', 'fbfa', s.bfa],
  ];
  for (const [z, f, score] of pairs) {
    fields[z] = formatZ(score);
    fields[f] = formatFlag(score);
  }
  return fields;
}

export class BatchInputError extends Error {}

/** The whole batch on CSV text: returns the output CSV and the per-row warnings. */
export function runBatch(csv: string, growth: GrowthTables): { output: string; problems: RowProblem[] } {
  let rows: CsvRecord[];
  try {
    rows = parseCsv(csv);
  } catch (error) {
    const line = error instanceof CsvSyntaxError ? ` (baris ${error.line})` : '';
    throw new BatchInputError(`File CSV tidak dapat dibaca${line}: ${(error as Error).message}`);
  }
  const header = rows[0]?.fields;
  if (!header) throw new BatchInputError('File CSV kosong: baris judul kolom tidak ada.');
  const names = header.map((h) => h.trim().toLowerCase());
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  if (!index.has('sex')) throw new BatchInputError('Kolom "sex" tidak ada (1 laki-laki, 2 perempuan).');
  if (!index.has('age_days') && !index.has('age_months')) {
    throw new BatchInputError('Kolom umur tidak ada: perlu "age_days" atau "age_months".');
  }
  const columns: Columns = {
    get: (row, name) => {
      const i = index.get(name);
      return i === undefined ? '' : (row[i] ?? '');
    },
  };
  // An output column already in the input is filled in place; the others are appended.
  const appended = OUTPUT_COLUMNS.filter((c) => !index.has(c));
  const outHeader = [...header, ...appended];
  const lines: string[] = [formatCsvRow(outHeader)];
  const problems: RowProblem[] = [];
  for (let r = 1; r < rows.length; r++) {
    const record = rows[r] as CsvRecord;
    const row = record.fields;
    const fields = computedFields(rowInput(row, columns, record.line, problems), growth);
    const out = header.map((_, i) => row[i] ?? '');
    for (const column of OUTPUT_COLUMNS) {
      const existing = index.get(column);
      if (existing !== undefined) out[existing] = fields[column] ?? '';
    }
    for (const column of appended) out.push(fields[column] ?? '');
    lines.push(formatCsvRow(out));
  }
  return { output: `${lines.join('\n')}\n`, problems };
}

const USAGE = 'Pemakaian: npm run -s anthro -- FILE.csv [--tables who-tables.json] > hasil.csv';

export async function main(argv: string[], io: BatchIo = process, env = process.env): Promise<number> {
  let file: string | undefined;
  let tablesFile = env.WHO_TABLES_FILE || DEFAULT_TABLES_FILE;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--tables') tablesFile = argv[++i] ?? '';
    else if (arg?.startsWith('--')) {
      io.stderr.write(`anthro: pilihan tidak dikenal ${arg}\n${USAGE}\n`);
      return 1;
    } else file = arg;
  }
  if (!file) {
    io.stderr.write(`anthro: nama file CSV belum diberikan.\n${USAGE}\n`);
    return 1;
  }
  const tables = await loadGrowthTables(tablesFile);
  if (!tables.ok) {
    io.stderr.write(
      `anthro: tabel pertumbuhan WHO belum terpasang (${tables.detail}).\n` +
        'Pasang dengan: WHO_TABLES_DIR=/folder/berisi/xlsx-WHO npm run who:install\n',
    );
    return 2;
  }
  let csv: string;
  try {
    csv = await readFile(file, 'utf8');
  } catch {
    io.stderr.write(`anthro: file "${file}" tidak dapat dibuka.\n`);
    return 1;
  }
  try {
    const { output, problems } = runBatch(csv, tables.growthTables);
    io.stdout.write(output);
    for (const problem of problems) io.stderr.write(`anthro: baris ${problem.line}: ${problem.message}\n`);
    return 0;
  } catch (error) {
    if (error instanceof BatchInputError) {
      io.stderr.write(`anthro: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
