import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Builds the real app into a private folder: browser tests test what ships (service worker, precache,
 * manifest), not a dev server. Each browser test file builds its own copy so files never race on dist/. Building
 * again into the same folder with another `appVersion` publishes an update to the phones that loaded it.
 */
export async function buildApp(
  outDir: string = mkdtempSync(join(tmpdir(), 'posyandu-app-')),
  appVersion?: string,
): Promise<string> {
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, and Vite keeps an existing NODE_ENV: without this the app would be a dev build
  // that never registers its service worker.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      logLevel: 'warn',
      mode: 'production',
      build: { outDir, emptyOutDir: true },
      // A different version string is a different app: new chunk hashes, a new precache manifest, a new sw.js.
      ...(appVersion ? { define: { __APP_VERSION__: JSON.stringify(appVersion) } } : {}),
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
  return outDir;
}
