import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCsvRow, parseCsv } from '../../scripts/csv-text.ts';
import { runBatch } from '../../scripts/anthro-batch.ts';
import type { GrowthTables } from '../../src/domain/growth/who-tables.ts';
import { whoTables, whoTablesDir, whoVectorsFile } from '../domain/growth/who-tables-fixture.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Which batch column holds each vector's indicator. */
const COLUMN: Record<string, [z: string, flag: string]> = {
  wfa: ['zwei', 'fwei'],
  lhfa: ['zlen', 'flen'],
  wflh: ['zwfl', 'fwfl'],
  bfa: ['zbmi', 'fbmi'],
  hfa_5_19: ['zhfa', 'fhfa'],
  wfa_5_10: ['zwfa', 'fwfa'],
  bfa_5_19: ['zbfa', 'fbfa'],
};

const records = (text: string) => {
  const [header, ...rows] = parseCsv(text).map((r) => r.fields);
  if (!header) throw new Error('no header');
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
};

function runCli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'anthro-batch.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, WHO_TABLES_FILE: '' },
  });
}

it('finds WHO’s workbooks and the committed test vectors', () => {
  expect(whoTablesDir()).toBeTruthy();
  expect(whoVectorsFile()).toMatch(/who-zscore-public\.csv$/);
});

describe('anthro batch command reproduces every WHO test vector', () => {
  let tablesFile: string;
  let vectors: Record<string, string>[];
  let output: Record<string, string>[];

  beforeAll(async () => {
    tablesFile = (await whoTables()).file;
    vectors = records(await readFile(whoVectorsFile(), 'utf8'));
    // The batch input: exactly the columns, plus the vector id as a pass-through column.
    const lines = [
      formatCsvRow(['id', 'sex', 'age_days', 'age_months', 'measured', 'weight_kg', 'lenhei_cm', 'oedema', 'bmi']),
    ];
    for (const v of vectors) {
      const days = v.age_days ?? '';
      lines.push(
        formatCsvRow([
          v.id ?? '',
          v.sex ?? '',
          days,
          days === '' ? (v.age_months ?? '') : '',
          v.measured ?? '',
          v.weight_kg ?? '',
          v.lenhei_cm ?? '',
          v.oedema ?? '',
          v.bmi ?? '',
        ]),
      );
    }
    const input = join(await mkdtemp(join(tmpdir(), 'anthro-')), 'vectors.csv');
    await writeFile(input, `${lines.join('\r\n')}\r\n`);
    const result = runCli([input, '--tables', tablesFile]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    output = records(result.stdout);
  });

  it('has one output row per vector, in order, with the id passed through', () => {
    expect(vectors.length).toBe(263);
    expect(output.map((r) => r.id)).toEqual(vectors.map((v) => v.id));
  });

  it('matches each expected z within 0.01 (rounding-sensitive rows by their unrounded value) and each flag', () => {
    const failures: string[] = [];
    vectors.forEach((v, i) => {
      const [zColumn, flagColumn] = COLUMN[v.indicator ?? ''] ?? ['?', '?'];
      const got = output[i]?.[zColumn];
      const gotFlag = output[i]?.[flagColumn];
      const label = `${v.id} ${v.indicator} ${zColumn}=${got} (expected ${v.expected_z}, unrounded ${v.unrounded_z})`;
      if (got === undefined) return failures.push(`${label}: no such column`);
      if (v.expected_z === '') {
        if (got !== '' || gotFlag !== '') failures.push(`${label}: must be empty`);
        return;
      }
      if (got === '') return failures.push(`${label}: empty`);
      const ok =
        v.rounding_sensitive === 'yes'
          ? // Either 2-decimal neighbour of the unrounded value is a correct rounding.
            Math.abs(Number(got) - Number(v.unrounded_z)) <= 0.005 + 1e-9
          : Math.abs(Number(got) - Number(v.expected_z)) <= 0.01 + 1e-9;
      if (!ok) failures.push(label);
      if (gotFlag !== v.expected_flag) failures.push(`${label}: flag ${gotFlag}, expected ${v.expected_flag}`);
    });
    expect(failures).toEqual([]);
  });

  it('fills only the reference that applies: anthro columns under 60 months, anthroplus from 60', () => {
    const underFive = ['zlen', 'zwei', 'zwfl', 'zbmi'];
    const schoolAge = ['zhfa', 'zwfa', 'zbfa'];
    let schoolAgeRows = 0;
    vectors.forEach((v, i) => {
      const row = output[i] ?? {};
      const months = v.age_days ? Number(v.age_days) / 30.4375 : Number(v.age_months);
      if (months >= 60) schoolAgeRows++;
      for (const column of months >= 60 ? underFive : schoolAge) expect(row[column], `${v.id} ${column}`).toBe('');
    });
    expect(schoolAgeRows).toBeGreaterThan(50);
  });

  it('treats 1827 days (60.03 months) as WHO 2007, not WHO 2006 (docs/growth.md)', () => {
    const i = vectors.findIndex((v) => v.id === 'V260');
    expect(vectors[i]?.age_days).toBe('1827');
    expect(output[i]).toMatchObject({ zwei: '', fwei: '' });
    expect(output[i]?.zwfa).toMatch(/^-?\d+\.\d\d$/);
  });
});

describe('anthro batch input handling', () => {
  let growth: GrowthTables;
  beforeAll(async () => {
    growth = (await whoTables()).growth;
  });

  it('passes other columns through unchanged, quoted fields included, and leaves what it cannot compute empty', () => {
    const csv =
      'name,sex,age_months,measured,weight_kg,lenhei_cm,oedema\n' +
      '"Siti, anak ""kedua""",2,12,L,9,74,n\n' +
      'Budi,1,12,L,9,,y\n' +
      '"baris\ndua",1,,,,,\n';
    const { output, problems } = runBatch(csv, growth);
    const rows = records(output);
    expect(problems).toEqual([]);
    expect(rows[0]?.name).toBe('Siti, anak "kedua"');
    expect(rows[0]?.zwei).toMatch(/^-?\d+\.\d\d$/);
    expect(rows[0]?.zwfl).toMatch(/^-?\d+\.\d\d$/);
    // Oedema: no weight-based z-score, but length-for-age would still be computed if given.
    expect(rows[1]).toMatchObject({ zwei: '', fwei: '', zwfl: '', zbmi: '' });
    expect(rows[2]?.name).toBe('baris\ndua');
    expect(Object.values(rows[2] ?? {}).filter((v) => v !== '')).toEqual(['baris\ndua', '1']);
  });

  it('reports bad values per row in Indonesian, with the file line, and still writes the row', () => {
    const csv = 'sex,age_days,weight_kg\n3,100,5\n1,abc,5\n';
    const { output, problems } = runBatch(csv, growth);
    expect(records(output)).toHaveLength(2);
    expect(problems).toEqual([
      { line: 2, message: expect.stringContaining('sex "3" tidak dikenal') },
      { line: 3, message: expect.stringContaining('bukan angka') },
    ]);
  });

  it('refuses a file without the sex or age columns, in Indonesian', () => {
    expect(() => runBatch('age_days,weight_kg\n100,5\n', growth)).toThrow(/Kolom "sex" tidak ada/);
    expect(() => runBatch('sex,weight_kg\n1,5\n', growth)).toThrow(/age_days.*age_months/);
  });

  it('exits non-zero with an Indonesian message when the tables are not installed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'anthro-'));
    const input = join(dir, 'in.csv');
    await writeFile(input, 'sex,age_days\n1,10\n');
    const result = runCli([input, '--tables', join(dir, 'missing.json')]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('tabel pertumbuhan WHO belum terpasang');
  });
});
