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
): () => void {
  const originals = names.map((name) => [name, prototype[name]] as const);
  for (const [name, original] of originals) {
    if (!original) continue;
    prototype[name] = function (this: unknown, ...args: unknown[]) {
      const cpu0 = cpuNow();
      const wall0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const key = label(this, args);
        const phase = phases.get(key) ?? { cpuMicros: 0, wallMicros: 0, calls: 0 };
        phase.cpuMicros += Math.max(0, cpuNow() - cpu0 - cost.cpu);
        phase.wallMicros += Math.max(0, (performance.now() - wall0) * 1000 - cost.wall);
        phase.calls++;
        phases.set(key, phase);
      }
    };
  }
  return () => {
    for (const [name, original] of originals) if (original) prototype[name] = original;
  };
}

/** A statement's label: its verb and table, e.g. "INSERT INTO records". */
function statementLabel(self: unknown): string {
  const source = (self as { source?: string }).source ?? '?';
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

    const { sender, device, changes } = await seededIngest(store, records, 'creation', 'Breakdown');
    const bodies = inBatches(changes, batchSize).map((batch: Change[], i) =>
      JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, batchId: `b-${i}`, changes: batch }),
    );
    const cost = clockCost();
    const probe = new Database(':memory:');
    const statementPrototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, Method>;
    probe.close();
    const databasePrototype = Database.prototype as unknown as Record<string, Method>;
    const inner = new Map<string, Phase>();
    const unwrap = [
      wrap(statementPrototype, ['run', 'get', 'all'], statementLabel, inner, cost),
      wrap(databasePrototype, ['exec'], (_self, args) => `exec: ${String(args[0]).split(' ')[0]}`, inner, cost),
    ];
    try {
      for (const body of bodies) {
        let cpu0 = cpuNow();
        let wall0 = performance.now();
        const request = JSON.parse(body) as { batchId: string; changes: Change[] };
        add('JSON.parse of the body', cpuNow() - cpu0, (performance.now() - wall0) * 1000);
        // Validation again in a pass of its own, to tell its share (applyBatch validates too: subtracted below).
        cpu0 = cpuNow();
        wall0 = performance.now();
        for (const change of request.changes) validateChange(change, sender);
        add('validation (its own pass)', cpuNow() - cpu0, (performance.now() - wall0) * 1000);
        cpu0 = cpuNow();
        wall0 = performance.now();
        await applyBatch(store, sender, { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, ...request });
        add('applyBatch whole', cpuNow() - cpu0, (performance.now() - wall0) * 1000);
      }
    } finally {
      for (const undo of unwrap) undo();
    }
    // The checkpoint those batches' WAL needs, once: SQLite would run it inside some later COMMIT.
    const cpu0 = cpuNow();
    const wall0 = performance.now();
    const [result] = side.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    add(
      `checkpoint of their WAL (${result?.checkpointed ?? '?'} of ${result?.log ?? '?'} pages)`,
      cpuNow() - cpu0,
      (performance.now() - wall0) * 1000,
    );
    side.close();

    const whole = phases.get('applyBatch whole') ?? { cpuMicros: 0, wallMicros: 0, calls: 0 };
    const validation = phases.get('validation (its own pass)') ?? { cpuMicros: 0, wallMicros: 0, calls: 0 };
    let innerCpu = 0;
    let innerWall = 0;
    for (const phase of inner.values()) {
      innerCpu += phase.cpuMicros;
      innerWall += phase.wallMicros;
    }
    const rest = {
      cpuMicros: whole.cpuMicros - innerCpu - validation.cpuMicros,
      wallMicros: whole.wallMicros - innerWall - validation.wallMicros,
      calls: whole.calls,
    };
    const row = (name: string, p: Phase) =>
      `  ${name.padEnd(52)} ${(p.cpuMicros / records).toFixed(2).padStart(7)} µs CPU ${(p.wallMicros / records)
        .toFixed(2)
        .padStart(7)} µs wall  (${p.calls.toLocaleString('en-US')} calls)`;
    const ordered = [...inner].sort((a, b) => b[1].cpuMicros - a[1].cpuMicros);
    const total = (names: Phase[]) => names.reduce((s, p) => s + p.cpuMicros, 0) / records;
    const checkpoint = [...phases].find(([name]) => name.startsWith('checkpoint'));
    const parse = phases.get('JSON.parse of the body');
    const all = total([
      ...(parse ? [parse] : []),
      whole,
      ...(checkpoint ? [checkpoint[1]] : []),
    ]);
    return [
      `SQLite (FULL): one batch's CPU, per record (${batches} batches of ${batchSize} in creation order, a fresh file; ` +
        `clock reads ${cost.cpu.toFixed(2)} µs CPU a call, taken off)`,
      ...(parse ? [row('JSON.parse of the body', parse)] : []),
      row('validation (its own pass; inside applyBatch too)', validation),
      ...ordered.map(([name, p]) => row(name, p)),
      row('rest of applyBatch (merge, answer, queue)', rest),
      ...(checkpoint ? [row(checkpoint[0], checkpoint[1])] : []),
      `  ${'all (parse, applyBatch, checkpoint)'.padEnd(52)} ${all.toFixed(2).padStart(7)} µs CPU: ` +
        `${Math.round(1e6 / all).toLocaleString('en-US')} records/s of CPU on one core`,
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
