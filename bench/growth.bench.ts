// Growth benchmark: z-scores + Permenkes categories for 100,000 measurements in-process, and the anthro batch
// command on a generated 100,000-row CSV. Prints rows/s and total ms.
//
//   npx tsx bench/growth.bench.ts            (tables from public/growth/who-tables.json, else WHO_TABLES_DIR)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBatch } from '../scripts/anthro-batch.ts';
import { DEFAULT_TABLES_FILE, loadGrowthTables } from '../scripts/load-growth-tables.ts';
import { main as installWhoTables } from '../scripts/who-install.ts';
import { ageFromDays, ageFromMonths } from '../src/domain/growth/age.ts';
import type { AnthroInput } from '../src/domain/growth/anthro-input.ts';
import { growthZScores } from '../src/domain/growth/growth-zscores.ts';
import { nutritionStatus } from '../src/domain/growth/nutrition-status.ts';

const ROWS = 100_000;
const ROOT = resolve(import.meta.dirname, '..');

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same rows. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  sex: 1 | 2;
  ageDays?: number;
  ageMonths?: number;
  measured: 'L' | 'H' | '';
  weightKg: number;
  lenheiCm: number;
  oedema: 'y' | 'n';
}

/** Mostly posyandu toddlers (0-59 months by day), a fifth school-age (60-228 months), rough but plausible sizes. */
function generateRows(): Row[] {
  const next = random(42);
  const rows: Row[] = [];
  for (let i = 0; i < ROWS; i++) {
    const sex = next() < 0.5 ? 1 : 2;
    const schoolAge = next() < 0.2;
    const months = schoolAge ? 60 + next() * 168 : next() * 59.9;
    const heightCm = months < 60 ? 50 + 25 * Math.log1p(months / 6) : 105 + (months - 60) * 0.4;
    const weightKg = months < 60 ? 3.3 + months * 0.22 : 17 + (months - 60) * 0.28;
    const noise = () => 1 + (next() - 0.5) * 0.3;
    const row: Row = {
      sex,
      measured: months < 24 ? (next() < 0.9 ? 'L' : 'H') : next() < 0.9 ? 'H' : '',
      weightKg: Math.round(weightKg * noise() * 10) / 10,
      lenheiCm: Math.round(heightCm * (1 + (next() - 0.5) * 0.1) * 10) / 10,
      oedema: next() < 0.005 ? 'y' : 'n',
    };
    if (schoolAge) row.ageMonths = Math.round(months * 100) / 100;
    else row.ageDays = Math.round(months * 30.4375);
    rows.push(row);
  }
  return rows;
}

async function tablesFile(): Promise<string> {
  if (existsSync(DEFAULT_TABLES_FILE)) return DEFAULT_TABLES_FILE;
  if (!process.env.WHO_TABLES_DIR) {
    throw new Error('No WHO tables: run `npm run who:install` or set WHO_TABLES_DIR to the workbooks folder.');
  }
  const file = join(await mkdtemp(join(tmpdir(), 'bench-who-')), 'who-tables.json');
  if ((await installWhoTables(['--out', file, '--quiet'])) !== 0) throw new Error('who-install failed');
  return file;
}

const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-US');

function report(name: string, rows: number, ms: number): void {
  console.log(
    `${name.padEnd(58)} ${rows.toLocaleString('en-US')} rows  ${ms.toFixed(0).padStart(7)} ms  ${perSecond(rows, ms).padStart(10)} rows/s`,
  );
}

function runCli(csvFile: string, tables: string): Promise<{ ms: number; bytes: number; code: number | null }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'anthro-batch.ts'), csvFile, '--tables', tables],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.on('error', fail);
    child.on('close', (code) => done({ ms: performance.now() - started, bytes, code }));
  });
}

async function benchmark(): Promise<void> {
  const file = await tablesFile();
  const loaded = await loadGrowthTables(file);
  if (!loaded.ok) throw new Error(loaded.detail);
  const growth = loaded.growthTables;
  const rows = generateRows();
  console.log(`growth benchmark: ${ROWS.toLocaleString('en-US')} generated measurements, tables ${file}`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);

  const inputs: AnthroInput[] = rows.map((r) => {
    const input: AnthroInput = {
      sex: r.sex === 1 ? 'male' : 'female',
      age: r.ageDays !== undefined ? ageFromDays(r.ageDays) : ageFromMonths(r.ageMonths ?? 0),
      weightKg: r.weightKg,
      lengthHeightCm: r.lenheiCm,
      oedema: r.oedema === 'y',
    };
    if (r.measured) input.position = r.measured === 'L' ? 'lying' : 'standing';
    return input;
  });

  // Warm-up so the JIT's first compilation is not counted.
  for (const input of inputs.slice(0, 2000)) nutritionStatus(growthZScores(input, growth), input.age?.months);

  let categorised = 0;
  const started = performance.now();
  for (const input of inputs) categorised += nutritionStatus(growthZScores(input, growth), input.age?.months).length;
  report('in-process: z-scores + Permenkes categories', ROWS, performance.now() - started);
  console.log(`  (${categorised.toLocaleString('en-US')} categories assigned)`);

  const header = 'sex,age_days,age_months,measured,weight_kg,lenhei_cm,oedema';
  const csv = `${header}\n${rows
    .map((r) => [r.sex, r.ageDays ?? '', r.ageMonths ?? '', r.measured, r.weightKg, r.lenheiCm, r.oedema].join(','))
    .join('\n')}\n`;
  const csvFile = join(await mkdtemp(join(tmpdir(), 'bench-anthro-')), 'measurements.csv');
  await writeFile(csvFile, csv);
  console.log(`  CSV: ${csvFile} (${(csv.length / 1024 / 1024).toFixed(1)} MiB)`);

  const batchStarted = performance.now();
  const { output } = runBatch(csv, growth);
  report('in-process: runBatch (CSV parse + z-scores + CSV out)', ROWS, performance.now() - batchStarted);
  console.log(`  (${(output.length / 1024 / 1024).toFixed(1)} MiB out)`);

  const cli = await runCli(csvFile, file);
  if (cli.code !== 0) throw new Error(`anthro batch exited ${cli.code}`);
  report('batch command: node --import tsx scripts/anthro-batch.ts', ROWS, cli.ms);
  console.log(`  (${(cli.bytes / 1024 / 1024).toFixed(1)} MiB to stdout, process start and tsx included)`);
}

await benchmark();
