import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareModulePath } from './compare-deps.ts';

const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));

/**
 * Builds the bench pages (ours, pouch, replay, floor, first pull) into a private folder, production mode. The project's
 * vite.config.ts is left out on purpose: the bench pages are not the app and need no service worker.
 */
export async function buildBenchPages(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'posyandu-sync-bench-'));
  const { build } = await import('vite');
  // Vite keeps an existing NODE_ENV (test/e2e/build-app.ts): force production so workbox drops its dev asserts.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: false,
      root: PAGE_DIR,
      logLevel: 'warn',
      mode: 'production',
      resolve: {
        alias: {
          '@compare/pouchdb-browser': compareModulePath('pouchdb-browser/lib/index.es.js'),
          '@compare/pouchdb-adapter-indexeddb': compareModulePath('pouchdb-adapter-indexeddb/lib/index.es.js'),
          '@compare/workbox-background-sync': compareModulePath('workbox-background-sync/index.mjs'),
        },
      },
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        // BENCH_MINIFY=0 keeps the names, so a page profile (--first-pull-profile, PAGE_PROFILE) reads by function.
        minify: process.env.BENCH_MINIFY !== '0',
        // --first-pull-profile sums the page's profile by source file (bench/app/cpu-profile.ts): the maps are read
        // from the built folder only, the page's code is the same bytes ('hidden': no comment pointing at them).
        sourcemap: process.argv.includes('--first-pull-profile') ? 'hidden' : false,
        reportCompressedSize: false,
        chunkSizeWarningLimit: 2048,
        rolldownOptions: {
          input: {
            ours: join(PAGE_DIR, 'ours.html'),
            pouch: join(PAGE_DIR, 'pouch.html'),
            replay: join(PAGE_DIR, 'replay.html'),
            floor: join(PAGE_DIR, 'floor.html'),
            'first-pull': join(PAGE_DIR, 'first-pull.html'),
          },
        },
      },
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
  return outDir;
}
