import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'protocol', 'public', 'index.html', 'vite.config.ts', 'scripts/precompress-assets.ts'];

function newestMtimeMs(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  return newest;
}

/** True when dist/index.html is missing or older than any source of the app. */
export function appBuildIsStale(rootDir: string): boolean {
  const built = join(rootDir, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => newestMtimeMs(join(rootDir, source)) > builtAt);
}

/** Builds the app with Vite when needed; returns false when the build was needed and failed. */
export function ensureAppBuilt(rootDir: string, log: (line: string) => void): boolean {
  if (!appBuildIsStale(rootDir)) return true;
  log('Membangun aplikasi (npx vite build)...');
  const result = spawnSync('npx', ['vite', 'build'], { cwd: rootDir, stdio: 'inherit' });
  return result.status === 0;
}
