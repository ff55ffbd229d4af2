import { ESLint } from 'eslint';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of docs/architecture.md, proven to fire: each forbidden import is linted as if it were written in
 * that layer, each forbidden global is compiled in that layer's tsconfig, and every one must be refused. A rule that
 * silently stops matching (as `storage/!(index)*` once did) turns this red.
 */
const ROOT = join(import.meta.dirname, '..', '..');

const FORBIDDEN_IMPORTS: readonly [file: string, specifier: string][] = [
  ['protocol/probe.ts', '../src/domain/dates/calendar.ts'],
  ['protocol/probe.ts', '../server/src/config.ts'],
  ['protocol/probe.ts', 'preact'],
  ['protocol/probe.ts', 'node:fs'],
  ['src/domain/probe.ts', '../i18n/index.ts'],
  ['src/domain/growth/probe.ts', '../../i18n/growth-strings.ts'],
  ['src/domain/probe.ts', '../storage/index.ts'],
  ['src/domain/probe.ts', '../platform/ids.ts'],
  ['src/domain/probe.ts', 'node:fs'],
  ['src/domain/probe.ts', '../../test/storage/fixtures.ts'],
  ['src/domain/probe.ts', '../../scripts/who-install.ts'],
  ['src/domain/probe.ts', 'dexie'],
  ['src/domain/probe.ts', 'preact/hooks'],
  ['src/storage/probe.ts', '../sync/index.ts'],
  ['src/storage/probe.ts', '../ui/format.ts'],
  ['src/storage/probe.ts', '../i18n/index.ts'],
  ['src/storage/probe.ts', 'node:path'],
  ['src/sync/probe.ts', '../storage/db.ts'],
  ['src/sync/probe.ts', '../storage/outbox-repo.ts'],
  ['src/sync/probe.ts', '../ui/router.ts'],
  ['src/sync/probe.ts', 'dexie'],
  ['src/ui/probe.ts', '../storage/db.ts'],
  ['src/ui/screens/probe.ts', '../../storage/outbox-repo.ts'],
  ['src/ui/probe.ts', '../sync/sync-engine.ts'],
  ['src/ui/probe.ts', '../app/App.tsx'],
  ['src/ui/probe.ts', '../../server/src/config.ts'],
  ['src/ui/probe.ts', 'dexie'],
  ['src/ui/probe.ts', 'node:fs'],
  ['src/ui/probe.ts', '../../test/e2e/browser.ts'],
  ['src/sw/probe.ts', '../storage/index.ts'],
  ['src/sw/probe.ts', 'dexie'],
  ['src/platform/probe.ts', '../domain/dates/calendar.ts'],
  ['src/i18n/probe.ts', '../storage/index.ts'],
  ['src/app/probe.ts', '../../server/src/config.ts'],
  ['server/src/probe.ts', '../../src/ui/format.ts'],
  ['server/src/probe.ts', '../../src/storage/index.ts'],
  ['server/src/probe.ts', '../../src/i18n/index.ts'],
  ['server/src/probe.ts', 'preact'],
  ['server/src/probe.ts', '../../test/storage/fixtures.ts'],
  ['server/src/probe.ts', '../../scripts/who-install.ts'],
  ['src/domain/probe.ts', '../charts/KmsPlot.tsx'],
  ['src/ui/probe.ts', '../puskesmas/api.ts'],
  ['src/puskesmas/probe.ts', '../ui/format.ts'],
  ['src/puskesmas/probe.ts', '../storage/index.ts'],
  ['src/puskesmas/probe.ts', '../i18n/index.ts'],
  ['src/puskesmas/probe.ts', '../sync/index.ts'],
  ['src/puskesmas/probe.ts', 'dexie'],
  ['src/puskesmas/probe.ts', 'node:fs'],
  ['src/charts/probe.ts', '../i18n/index.ts'],
  ['src/charts/probe.ts', '../ui/format.ts'],
  ['src/charts/probe.ts', '../puskesmas/api.ts'],
  ['src/charts/probe.ts', '../storage/index.ts'],
  ['src/charts/probe.ts', 'dexie'],
  ['server/src/probe.ts', '../../src/charts/KmsPlot.tsx'],
];

/** Imports each layer is meant to have: the rules must not be so broad that they forbid everything. */
const ALLOWED_IMPORTS: readonly [file: string, specifier: string][] = [
  ['protocol/probe.ts', 'zod'],
  ['src/domain/probe.ts', '../../protocol/index.ts'],
  ['src/domain/probe.ts', 'date-fns'],
  ['src/sync/probe.ts', '../storage/index.ts'],
  ['src/ui/probe.ts', '../storage/index.ts'],
  ['src/ui/probe.ts', '../sync/index.ts'],
  ['src/ui/probe.ts', '../domain/dates/calendar.ts'],
  ['src/ui/probe.ts', '../i18n/index.ts'],
  ['src/storage/probe.ts', 'dexie'],
  ['src/sw/probe.ts', 'workbox-precaching'],
  ['server/src/probe.ts', '../../src/domain/dates/calendar.ts'],
  ['server/src/probe.ts', 'node:fs'],
  ['src/ui/probe.ts', '../charts/KmsPlot.tsx'],
  ['src/puskesmas/probe.ts', '../domain/growth/kms-chart-data.ts'],
  ['src/puskesmas/probe.ts', '../charts/SkdnBars.tsx'],
  ['src/puskesmas/probe.ts', 'uqr'],
  ['src/charts/probe.ts', '../domain/growth/kms-chart-data.ts'],
  ['src/charts/probe.ts', 'preact'],
];

/** The probe is linted without type information (it is not on disk); the type-aware rules are checked apart. */
const linter = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { project: null, projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
    },
  },
});

async function importErrors(file: string, specifier: string): Promise<string[]> {
  const code = `import { probe } from '${specifier}';\nexport const used = probe;\n`;
  const [result] = await linter.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (eslint)', () => {
  it.each(FORBIDDEN_IMPORTS)('%s may not import %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).not.toEqual([]);
  });

  it.each(ALLOWED_IMPORTS)('%s may import %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([]);
  });

  it('turns on the type-aware promise and exhaustiveness rules for every TypeScript layer', async () => {
    const real = new ESLint({ cwd: ROOT });
    for (const file of [
      'src/ui/format.ts',
      'src/sync/sync-engine.ts',
      'server/src/app.ts',
      'src/domain/dates/calendar.ts',
    ]) {
      const config = (await real.calculateConfigForFile(join(ROOT, file))) as { rules: Record<string, unknown[]> };
      for (const rule of [
        '@typescript-eslint/no-floating-promises',
        '@typescript-eslint/no-misused-promises',
        '@typescript-eslint/switch-exhaustiveness-check',
      ]) {
        expect(config.rules[rule]?.[0], `${rule} in ${file}`).toBe(2);
      }
    }
  });
});

/** Compiles virtual probe files with a project's own options; returns each probe's diagnostics. */
function compileProbes(project: string, probes: Record<string, string>): Map<string, string[]> {
  const configPath = join(ROOT, project);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${project}`);
  const files = new Map(Object.entries(probes).map(([name, text]) => [join(ROOT, name), text]));
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError) => {
    const text = files.get(name);
    return text === undefined ? getSourceFile(name, language, onError) : ts.createSourceFile(name, text, language);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], parsed.options, host);
  const out = new Map<string, string[]>();
  for (const [name] of files) {
    const source = program.getSourceFile(name);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    out.set(
      name.slice(ROOT.length + 1),
      diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')),
    );
  }
  return out;
}

const FORBIDDEN_GLOBALS: Record<string, Record<string, string>> = {
  'tsconfig.pure.json': {
    'src/domain/probe-window.ts': 'export const x = window.location.href;',
    'src/domain/probe-document.ts': 'export const x = document.title;',
    'src/domain/probe-fetch.ts': "export const x = fetch('/api');",
    'src/domain/probe-process.ts': 'export const x = process.env.HOME;',
    'src/domain/probe-node.ts': "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
    'protocol/probe-window.ts': 'export const x = window.navigator;',
    'protocol/probe-local-storage.ts': "export const x = localStorage.getItem('k');",
  },
  'tsconfig.sw.json': {
    'src/sw/probe-document.ts': 'export const x = document.body;',
    'src/sw/probe-window.ts': 'export const x = window.innerWidth;',
    'src/sw/probe-local-storage.ts': "export const x = localStorage.getItem('k');",
  },
  'tsconfig.server.json': {
    'server/src/probe-window.ts': 'export const x = window.location;',
    'server/src/probe-document.ts': 'export const x = document.cookie;',
    'server/src/probe-local-storage.ts': "export const x = localStorage.getItem('k');",
    'src/domain/probe-server-window.ts': 'export const x = window.location;',
  },
};

/** Sanity: the same probe machinery compiles code each project is meant to accept. */
const ALLOWED_CODE: Record<string, Record<string, string>> = {
  'tsconfig.pure.json': { 'src/domain/probe-ok.ts': 'export const x: number[] = [1, 2].map((n) => n * 2);' },
  'tsconfig.sw.json': {
    'src/sw/probe-ok.ts': 'export const x = (self as unknown as ServiceWorkerGlobalScope).registration;',
  },
  'tsconfig.server.json': {
    'server/src/probe-ok.ts': "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
  },
  'tsconfig.app.json': { 'src/ui/probe-ok.ts': 'export const x = document.title + window.location.href;' },
};

describe('globals per layer (tsc)', () => {
  for (const [project, probes] of Object.entries(FORBIDDEN_GLOBALS)) {
    it(`${project} refuses ${Object.keys(probes).join(', ')}`, () => {
      const diagnostics = compileProbes(project, probes);
      for (const [file, messages] of diagnostics) expect(messages, file).not.toEqual([]);
    });
  }

  for (const [project, probes] of Object.entries(ALLOWED_CODE)) {
    it(`${project} accepts what its layer may use`, () => {
      for (const [file, messages] of compileProbes(project, probes)) expect(messages, file).toEqual([]);
    });
  }
});
