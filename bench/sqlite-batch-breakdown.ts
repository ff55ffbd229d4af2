// Where one batch of 1,000 costs its CPU on SQLite (issue 14, deliverable 3, h46): for batches of creation-order
// changes pushed through applyBatch into a fresh file, the CPU time (process.cpuUsage) and wall time of each
// phase per record: the body's JSON.parse, validation, every prepared statement's run by its SQL, each exec (BEGIN,
// the savepoints, COMMIT: its CPU is writing the WAL, its wall less its CPU is mostly waiting for the fsync), the
// rest of applyBatch (merge, answer), and then the WAL checkpoint those batches make, run on its own at the end and
// shared out over the records that filled it (inline, SQLite runs it inside the COMMIT that passes 64 MB).
// better-sqlite3's Statement and Database methods are wrapped for the measured batches only; the cost of the
// wrapper's own clock reads is measured and taken off each call. Used by bench/server-ingest.bench.ts.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type Change } from '../protocol/index.ts';
import { openSqliteStore } from '../server/src/db/sqlite-store.ts';
import { inBatches } from '../server/src/seed/seed-changes.ts';
import { applyBatch } from '../server/src/services/apply-batch.ts';
import { validateChange } from '../server/src/services/validate-change.ts';
import { seededIngest } from './seeded-ingest.ts';

interface Phase {
  cpuMicros: number;
  wallMicros: number;
  calls: number;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** What one pair of clock reads costs (CPU and wall µs), so that each wrapped call can be charged without it. */
function clockCost(): { cpu: number; wall: number } {
  const n = 20_000;
  const cpu0 = cpuNow();
  const wall0 = performance.now();
  for (let i = 0; i < n; i++) {
    cpuNow();
    performance.now();
  }
  return { cpu: (cpuNow() - cpu0) / n, wall: ((performance.now() - wall0) * 1000) / n };
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Wraps `names` of `prototype` so each call adds its CPU and wall time to the phase `label(this)` names. */
function wrap(
  prototype: Record<string, Method>,
  names: readonly string[],
  label: (self: unknown, args: unknown[]) => string,
  phases: Map<string, Phase>,
  cost: { cpu: number; wall: number },
  /** Whether to read the CPU clock too: a getrusage call (about 1 µs, and it counts every thread of the process), so
   * only for calls made once a batch; a statement run 1,000 times a batch is timed by the wall clock alone. */
  withCpu: boolean,
): () => void {
  const originals = names.map((name) => [name, prototype[name]] as const);
  for (const [name, original] of originals) {
    if (!original) continue;
    prototype[name] = function (this: unknown, ...args: unknown[]) {
      const cpu0 = withCpu ? cpuNow() : 0;
      const wall0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const cpu = withCpu ? cpuNow() - cpu0 : NaN;
        const wall = (performance.now() - wall0) * 1000;
        const key = label(this, args);
        const phase = phases.get(key) ?? { cpuMicros: 0, wallMicros: 0, calls: 0 };
        phase.cpuMicros += withCpu ? Math.max(0, cpu - cost.cpu) : NaN;
        phase.wallMicros += Math.max(0, wall - cost.wall);
        phase.calls++;
        phases.set(key, phase);
      }
    };
  }
  return () => {
    for (const [name, original] of originals) if (original) prototype[name] = original;
  };
}

const labels = new Map<string, string>();

/** A statement's label: its verb and table, e.g. "run: INSERT INTO records" (made once per SQL text). */
function statementLabel(self: unknown): string {
  const source = (self as { source?: string }).source ?? '?';
  let label = labels.get(source);
  if (label === undefined) {
    label = labelOf(source);
    labels.set(source, label);
  }
  return label;
}

function labelOf(source: string): string {
  const words = source.replace(/\s+/g, ' ').trim().split(' ');
  const verb = words[0]?.toUpperCase() ?? '?';
  const table =
    verb === 'SELECT'
      ? words[words.findIndex((w) => w.toUpperCase() === 'FROM') + 1]
      : verb === 'INSERT'
        ? words[2]
        : words[1];
  return `run: ${verb} ${verb === 'INSERT' ? 'INTO ' : verb === 'SELECT' ? '... FROM ' : ''}${table ?? '?'}`;
}

export async function sqliteBatchBreakdown(batches = 10, batchSize = 1000): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'posyandu-breakdown-'));
  const file = join(dir, 'posyandu.sqlite');
  const store = openSqliteStore(file);
  const phases = new Map<string, Phase>();
  const add = (key: string, cpuMicros: number, wallMicros: number, calls = 1) => {
    const phase = phases.get(key) ?? { cpuMicros: 0, wallMicros: 0, calls: 0 };
    phase.cpuMicros += cpuMicros;
    phase.wallMicros += wallMicros;
    phase.calls += calls;
    phases.set(key, phase);
  };
  try {
    await store.migrate();
    const records = batches * batchSize;
    // Warm-up: JIT and statement caches, on a posyandu of its own; then an empty WAL, so the measured batches'
    // checkpoint is theirs alone.
    const warm = await seededIngest(store, records, 'creation', 'Warm');
    for (const [i, batch] of inBatches(warm.changes, batchSize).entries()) {
      await applyBatch(store, warm.sender, {
        protocolVersion: PROTOCOL_VERSION,
        deviceId: warm.device.deviceId,
        batchId: `warm-${i}`,
        changes: batch,
      });
    }
    const side = new Database(file);
    side.pragma('wal_checkpoint(TRUNCATE)');

    const cost = clockCost();
    const probe = new Database(':memory:');
    const statementPrototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, Method>;
    probe.close();
    const databasePrototype = Database.prototype as unknown as Record<string, Method>;
    let inner = new Map<string, Phase>();

    /** One pass of `batches` fresh batches on a posyandu of its own; wrapped, each statement and exec is timed. */
    async function pass(name: string, wrapped: boolean): Promise<void> {
      const { sender, device, changes } = await seededIngest(store, records, 'creation', name);
      const bodies = inBatches(changes, batchSize).map((batch: Change[], i) =>
        JSON.stringify({
          protocolVersion: PROTOCOL_VERSION,
          deviceId: device.deviceId,
          batchId: `b-${i}`,
          changes: batch,
        }),
      );
      const unwrap = wrapped
        ? [
            wrap(statementPrototype, ['run', 'get', 'all'], statementLabel, inner, cost, false),
            wrap(
              databasePrototype,
              ['exec'],
              (_self, args) => `exec: ${String(args[0]).split(' ')[0]}`,
              inner,
              cost,
              true,
            ),
          ]
        : [];
      try {
        for (const body of bodies) {
          let cpu0 = cpuNow();
          let wall0 = performance.now();
          const request = JSON.parse(body) as { batchId: string; changes: Change[] };
          if (!wrapped) add('JSON.parse of the body', cpuNow() - cpu0, (performance.now() - wall0) * 1000);
          if (!wrapped) {
            // Validation in a pass of its own, to tell its share (applyBatch validates too: subtracted below).
            cpu0 = cpuNow();
            wall0 = performance.now();
            for (const change of request.changes) validateChange(change, sender);
            add('validation (its own pass)', cpuNow() - cpu0, (performance.now() - wall0) * 1000);
          }
          cpu0 = cpuNow();
          wall0 = performance.now();
          await applyBatch(store, sender, { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, ...request });
          add(
            wrapped ? 'applyBatch whole, statements timed' : 'applyBatch whole',
            cpuNow() - cpu0,
            (performance.now() - wall0) * 1000,
          );
        }
      } finally {
        for (const undo of unwrap) undo();
      }
    }

    // The whole and the checkpoint unwrapped (the wrapper's own bookkeeping would land in "the rest"), then the
    // statements wrapped, each pass on an empty WAL.
    await pass('Breakdown', false);
    // The checkpoint those batches' WAL needs, once: SQLite would run it inside some later COMMIT.
    const cpu0 = cpuNow();
    const wall0 = performance.now();
    const [result] = side.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    add(
      `checkpoint of their WAL (${result?.checkpointed ?? '?'} of ${result?.log ?? '?'} pages)`,
      cpuNow() - cpu0,
      (performance.now() - wall0) * 1000,
    );
    side.pragma('wal_checkpoint(TRUNCATE)');
    // Three timed passes, each statement's least wall time of the three: a wall clock on a shared machine is the
    // call plus whatever preempted it, and the least is the least disturbed.
    const timedPasses: Map<string, Phase>[] = [];
    const timedWholes: Phase[] = [];
    for (const n of [1, 2, 3]) {
      inner = new Map();
      phases.delete('applyBatch whole, statements timed');
      await pass(`Breakdown, statements ${n}`, true);
      timedPasses.push(inner);
      const timed = phases.get('applyBatch whole, statements timed');
      if (timed) timedWholes.push(timed);
      side.pragma('wal_checkpoint(TRUNCATE)');
    }
    side.close();
    inner = new Map();
    for (const passPhases of timedPasses) {
      for (const [key, phase] of passPhases) {
        const least = inner.get(key);
        if (!least || phase.wallMicros < least.wallMicros) inner.set(key, phase);
      }
    }
    phases.set(
      'applyBatch whole, statements timed',
      timedWholes.reduce((a, b) => (b.wallMicros < a.wallMicros ? b : a)),
    );

    const whole = phases.get('applyBatch whole') ?? { cpuMicros: 0, wallMicros: 0, calls: 0 };
    const validation = phases.get('validation (its own pass)') ?? { cpuMicros: 0, wallMicros: 0, calls: 0 };
    const timedWhole = phases.get('applyBatch whole, statements timed') ?? { cpuMicros: 0, wallMicros: 0, calls: 0 };
    let innerWall = 0;
    for (const phase of inner.values()) innerWall += phase.wallMicros;
    // The rest by the wall clock of the timed pass (its statements have no CPU figure of their own).
    const rest = { cpuMicros: NaN, wallMicros: timedWhole.wallMicros - innerWall - validation.wallMicros, calls: 0 };
    const row = (name: string, p: Phase) =>
      `  ${name.padEnd(52)} ${Number.isNaN(p.cpuMicros) ? '      -' : (p.cpuMicros / records).toFixed(2).padStart(7)} µs CPU ${(
        p.wallMicros / records
      )
        .toFixed(2)
        .padStart(7)} µs wall  (${p.calls.toLocaleString('en-US')} calls)`;
    const ordered = [...inner].sort((a, b) => b[1].wallMicros - a[1].wallMicros);
    const total = (names: Phase[]) => names.reduce((s, p) => s + p.cpuMicros, 0) / records;
    const checkpoint = [...phases].find(([name]) => name.startsWith('checkpoint'));
    const parse = phases.get('JSON.parse of the body');
    const all = total([...(parse ? [parse] : []), whole, ...(checkpoint ? [checkpoint[1]] : [])]);
    return [
      `SQLite (FULL): one batch's CPU, per record (${batches} batches of ${batchSize} in creation order, a fresh file; ` +
        `clock reads ${cost.cpu.toFixed(2)} µs CPU a call, taken off)`,
      ...(parse ? [row('JSON.parse of the body', parse)] : []),
      row('validation (its own pass; inside applyBatch too)', validation),
      row('applyBatch whole (validation included)', whole),
      `  of which, by the wall clock of three passes with each statement timed, its least (applyBatch, least ${(timedWhole.wallMicros / records).toFixed(2)} µs wall there):`,
      ...ordered.map(([name, p]) => row(name, p)),
      row("rest of applyBatch (merge, the rows' text, answer, queue)", rest),
      ...(checkpoint ? [row(checkpoint[0], checkpoint[1])] : []),
      `  ${'all (parse, applyBatch, checkpoint)'.padEnd(52)} ${all.toFixed(2).padStart(7)} µs CPU: ` +
        `${Math.round(1e6 / all).toLocaleString('en-US')} records/s of CPU on one core; the COMMIT's wall less its CPU is ` +
        `mostly its fsync`,
      ...ceilingLines(innerWall, checkpoint?.[1].wallMicros ?? 0, parse?.wallMicros ?? 0, records),
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What no server design over this schema can pass for one client here: SQLite has one writer, and a batch is
 * answered after its commit, so its statements, its commit and its share of the checkpoints run one after another
 * whatever else runs beside them (on another thread or not). The body's JSON.parse is added in the second line:
 * a batch's first statement needs its first change parsed, so only a streaming parser could hide part of it.
 */
function ceilingLines(statementsWall: number, checkpointWall: number, parseWall: number, records: number): string[] {
  const own = (statementsWall + checkpointWall) / records;
  const withParse = own + parseWall / records;
  const rate = (micros: number) => Math.round(1e6 / micros).toLocaleString('en-US');
  return [
    `  ceiling for one client: SQLite's own work (statements, commit, checkpoint) ${own.toFixed(2)} µs wall a record, ` +
      `at most ${rate(own)} records/s; with the body's JSON.parse ${withParse.toFixed(2)} µs, at most ${rate(withParse)}/s`,
  ];
}
