import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The benches measure what a puskesmas runs: a PostgreSQL that fsyncs and waits for its WAL at commit. The tests'
 * private servers do neither (TEST_SETTINGS, the default of acquirePostgres), and the ingest bench once reported
 * figures from such a server for weeks. Every bench that starts a PostgreSQL must say PRODUCTION_SETTINGS.
 */
const ROOT = join(import.meta.dirname, '..', '..');
// Up to the call's closing parenthesis; the settings are a name or an object spread, never a nested call.
const STARTS = /\b(?:acquirePostgres|startPrivatePostgres)\(([^)]*)\)/g;

function benchFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return benchFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The argument text of every PostgreSQL start in a source text. */
function postgresStarts(source: string): string[] {
  return [...source.matchAll(STARTS)].map((match) => match[1] ?? '');
}

describe('benches start PostgreSQL durable', () => {
  it('finds a start without the production settings', () => {
    expect(postgresStarts('const pg = await acquirePostgres();')).toEqual(['']);
    expect(postgresStarts('await startPrivatePostgres(PRODUCTION_SETTINGS)')).toEqual(['PRODUCTION_SETTINGS']);
  });

  it('every start under bench/ passes PRODUCTION_SETTINGS', () => {
    const starts = benchFiles(join(ROOT, 'bench')).flatMap((file) =>
      postgresStarts(readFileSync(file, 'utf8')).map((argument) => ({ file: relative(ROOT, file), argument })),
    );
    expect(starts.length).toBeGreaterThan(3);
    expect(starts.filter(({ argument }) => !argument.includes('PRODUCTION_SETTINGS'))).toEqual([]);
  });
});
