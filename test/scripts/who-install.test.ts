import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WHO_OPTIONAL_WORKBOOKS, WHO_WORKBOOKS } from '../../scripts/who-workbooks.ts';
import { parseGrowthTables } from '../../src/domain/growth/who-tables.ts';
import { whoTablesDir } from '../domain/growth/who-tables-fixture.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

function runInstaller(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'who-install.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // No WHO_TABLES_DIR from the environment: each test says where the workbooks are.
    env: { ...process.env, WHO_TABLES_DIR: '' },
  });
}

async function copyWorkbooks(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'who-xlsx-'));
  for (const workbook of WHO_WORKBOOKS) await copyFile(join(whoTablesDir(), workbook.file), join(dir, workbook.file));
  return dir;
}

describe('who-install', () => {
  let workbooks: string;
  beforeAll(async () => {
    workbooks = await copyWorkbooks();
  });

  it('installs from a folder of WHO workbooks: L, M, S for every table, sums and derived rows in the header', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'who-out-')), 'growth', 'who-tables.json');
    const result = runInstaller(['--from', workbooks, '--out', out]);
    expect(result.status).toBe(0);
    const parsed = parseGrowthTables(JSON.parse(await readFile(out, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.detail);
    const file = parsed.growthTables;
    expect(file.sources.map((s) => s.sha256)).toEqual(WHO_WORKBOOKS.map((w) => w.sha256));
    // Spot values straight from WHO's workbooks: weight-for-age boys day 0, WFL girls 65.0 cm, BMI 2007 boys 61 mo.
    expect(file.tables.wfa.male.M[0]).toBe(3.3464);
    expect(file.tables.wfl.female.M[650 - 450]).toBe(7.0812);
    expect(file.tables.wfh.female.M[0]).toBe(7.2402);
    expect(file.tables.bfa07.male.M[61 - 60]).toBe(15.2641);
    // The row after the last published month copies it.
    expect(file.tables.hfa07.female.M[229 - 60]).toBe(file.tables.hfa07.female.M[228 - 60]);
    expect(file.derivedRows.map((r) => `${r.table}:${r.key}`).sort()).toEqual(
      ['bfa07:229', 'bfa07:60', 'hfa07:229', 'hfa07:60', 'wfa07:121', 'wfa07:60'].sort(),
    );
  });

  it('refuses a workbook whose checksum differs: non-zero exit, the file named, nothing written', async () => {
    const corrupted = await copyWorkbooks();
    const victim = join(corrupted, 'wfh-girls-zscore-expanded-tables.xlsx');
    const bytes = new Uint8Array(await readFile(victim));
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    await writeFile(victim, bytes);
    const outDir = await mkdtemp(join(tmpdir(), 'who-out-'));
    const out = join(outDir, 'who-tables.json');

    const result = runInstaller(['--from', corrupted, '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('REFUSED');
    expect(result.stderr).toContain('wfh-girls-zscore-expanded-tables.xlsx');
    expect(existsSync(out)).toBe(false);
    expect(await readdir(outDir)).toEqual([]);

    // --if-available never softens a checksum failure.
    expect(runInstaller(['--from', corrupted, '--out', out, '--if-available']).status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('fails when a workbook is missing, and only warns with --if-available', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'who-empty-'));
    const out = join(empty, 'who-tables.json');
    const strict = runInstaller(['--from', empty, '--out', out]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('NOT installed');
    const lenient = runInstaller(['--from', empty, '--out', out, '--if-available']);
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toContain('npm run who:install');
    expect(existsSync(out)).toBe(false);
  });

  it('installs without the optional head-circumference workbooks, saying the head is then not judged', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'who-out-')), 'who-tables.json');
    const result = runInstaller(['--from', workbooks, '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('head-circumference table NOT installed');
    const parsed = parseGrowthTables(JSON.parse(await readFile(out, 'utf8')));
    expect(parsed.ok && parsed.growthTables.tables.hcfa).toBeUndefined();
  });

  it('refuses hcfa workbooks whose checksum is not WHO’s, and installs neither when one sex is missing', async () => {
    const withHead = await copyWorkbooks();
    const [boys, girls] = WHO_OPTIONAL_WORKBOOKS;
    if (!boys || !girls) throw new Error('two hcfa workbooks expected');
    await writeFile(join(withHead, boys.file), 'not WHO’s workbook');
    const out = join(await mkdtemp(join(tmpdir(), 'who-out-')), 'who-tables.json');
    // Only the boys' file: the pair is incomplete, nothing of it is read, the rest installs.
    const onlyBoys = runInstaller(['--from', withHead, '--out', out]);
    expect(onlyBoys.status).toBe(0);
    expect(onlyBoys.stdout).toContain(girls.file);
    await writeFile(join(withHead, girls.file), 'not WHO’s workbook either');
    const refused = runInstaller(['--from', withHead, '--out', out + '.2']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(boys.file);
    expect(existsSync(out + '.2')).toBe(false);
  });
});
