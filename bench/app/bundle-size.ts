// Issue 2, "initial JavaScript of the app shell": what the phone must download and run before the first screen,
// gzip, and which package each minified byte came from.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { textBySource, type RawSourceMap } from './source-map.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** The level Vite's own size report uses (zlib's default), and what a web server typically serves. */
const GZIP_LEVEL = 6;

/** Issue 2's boundary: the app shell's initial JS, gzip (test/app/initial-js-budget.test.ts fails above it). */
export const INITIAL_JS_BUDGET_GZIP_BYTES = 100_000;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface FileSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface PackageShare {
  group: string;
  minifiedBytes: number;
  /** The group's text gzipped on its own: an upper bound of what it costs in the bundle. */
  gzipAloneBytes: number;
  /** The bundle's real gzip size shared out in proportion to gzipAloneBytes (the column that adds up). */
  gzipShareBytes: number;
}

export interface BundleReport {
  initialJs: FileSize[];
  initialCss: FileSize[];
  lazyJs: FileSize[];
  totalRawBytes: number;
  totalGzipBytes: number;
  split: PackageShare[];
  /** True when the sourcemap build produced byte-identical initial chunks (so the split is of the real files). */
  splitMatchesShippedFiles: boolean;
}

/**
 * Builds the app with the project's vite.config.ts (the NODE_ENV trap: Vite keeps an existing NODE_ENV, so it is
 * forced to production) plus the given build options. Returns the output folder.
 */
export async function buildApp(outDir: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { build } = await import('vite');
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: REPO_ROOT,
      logLevel: 'warn',
      mode: 'production',
      build: { outDir, emptyOutDir: true, manifest: true, ...extra },
    });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  return outDir;
}

function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** The entry chunk and every chunk it imports statically, transitively; in load order, each once. */
function initialKeys(manifest: Manifest): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry && key.endsWith('index.html'));
  if (!entry) throw new Error('build manifest: no index.html entry');
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...seen];
}

function sizeOf(outDir: string, file: string): FileSize {
  const bytes = readFileSync(join(outDir, file));
  return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: GZIP_LEVEL }).length };
}

/** Package name for a file under node_modules; the app's own code by top folder (src/<layer>, protocol). */
function groupOf(source: string, mapDir: string): string {
  if (!source.startsWith('.') && !source.startsWith('/')) return '(bundler runtime)';
  const path = resolve(mapDir, source);
  const nm = path.lastIndexOf(`${sep}node_modules${sep}`);
  if (nm >= 0) {
    const [first = '?', second = '?'] = path.slice(nm + '/node_modules/'.length).split(sep);
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const parts = relative(REPO_ROOT, path).split(sep);
  if (parts[0] === '..') return '(outside the repo)';
  if (parts[0] === 'src' && parts.length > 2) return `app: src/${parts[1]}/`;
  return `app: ${parts.join('/')}`;
}

export interface InitialJs {
  initialJs: FileSize[];
  initialCss: FileSize[];
  lazyJs: FileSize[];
  totalGzipBytes: number;
}

/** The initial and lazy files of a build made with a manifest (buildApp), read from the files themselves. */
export function readInitialJs(shippedDir: string): InitialJs {
  const shipped = readManifest(shippedDir);
  const keys = initialKeys(shipped);
  const initialJs = keys.map((key) => sizeOf(shippedDir, (shipped[key] as ManifestChunk).file));
  const initialCss = [...new Set(keys.flatMap((key) => shipped[key]?.css ?? []))].map((f) => sizeOf(shippedDir, f));
  const initialFiles = new Set(initialJs.map((f) => f.file));
  const lazyJs = [...new Set(Object.values(shipped).map((chunk) => chunk.file))]
    .filter((file) => file.endsWith('.js') && !initialFiles.has(file))
    .map((file) => sizeOf(shippedDir, file));
  return { initialJs, initialCss, lazyJs, totalGzipBytes: initialJs.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

/** Measures the initial JS of `shippedDir` and splits it by package using a sourcemap build of the same config. */
export async function measureBundle(shippedDir: string, sourcemapDir: string): Promise<BundleReport> {
  const shipped = readManifest(shippedDir);
  const keys = initialKeys(shipped);
  const { initialJs, initialCss, lazyJs, totalGzipBytes } = readInitialJs(shippedDir);

  await buildApp(sourcemapDir, { sourcemap: 'hidden' });
  const mapped = readManifest(sourcemapDir);
  let identical = true;
  const textByGroup = new Map<string, string[]>();
  for (const key of keys) {
    const shippedFile = (shipped[key] as ManifestChunk).file;
    const mappedFile = mapped[key]?.file;
    if (!mappedFile) throw new Error(`sourcemap build has no chunk for ${key}`);
    const code = readFileSync(join(sourcemapDir, mappedFile), 'utf8');
    if (code !== readFileSync(join(shippedDir, shippedFile), 'utf8')) identical = false;
    const mapPath = join(sourcemapDir, `${mappedFile}.map`);
    if (!existsSync(mapPath)) throw new Error(`no source map for ${mappedFile}`);
    const map = JSON.parse(readFileSync(mapPath, 'utf8')) as RawSourceMap;
    const mapDir = resolve(dirname(mapPath), map.sourceRoot ?? '');
    for (const [index, texts] of textBySource(code, map)) {
      const source = index >= 0 ? map.sources[index] : undefined;
      const group = source === undefined ? '(unmapped: newlines, glue)' : groupOf(source, mapDir);
      const list = textByGroup.get(group) ?? [];
      list.push(...texts);
      textByGroup.set(group, list);
    }
  }
  rmSync(sourcemapDir, { recursive: true, force: true });

  const groups = [...textByGroup].map(([group, texts]) => {
    const bytes = Buffer.from(texts.join(''), 'utf8');
    return { group, minifiedBytes: bytes.length, gzipAloneBytes: gzipSync(bytes, { level: GZIP_LEVEL }).length };
  });
  const gzipAloneSum = groups.reduce((sum, g) => sum + g.gzipAloneBytes, 0);
  const split = groups
    .map((g) => ({ ...g, gzipShareBytes: (g.gzipAloneBytes / gzipAloneSum) * totalGzipBytes }))
    .sort((a, b) => b.minifiedBytes - a.minifiedBytes);
  return {
    initialJs,
    initialCss,
    lazyJs,
    totalRawBytes: initialJs.reduce((sum, f) => sum + f.rawBytes, 0),
    totalGzipBytes,
    split,
    splitMatchesShippedFiles: identical,
  };
}
