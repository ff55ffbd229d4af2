// The server's side of a push, phase by phase (issue 14): a V8 CPU profile of this process (which hosts the server)
// while ours syncs, each sample put in the push phase whose function is nearest the sample on its stack. What the
// request timings only bound (push requests minus the batch transaction) becomes CPU time per phase: reading the
// body, the depth guard, JSON.parse, the envelope, validation, the transaction, the answer, the pull. Sampling, so
// each phase is good to about one sampling interval per sample; the phases' sum is the process's busy time.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** A phase and the functions (by name, in the file named) whose frames put a sample in it, nearest first. */
interface Phase {
  name: string;
  /** Matched against the frame's url (a path ending) and function name. */
  frames: readonly { file: string; fn?: string }[];
}

/**
 * The first phase of this list found anywhere on a sample's stack takes the sample, so the list runs from the
 * innermost work to the outermost: a sample inside validateChange's zod call is "validate", one in a Buffer call
 * made by the transaction "transaction", one in Node's stream code under the route "route" only when no inner
 * phase is on the stack.
 */
const PHASES: readonly Phase[] = [
  { name: 'depth guard', frames: [{ file: 'server/src/http/json-depth.ts' }] },
  { name: 'envelope', frames: [{ file: 'server/src/services/change-envelope.ts', fn: 'parsePushEnvelope' }] },
  { name: 'validate', frames: [{ file: 'server/src/services/validate-change.ts', fn: 'validateChange' }] },
  { name: 'held seqs', frames: [{ file: 'server/src/services/held-seqs.ts' }, { file: 'server/src/same-json.ts' }] },
  { name: 'transaction', frames: [{ file: 'server/src/services/apply-batch.ts', fn: 'applyInTransaction' }] },
  // Stacks end at an await: the store's own work after one is matched by its files.
  { name: 'store', frames: [{ file: 'server/src/db/' }, { file: 'node_modules/better-sqlite3/' }] },
  { name: 'apply (outside tx)', frames: [{ file: 'server/src/services/apply-batch.ts', fn: 'applyBatch' }] },
  { name: 'device health', frames: [{ file: 'server/src/services/device-health.ts' }] },
  { name: 'pull', frames: [{ file: 'server/src/services/pull-changes.ts' }] },
  // The route runs inside the auth middleware's next(): the route first, then what is the middleware's own.
  { name: 'route', frames: [{ file: 'server/src/app.ts' }] },
  { name: 'auth', frames: [{ file: 'server/src/http/auth.ts' }, { file: 'server/src/services/devices.ts' }] },
  { name: 'headers', frames: [{ file: 'server/src/http/security-headers.ts' }] },
  { name: 'bench driver', frames: [{ file: 'node_modules/playwright-core/' }, { file: 'bench/' }] },
  { name: 'http (hono, node-server)', frames: [{ file: 'node_modules/hono/' }, { file: 'node_modules/@hono/' }] },
  { name: 'node http, streams', frames: [{ file: 'node:' }] },
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

export interface ServerProfile {
  /** Sampled CPU ms by phase (and µs a record when the caller gave the count), the busiest first. */
  phases: { name: string; ms: number; usPerRecord?: number }[];
  /** Own-code functions by sampled self time, the largest first (top 25): what a phase is made of. */
  top: { fn: string; url: string; ms: number }[];
  busyMs: number;
}

export async function startServerProfile(
  intervalUs = 100,
): Promise<{ stop(records?: number): Promise<ServerProfile> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  return {
    async stop(records) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      if (process.env.SERVER_PROFILE) writeFileSync(process.env.SERVER_PROFILE, JSON.stringify(profile));
      const summary = summarise(profile as unknown as Parameters<typeof summarise>[0]);
      if (records) {
        for (const phase of summary.phases) phase.usPerRecord = Math.round((phase.ms * 10_000) / records) / 10;
      }
      return summary;
    },
  };
}

function phaseIndex(node: ProfileNode): number {
  const { url, functionName } = node.callFrame;
  return PHASES.findIndex((phase) =>
    phase.frames.some((frame) => url.includes(frame.file) && (frame.fn === undefined || functionName === frame.fn)),
  );
}

function summarise(profile: {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}): ServerProfile {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const phaseCache = new Map<number, string>();
  const phaseOfSample = (id: number): string => {
    const cached = phaseCache.get(id);
    if (cached) return cached;
    const leaf = byId.get(id);
    let found: string;
    const special = leaf?.callFrame.functionName ?? '';
    if (special === '(idle)' || special === '(garbage collector)' || special === '(program)' || special === '(root)') {
      found = special;
    } else {
      let best = PHASES.length;
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const node = byId.get(at);
        const phase = node ? phaseIndex(node) : -1;
        if (phase !== -1 && phase < best) best = phase;
      }
      found = PHASES[best]?.name ?? 'other';
    }
    phaseCache.set(id, found);
    return found;
  };
  const phaseUs = new Map<string, number>();
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    // timeDeltas[i] is the time before sample i; the sample stands for the interval that follows it.
    const us = profile.timeDeltas[index + 1] ?? 0;
    const phase = phaseOfSample(id);
    phaseUs.set(phase, (phaseUs.get(phase) ?? 0) + us);
    selfUs.set(id, (selfUs.get(id) ?? 0) + us);
  });
  const bySelf = new Map<string, { fn: string; url: string; us: number }>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    const key = `${frame.functionName} ${frame.url}`;
    const entry = bySelf.get(key) ?? { fn: frame.functionName || '(anonymous)', url: frame.url, us: 0 };
    entry.us += us;
    bySelf.set(key, entry);
  }
  const round = (us: number) => Math.round(us / 100) / 10;
  const phases = [...phaseUs]
    .filter(([name]) => name !== '(idle)')
    .map(([name, us]) => ({ name, ms: round(us) }))
    .sort((a, b) => b.ms - a.ms);
  return {
    phases,
    top: [...bySelf.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 25)
      .map((e) => ({
        fn: e.fn,
        url: e.url.replace(/^.*\/(node_modules|server|bench|protocol|src)\//, '$1/'),
        ms: round(e.us),
      })),
    busyMs: phases.reduce((sum, p) => sum + p.ms, 0),
  };
}

// A saved profile (SERVER_PROFILE=<file> with --server-profile) summarised again: npx tsx bench/sync/server-profile.ts <file>
if (process.argv[1]?.endsWith('server-profile.ts') && process.argv[2]) {
  const { readFileSync } = await import('node:fs');
  console.log(JSON.stringify(summarise(JSON.parse(readFileSync(process.argv[2], 'utf8'))), null, 1));
}
