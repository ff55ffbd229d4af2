// Assessment benchmark: assessPerson for every person of a seeded posyandu (about 1,100 people, three years of
// history), with and without the WHO tables. Prints the median and p95 per person and the whole posyandu.
//
//   npx tsx bench/assessment.bench.ts        (tables from public/growth/who-tables.json, else WHO_TABLES_DIR)
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EVENT_TABLE_NAMES } from '../protocol/tables.ts';
import { DEFAULT_TABLES_FILE, loadGrowthTables } from '../scripts/load-growth-tables.ts';
import { main as installWhoTables } from '../scripts/who-install.ts';
import { generatePosyandu } from '../server/src/seed/generate-posyandu.ts';
import { assessPerson, type AssessOptions } from '../src/domain/assessment/assess-person.ts';
import type { PersonRecords } from '../src/domain/assessment/assessment-types.ts';

const AS_OF = '2026-11-01';
const ROUNDS = 5;

async function tablesFile(): Promise<string> {
  if (existsSync(DEFAULT_TABLES_FILE)) return DEFAULT_TABLES_FILE;
  if (!process.env.WHO_TABLES_DIR) throw new Error('No WHO tables: run `npm run who:install` or set WHO_TABLES_DIR.');
  const file = join(await mkdtemp(join(tmpdir(), 'bench-who-')), 'who-tables.json');
  if ((await installWhoTables(['--out', file, '--quiet'])) !== 0) throw new Error('who-install failed');
  return file;
}

function recordsByPerson(): PersonRecords[] {
  const data = generatePosyandu({
    seed: 7,
    posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60',
    kaderId: 'bench',
    households: 300,
    asOf: AS_OF,
  });
  const out = new Map<string, PersonRecords>();
  for (const person of data.persons) {
    out.set(person.id, {
      person,
      measurements: [],
      immunizations: [],
      pregnancies: [],
      visits: [],
      referrals: [],
      screenings: [],
      services: [],
    });
  }
  const tables = EVENT_TABLE_NAMES;
  for (const table of tables) {
    for (const record of data[table]) (out.get(record.personId)?.[table] as unknown[] | undefined)?.push(record);
  }
  return [...out.values()];
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function measure(label: string, people: readonly PersonRecords[], options: AssessOptions): void {
  for (const records of people) assessPerson(records, AS_OF, options); // warm-up
  const perPerson: number[] = [];
  const totals: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (const records of people) {
      const t0 = performance.now();
      assessPerson(records, AS_OF, options);
      perPerson.push(performance.now() - t0);
    }
    totals.push(performance.now() - start);
  }
  perPerson.sort((a, b) => a - b);
  totals.sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  console.log(
    `${label}: ${people.length} people; per person median ${ms(quantile(perPerson, 0.5))}, ` +
      `p95 ${ms(quantile(perPerson, 0.95))}, max ${ms(perPerson.at(-1) ?? 0)}; ` +
      `whole posyandu median ${totals[Math.floor(ROUNDS / 2)]?.toFixed(1)} ms`,
  );
}

const people = recordsByPerson();
const events = people.reduce((n, p) => n + p.measurements.length + p.immunizations.length + p.visits.length, 0);
console.log(`assessment bench: ${people.length} people, ${events} measurements/immunisations/visits, as of ${AS_OF}`);
measure('without WHO tables', people, {});
const loaded = await loadGrowthTables(await tablesFile());
if (!loaded.ok) throw new Error(`WHO tables do not load: ${loaded.detail}`);
measure('with WHO tables', people, { growth: loaded.growthTables });
