import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Builds the real app into a private folder: browser tests test what ships (service worker, precache,
 * manifest), not a dev server. Each browser test file builds its own copy so files never race on dist/.
 */
export async function buildApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'posyandu-app-'));
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, and Vite keeps an existing NODE_ENV: without this the app would be a dev build
  // that never registers its service worker.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = previous;
  }
  return outDir;
}
