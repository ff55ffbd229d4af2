// Turns WHO's worksheets into the compact table file (format in src/domain/growth/who-tables.ts).
import {
  GROWTH_TABLE_KEYS,
  HCFA_LAYOUT,
  type GrowthTableKey,
  type GrowthTables,
  type LmsColumns,
  type LmsTable,
  TABLE_LAYOUT,
  WHO_TABLES_FORMAT,
  WHO_TABLES_FORMAT_VERSION,
} from '../src/domain/growth/who-tables.ts';
import type { SheetRow } from './xlsx-sheet-reader.ts';
import type { WhoWorkbook } from './who-workbooks.ts';

export const ATTRIBUTION =
  'WHO Child Growth Standards (2006) and WHO Growth Reference for 5-19 years (2007), © World Health Organization. ' +
  'Generated from WHO’s expanded z-score tables (cdn.who.int); not modified except the derived rows listed.';

/** The rows WHO publishes in each workbook; the 2007 edge rows are added below. */
const PUBLISHED_RANGE: Record<GrowthTableKey | 'hcfa', [number, number]> = {
  hcfa: [0, 1856],
  wfa: [0, 1856],
  lhfa: [0, 1856],
  bfa: [0, 1856],
  wfl: [450, 1100],
  wfh: [650, 1200],
  hfa07: [61, 228],
  bfa07: [61, 228],
  wfa07: [61, 120],
};

export class WorkbookFormatError extends Error {}

interface ParsedSheet {
  first: number;
  columns: LmsColumns;
}

function parseNumber(text: string | undefined, where: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) {
    throw new WorkbookFormatError(`${where}: "${text ?? ''}" is not a number`);
  }
  return value;
}

function parseSheet(workbook: WhoWorkbook, rows: SheetRow[]): ParsedSheet {
  const header = (rows[0] ?? []).map((h) => h.trim());
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new WorkbookFormatError(`${workbook.file}: no "${name}" column (header: ${header.join(', ')})`);
    return i;
  };
  const [keyCol, lCol, mCol, sCol] = [col(workbook.keyColumn), col('L'), col('M'), col('S')];
  const byLength = workbook.keyColumn === 'Length' || workbook.keyColumn === 'Height';
  const columns: LmsColumns = { L: [], M: [], S: [] };
  let first: number | undefined;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.every((cell) => cell.trim() === '')) continue;
    const where = `${workbook.file} row ${r + 1}`;
    const rawKey = parseNumber(row[keyCol], where);
    // Lengths are 0.1 cm steps: keyed in whole millimetres so no float ever has to match a float.
    const key = byLength ? Math.round(rawKey * 10) : rawKey;
    if (!Number.isInteger(key)) throw new WorkbookFormatError(`${where}: key ${rawKey} is not a table step`);
    if (first === undefined) first = key;
    else if (key !== first + columns.M.length) throw new WorkbookFormatError(`${where}: key ${rawKey} out of sequence`);
    columns.L.push(parseNumber(row[lCol], where));
    columns.M.push(parseNumber(row[mCol], where));
    columns.S.push(parseNumber(row[sCol], where));
  }
  const [from, to] = PUBLISHED_RANGE[workbook.table];
  if (first !== from || first + columns.M.length - 1 !== to) {
    throw new WorkbookFormatError(`${workbook.file}: expected rows ${from}..${to}, found ${first ?? '-'}..`);
  }
  return { first, columns };
}

const roundTo = (x: number, digits: number) => Number(x.toFixed(digits));

/**
 * The 60-month row of a WHO 2007 table. WHO publishes from 61 months; anthroplus adds a 60-month row taken from
 * the reference's fitted curves. The curves are smooth, so quadratic extrapolation through 61, 62 and 63 months
 * gives that row to within the tables' own rounding (docs/growth.md has the comparison).
 */
function extrapolateRow60(columns: LmsColumns): { L: number; M: number; S: number } {
  const q = (c: number[]) => 3 * (c[0] ?? NaN) - 3 * (c[1] ?? NaN) + (c[2] ?? NaN);
  return { L: roundTo(q(columns.L), 4), M: roundTo(q(columns.M), 4), S: roundTo(q(columns.S), 5) };
}

function withEdgeRows(sheet: ParsedSheet): ParsedSheet {
  const row60 = extrapolateRow60(sheet.columns);
  const last = (c: number[]) => c[c.length - 1] ?? NaN;
  return {
    first: sheet.first - 1,
    columns: {
      // The row after the last copies it, as anthroplus does: interpolation just below the top age stays defined.
      L: [row60.L, ...sheet.columns.L, last(sheet.columns.L)],
      M: [row60.M, ...sheet.columns.M, last(sheet.columns.M)],
      S: [row60.S, ...sheet.columns.S, last(sheet.columns.S)],
    },
  };
}

const WHO_2007: ReadonlySet<GrowthTableKey> = new Set(['hfa07', 'bfa07', 'wfa07']);

export function buildGrowthTables(
  workbooks: readonly WhoWorkbook[],
  sheets: ReadonlyMap<string, SheetRow[]>,
  sums: ReadonlyMap<string, string>,
  generatedAt: Date,
): GrowthTables {
  const tables: Partial<Record<GrowthTableKey | 'hcfa', Partial<LmsTable>>> = {};
  const derivedRows: GrowthTables['derivedRows'] = [];
  for (const workbook of workbooks) {
    const rows = sheets.get(workbook.file);
    if (!rows) throw new WorkbookFormatError(`${workbook.file}: not read`);
    let sheet = parseSheet(workbook, rows);
    if ((WHO_2007 as ReadonlySet<string>).has(workbook.table)) sheet = withEdgeRows(sheet);
    const axis = workbook.table === 'hcfa' ? HCFA_LAYOUT.axis : TABLE_LAYOUT[workbook.table].axis;
    const table = (tables[workbook.table] ??= { axis, first: sheet.first });
    table[workbook.sex] = sheet.columns;
  }
  for (const key of WHO_2007) {
    const layout = TABLE_LAYOUT[key];
    derivedRows.push(
      { table: key, key: layout.first, method: 'quadratic extrapolation from the first three published months' },
      { table: key, key: layout.last, method: 'copy of the last published month (as anthroplus)' },
    );
  }
  const complete = {} as Record<GrowthTableKey, LmsTable>;
  for (const key of GROWTH_TABLE_KEYS) {
    const table = tables[key];
    if (!table?.male || !table.female || table.axis === undefined || table.first === undefined) {
      throw new WorkbookFormatError(`table ${key}: a workbook for one sex is missing`);
    }
    complete[key] = { axis: table.axis, first: table.first, male: table.male, female: table.female };
  }
  // Head circumference is optional (both sexes or none): the installer passes its workbooks only when both verified.
  const hcfa = tables.hcfa;
  const hcfaTable: { hcfa?: LmsTable } =
    hcfa?.male && hcfa.female
      ? { hcfa: { axis: HCFA_LAYOUT.axis, first: 0, male: hcfa.male, female: hcfa.female } }
      : {};
  return {
    format: WHO_TABLES_FORMAT,
    formatVersion: WHO_TABLES_FORMAT_VERSION,
    generatedAt: generatedAt.toISOString(),
    sources: workbooks.map((w) => ({ file: w.file, sha256: sums.get(w.file) ?? '' })),
    derivedRows,
    attribution: ATTRIBUTION,
    tables: { ...complete, ...hcfaTable },
  };
}
