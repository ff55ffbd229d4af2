import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The comparison's own dependencies (PouchDB and its indexeddb adapter, express-pouchdb, workbox-background-sync): never the app's. */
export const COMPARE_DIR = fileURLToPath(new URL('./compare/', import.meta.url));

/** Installs bench/sync/compare/node_modules from its package.json the first time; later runs reuse it. */
export function ensureCompareDeps(): void {
  // The newest package of package.json: a folder installed before it was added gets it too.
  if (existsSync(`${COMPARE_DIR}node_modules/pouchdb-adapter-indexeddb/package.json`)) return;
  console.log('Installing the comparison packages into bench/sync/compare (once)...');
  execFileSync('npm', ['install', '--prefix', COMPARE_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

/** `require` resolving from bench/sync/compare, for the CommonJS server packages. */
export const requireCompare = createRequire(`${COMPARE_DIR}package.json`);

export function compareModulePath(name: string): string {
  return `${COMPARE_DIR}node_modules/${name}`;
}
