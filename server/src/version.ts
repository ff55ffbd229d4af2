import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The project's version from package.json, read once. */
export function serverVersion(): string {
  if (cached === undefined) {
    const raw = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    cached = String((JSON.parse(raw) as { version?: unknown }).version ?? '0.0.0');
  }
  return cached;
}
