// Sums a CDP CPU profile (Profiler.stop) by where the time went, for the day bench's timing split (--profile):
// self time per source file of the app (through the build's source maps) and the engine's own buckets
// ("(garbage collector)", "(program)": native work such as IndexedDB and WebCrypto calls, "(idle)": waiting).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { REPO_ROOT } from './bundle-size.ts';
import { decodeMappings, type RawSourceMap, type Segment } from './source-map.ts';

export interface ProfileSummary {
  totalMs: number;
  /** Self time by source file (or engine bucket), largest first. */
  top: { name: string; ms: number }[];
  /** Self time by function, named with its source file ("seal (src/storage/crypto-vault.ts)"), largest first. */
  functions: { name: string; ms: number }[];
}

/** The parts of CDP's Profiler.Profile read here. */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

interface LoadedMap {
  sources: string[];
  lines: Segment[][];
}

/** `assetsDir`: the built app's assets (built with `sourcemap: true`); without maps, names are the bundle's. */
export function summariseProfile(profile: CpuProfile, assetsDir?: string): ProfileSummary {
  const maps = new Map<string, LoadedMap | null>();
  const mapOf = (file: string): LoadedMap | null => {
    if (!maps.has(file)) {
      const path = assetsDir ? join(assetsDir, `${file}.map`) : '';
      const raw = path && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RawSourceMap) : null;
      maps.set(file, raw && { sources: raw.sources, lines: decodeMappings(raw.mappings) });
    }
    return maps.get(file) ?? null;
  };
  const sourceOf = (frame: CallFrame): string => {
    if (!frame.url) return frame.functionName || '(native)';
    const file = frame.url.slice(frame.url.lastIndexOf('/') + 1);
    const map = mapOf(file);
    const segments = map?.lines[frame.lineNumber] ?? [];
    let found: Segment | undefined;
    for (const segment of segments) if (segment.column <= frame.columnNumber) found = segment;
    const source = found && found.source >= 0 ? map?.sources[found.source] : undefined;
    if (!source || !assetsDir) return file;
    const path = relative(REPO_ROOT, resolve(assetsDir, source));
    const nm = path.lastIndexOf('node_modules/');
    return nm >= 0 ? (path.slice(nm + 'node_modules/'.length).split('/')[0] ?? path) : path;
  };
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  const functionUs = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byNode.get(samples[i] ?? -1);
    if (!node) continue;
    const name = sourceOf(node.callFrame);
    // A sample's time is the gap to the next sample.
    selfUs.set(name, (selfUs.get(name) ?? 0) + (deltas[i + 1] ?? 0));
    const fn = node.callFrame.url ? `${node.callFrame.functionName || '(anonymous)'} (${name})` : name;
    functionUs.set(fn, (functionUs.get(fn) ?? 0) + (deltas[i + 1] ?? 0));
  }
  const largestFirst = (sums: Map<string, number>) =>
    [...sums].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    top: largestFirst(selfUs),
    functions: largestFirst(functionUs),
  };
}
