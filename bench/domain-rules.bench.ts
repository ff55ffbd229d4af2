// Speed of the shared health rules in Node, on the seed's posyandu of about 1,100 and 10,000 people (issues 9 and
// 11): the posyandu-day screen's doses-due list (`posyanduDueList` over every active under-five, as day-view.ts
// calls it) and `assessPerson` for every resident (what the puskesmas server does cold). Each figure is one cold
// call in a fresh state (the first) and the median of the warm rounds after it. Prints figures, asserts nothing.
//
//   npx tsx bench/domain-rules.bench.ts [--quick] [--save before.json] [--compare before.json]
//
// --save writes the figures to a file; --compare reads such a file (e.g. made on the commit before a change) and
// prints the ratio before/after next to each figure.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DEFAULT_TABLES_FILE, loadGrowthTables } from '../scripts/load-growth-tables.ts';
import { assessPerson, type AssessOptions } from '../src/domain/assessment/assess-person.ts';
import type { PersonRecords } from '../src/domain/assessment/assessment-types.ts';
import { completedMonths } from '../src/domain/dates/calendar.ts';
import { posyanduDueList } from '../src/domain/schedules/child-immunization-status.ts';
import { seededPeople } from './domain/seeded-people.ts';

const AS_OF = '2026-12-01';
const QUICK = process.argv.includes('--quick');
const SIZES = QUICK ? [1_100] : [1_100, 10_000];
const ROUNDS = QUICK ? 3 : 7;

type Figures = Record<string, number>;

function argAfter(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * The first call's time (cold: nothing compiled or cached for it yet) and the median of the warm rounds, as the
 * process's CPU time (user + system): on a machine shared with other engineers the wall clock mostly measures
 * their load, the CPU time what this code costs. The wall-clock figures are printed next to it.
 */
function time(run: () => void): { cold: number; warm: number; coldWall: number; warmWall: number } {
  const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  const once = () => {
    const t = performance.now();
    const c = process.cpuUsage();
    run();
    return { cpu: cpuMs(process.cpuUsage(c)), wall: performance.now() - t };
  };
  const first = once();
  const rounds = Array.from({ length: ROUNDS }, once);
  return {
    cold: first.cpu,
    warm: median(rounds.map((r) => r.cpu)),
    coldWall: first.wall,
    warmWall: median(rounds.map((r) => r.wall)),
  };
}

function dueListInput(people: readonly PersonRecords[]) {
  return people
    .filter((p) => p.person.status === 'active' && completedMonths(p.person.birthDate, AS_OF) < 60)
    .map((p) => ({
      personId: p.person.id,
      birthDate: p.person.birthDate,
      sex: p.person.sex,
      immunizations: p.immunizations,
    }));
}

const figures: Figures = {};
const baseline: Figures | undefined = argAfter('--compare')
  ? (JSON.parse(readFileSync(argAfter('--compare') as string, 'utf8')) as Figures)
  : undefined;

function report(key: string, label: string, ms: number, wall: number, perItem: { count: number; unit: string }): void {
  figures[key] = ms;
  const before = baseline?.[key];
  const ratio = before !== undefined ? `  (before ${before.toFixed(1)} ms, ${(before / ms).toFixed(1)}x faster)` : '';
  const per = `${((ms / perItem.count) * 1000).toFixed(1)} µs per ${perItem.unit}`;
  console.log(`  ${label}: ${ms.toFixed(1)} ms CPU, ${per}; wall ${wall.toFixed(1)} ms${ratio}`);
}

console.log(`domain rules bench, as of ${AS_OF}, load average ${loadavg()[0]?.toFixed(1)} (figures under load)`);
// As the server judges (with the WHO tables, when installed) and as a phone without them.
const variants: [string, AssessOptions][] = [['', {}]];
if (existsSync(DEFAULT_TABLES_FILE)) {
  const loaded = await loadGrowthTables(DEFAULT_TABLES_FILE);
  if (loaded.ok) variants.push([' with WHO tables', { growth: loaded.growthTables }]);
}
for (const size of SIZES) {
  const people = seededPeople(size, AS_OF);
  const children = dueListInput(people);
  console.log(`${people.length} people, ${children.length} active under-fives:`);
  let dueCount = 0;
  const due = time(() => {
    dueCount = posyanduDueList(children, AS_OF).length;
  });
  report(`due-${size}-cold`, `posyanduDueList cold (${dueCount} doses)`, due.cold, due.coldWall, {
    count: children.length,
    unit: 'child',
  });
  report(`due-${size}-warm`, 'posyanduDueList warm median', due.warm, due.warmWall, {
    count: children.length,
    unit: 'child',
  });
  for (const [name, options] of variants) {
    const assess = time(() => {
      for (const records of people) assessPerson(records, AS_OF, options);
    });
    const each = { count: people.length, unit: 'person' };
    report(
      `assess${name}-${size}-cold`,
      `assessPerson${name}, every resident, cold`,
      assess.cold,
      assess.coldWall,
      each,
    );
    report(`assess${name}-${size}-warm`, `assessPerson${name}, warm median`, assess.warm, assess.warmWall, each);
  }
}

const save = argAfter('--save');
if (save) writeFileSync(save, `${JSON.stringify(figures, null, 2)}\n`);
