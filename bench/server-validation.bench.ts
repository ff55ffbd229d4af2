// Server validation alone: µs per change for `validateChange` (the server's path: the change envelope checked by
// hand, the record by its table's schema compiled by zod) and for `validateChangeByZod` (every parse left to the
// protocol's zod schemas as written: the contract, and the path before compilation), over the 10,000 seeded changes
// of bench/server-ingest.bench.ts and over the same changes with one in five broken (rejected for ten different
// reasons). The changes go through JSON first, as a push body does. The two paths alternate, ROUNDS times each
// (default 15), so the other engineers' load falls on both; best and median are printed with the load average.
// Run: npx tsx bench/server-validation.bench.ts
import { loadavg } from 'node:os';
import { generatePosyandu } from '../server/src/seed/generate-posyandu.ts';
import { seedChanges } from '../server/src/seed/seed-changes.ts';
import {
  isRejection,
  validateChange,
  validateChangeByZod,
  type IncomingChange,
} from '../server/src/services/validate-change.ts';

const RECORDS = 10_000;
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const POSYANDU = '0190a0a0-0000-4000-8000-0000000000b1';
const DEVICE = '0190a0a0-0000-4000-8000-0000000000b2';
const SENDER = { deviceId: DEVICE, posyanduId: POSYANDU, kaderId: 'kader-bench' };
// The seed's records are dated up to 2026-11-01; "now" is fixed so a date's plausibility does not move with the day.
const NOW_MS = Date.parse('2026-12-01T08:00:00.000Z');

type Json = Record<string, unknown>;

/** Ten ways a change is refused: envelope, table, schema (types, ranges, dates, text) and ownership. */
const BREAKS: ((change: Json, record: Json) => void)[] = [
  (c) => (c.table = 'nope'),
  (c) => (c.op = 'remove'),
  (_, r) => (r.recordedAt = '2024-02-30T10:00:00.000Z'),
  (_, r) => (r.id = 'not-an-id'),
  (_, r) => (r.posyanduId = '0190a0a0-0000-4000-8000-0000000000ff'),
  (_, r) => (r.hlc = 'yesterday'),
  (_, r) => (r.note = 'a\u0000b'),
  (_, r) => (r.recordedBy = 7),
  (_, r) => ('date' in r ? (r.date = '1850-01-01') : (r.headName = '')),
  (_, r) => ('weightKg' in r ? (r.weightKg = 400) : delete r.id),
];

function changeSets(): { sound: IncomingChange[]; broken: IncomingChange[] } {
  const data = generatePosyandu({ seed: 7, posyanduId: POSYANDU, deviceId: DEVICE, kaderId: 'k', households: 600 });
  const changes = seedChanges(data).slice(0, RECORDS);
  if (changes.length < RECORDS) throw new Error(`only ${changes.length} records generated`);
  const sound = JSON.parse(JSON.stringify(changes)) as IncomingChange[];
  const broken = JSON.parse(JSON.stringify(changes)) as Json[];
  broken.forEach((change, i) => {
    if (i % 5 === 0) BREAKS[(i / 5) % BREAKS.length]?.(change, change.record as Json);
  });
  return { sound, broken: broken as IncomingChange[] };
}

type Validate = typeof validateChange;

/** µs per change of one pass, and how many were refused (the same for both paths, or the bench stops). */
function pass(validate: Validate, changes: readonly IncomingChange[]): Run & { rejected: number } {
  let rejected = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const change of changes) if (isRejection(validate(change, SENDER, NOW_MS))) rejected++;
  const used = process.cpuUsage(cpu);
  return {
    micros: ((performance.now() - started) * 1000) / changes.length,
    cpuMicros: (used.user + used.system) / changes.length,
    rejected,
  };
}

/** Wall clock and this process's CPU time (which moves less with the other engineers' load), µs per change. */
interface Run {
  micros: number;
  cpuMicros: number;
}

function line(label: string, runs: readonly Run[]): string {
  const stats = (values: number[]): string => {
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
    return `best ${(sorted[0] ?? NaN).toFixed(2).padStart(6)}, median ${median.toFixed(2).padStart(6)}`;
  };
  const wall = stats(runs.map((r) => r.micros));
  return `${label.padEnd(34)} wall ${wall} µs/change; CPU ${stats(runs.map((r) => r.cpuMicros))}`;
}

function main(): void {
  const sets = changeSets();
  const paths: [string, Validate][] = [
    ['zod alone (validateChangeByZod)', validateChangeByZod],
    ['compiled (validateChange)', validateChange],
  ];
  const lines: string[] = [];
  for (const [setName, changes] of Object.entries(sets)) {
    const runs = new Map<string, Run[]>(paths.map(([label]) => [label, []]));
    const refused = new Set<number>();
    // The first round warms the JIT on both paths and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      for (const [label, validate] of paths) {
        const { rejected, ...run } = pass(validate, changes);
        refused.add(rejected);
        if (round > 0) runs.get(label)?.push(run);
      }
    }
    if (refused.size !== 1) throw new Error(`${setName}: the two paths refused different counts ${[...refused]}`);
    lines.push(`${setName} changes (${changes.length}, ${[...refused][0]} refused):`);
    for (const [label] of paths) lines.push(`  ${line(label, runs.get(label) ?? [])}`);
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`Server validation: ${RECORDS} seeded changes, ${ROUNDS} rounds per path, alternated`);
  console.log(`  load average at the end ${load} (2 cores, shared: figures are under that load)`);
  for (const text of lines) console.log(`  ${text}`);
}

main();
