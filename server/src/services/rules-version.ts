import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverVersion } from '../version.ts';

/** The code a stored judgement or report was computed by: the pure rules and the server's own list rows. */
const SOURCES = [
  '../../../src/domain/',
  './staff-list-rows.ts',
  './staff-referral-rows.ts',
  './staff-list-judge.ts',
  './reports/posyandu-records.ts',
];

function sourceFiles(path: string): string[] {
  try {
    return readdirSync(path, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => join(e.parentPath, e.name))
      .sort();
  } catch {
    return [path];
  }
}

let cached: string | undefined;

/**
 * A stored judgement or report is reused only when computed by the same code. A version constant someone must
 * remember to bump would let a changed rule serve yesterday's answers, so the version is a hash of the rules'
 * source itself (about a hundred files, read once per process, a few milliseconds) and the package version.
 */
export function rulesVersion(): string {
  if (cached !== undefined) return cached;
  const hash = createHash('sha256').update(serverVersion());
  for (const source of SOURCES) {
    for (const file of sourceFiles(fileURLToPath(new URL(source, import.meta.url)))) {
      hash.update(file.slice(file.lastIndexOf('/src/')));
      try {
        hash.update(readFileSync(file));
      } catch {
        hash.update('missing');
      }
    }
  }
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}
