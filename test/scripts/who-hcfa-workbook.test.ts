import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkbookFormatError, buildGrowthTables } from '../../scripts/who-tables-build.ts';
import { WHO_OPTIONAL_WORKBOOKS, WHO_WORKBOOKS } from '../../scripts/who-workbooks.ts';
import { type SheetRow, readFirstSheet } from '../../scripts/xlsx-sheet-reader.ts';
import { parseGrowthTables } from '../../src/domain/growth/who-tables.ts';
import { whoTablesDir } from '../domain/growth/who-tables-fixture.ts';

/**
 * A HAND-MADE workbook in the layout of WHO's hcfa expanded tables (Day, L, M, S, then SD columns; one row a day
 * 0-1856), not WHO data: WHO's hcfa workbooks are not on this machine, and their sums are checked before parsing,
 * so this proves the other half of the installer's check, that a workbook parses with the expected columns and rows.
 */
function handMadeHcfaWorkbook(options: { header?: string[]; lastDay?: number; skipDay?: number; M?: number } = {}) {
  const header = options.header ?? ['Day', 'L', 'M', 'S', 'SD3neg', 'SD0', 'SD3'];
  const cell = (ref: string, value: string | number) =>
    typeof value === 'number'
      ? `<c r="${ref}"><v>${value}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
  const letters = 'ABCDEFG';
  const rows = [`<row r="1">${header.map((h, i) => cell(`${letters[i]}1`, h)).join('')}</row>`];
  for (let day = 0; day <= (options.lastDay ?? 1856); day++) {
    if (day === options.skipDay) continue;
    const values = [day, 1, options.M ?? 40, 0.05, 34, 40, 46];
    const r = rows.length + 1;
    rows.push(`<row r="${r}">${values.map((v, i) => cell(`${letters[i]}${r}`, v)).join('')}</row>`);
  }
  const sheet =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetData>${rows.join('')}</sheetData></worksheet>`;
  return zipSync({ 'xl/worksheets/sheet1.xml': strToU8(sheet) });
}

const [boys, girls] = WHO_OPTIONAL_WORKBOOKS;
if (!boys || !girls) throw new Error('two hcfa workbooks expected');
const sums = new Map([...WHO_WORKBOOKS, boys, girls].map((w) => [w.file, w.sha256]));
let whoSheets: Map<string, SheetRow[]>;

beforeAll(async () => {
  whoSheets = new Map();
  for (const w of WHO_WORKBOOKS) {
    whoSheets.set(w.file, readFirstSheet(new Uint8Array(await readFile(join(whoTablesDir(), w.file)))));
  }
});

const build = (boysBook: Uint8Array, girlsBook = handMadeHcfaWorkbook({ M: 39 })) =>
  buildGrowthTables(
    [...WHO_WORKBOOKS, boys, girls],
    new Map([...whoSheets, [boys.file, readFirstSheet(boysBook)], [girls.file, readFirstSheet(girlsBook)]]),
    sums,
    new Date('2026-12-01T00:00:00Z'),
  );

describe('the installer’s hcfa workbook parser, on a hand-made workbook', () => {
  it('knows WHO’s addresses for both hcfa workbooks (cdn.who.int, head-circumference-for-age)', () => {
    const base =
      'https://cdn.who.int/media/docs/default-source/child-growth/child-growth-standards/indicators/' +
      'head-circumference-for-age/expanded-tables/';
    expect(boys.url).toBe(`${base}hcfa-boys-zscore-expanded-tables.xlsx`);
    expect(girls.url).toBe(`${base}hcfa-girls-zscore-expanded-tables.xlsx`);
    expect([boys.sex, girls.sex, boys.keyColumn]).toEqual(['male', 'female', 'Day']);
  });

  it('reads Day, L, M, S for days 0-1856 of each sex into tables.hcfa, which the app’s schema accepts', () => {
    const tables = build(handMadeHcfaWorkbook());
    const hcfa = tables.tables.hcfa;
    expect(hcfa?.axis).toBe('age_days');
    expect(hcfa?.first).toBe(0);
    expect(hcfa?.male.M).toHaveLength(1857);
    expect([hcfa?.male.L[1856], hcfa?.male.M[1856], hcfa?.male.S[0]]).toEqual([1, 40, 0.05]);
    expect(hcfa?.female.M[0]).toBe(39);
    expect(tables.sources.at(-1)).toEqual({ file: girls.file, sha256: girls.sha256 });
    const parsed = parseGrowthTables(JSON.parse(JSON.stringify(tables)));
    expect(parsed.ok && parsed.growthTables.tables.hcfa?.female.M[100]).toBe(39);
  });

  it('refuses a workbook without the M column, naming the file and the column', () => {
    const noM = handMadeHcfaWorkbook({ header: ['Day', 'L', 'Median', 'S', 'SD3neg', 'SD0', 'SD3'] });
    expect(() => build(noM)).toThrow(WorkbookFormatError);
    expect(() => build(noM)).toThrow(`${boys.file}: no "M" column`);
  });

  it('refuses a workbook one day short, or with a day missing in the middle', () => {
    expect(() => build(handMadeHcfaWorkbook({ lastDay: 1855 }))).toThrow(`${boys.file}: expected rows 0..1856`);
    expect(() => build(handMadeHcfaWorkbook({ skipDay: 400 }))).toThrow('out of sequence');
    expect(() => build(handMadeHcfaWorkbook(), handMadeHcfaWorkbook({ lastDay: 1857 }))).toThrow(girls.file);
  });
});
