// Lint rules, and the architecture's import boundaries as errors. docs/architecture.md explains the layers;
// test/architecture/boundaries.test.ts feeds each forbidden import to this config and expects it refused.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import specifiers are matched as written (`../storage/db.ts`, `node:fs`, `preact/hooks`). Regexes rather than
 * gitignore globs: a glob like `storage/!(index)*` silently matched nothing, so the rule enforced nothing.
 */
const to = (...folders) => `(^|/)(${folders.join('|')})(/|$)`;
const NODE = '^node:';
const OUT_OF_REPO_TOOLS = to('test', 'scripts', 'bench');
/** Any bare package except the listed ones (relative paths start with a dot). */
const packagesExcept = (...allowed) => `^(?!\\.|${allowed.map((name) => `${name}(/|$)`).join('|')})`;

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((regex) => ({ regex, message })) }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'generated', 'public', 'coverage', 'test-results', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Type-aware: a promise nobody awaits loses its error (a failed save the kader never hears of); a switch that
    // forgets a new record kind or error code must not compile into silence.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.pure.json',
          './tsconfig.app.json',
          './tsconfig.sw.json',
          './tsconfig.server.json',
          './tsconfig.tools.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  layer(
    ['protocol/**'],
    ['^\\.\\./', packagesExcept('zod')],
    'protocol/ is the wire contract: it imports zod and its own files only.',
  ),
  layer(
    ['src/domain/**'],
    [
      to('storage', 'sync', 'ui', 'app', 'sw', 'platform', 'i18n', 'charts', 'puskesmas', 'server'),
      OUT_OF_REPO_TOOLS,
      NODE,
      packagesExcept('zod', 'date-fns'),
    ],
    'src/domain/ holds pure health rules (the server imports them too): protocol, zod and date-fns only.',
  ),
  layer(
    ['src/storage/**'],
    [
      to('sync', 'ui', 'app', 'sw', 'i18n', 'charts', 'puskesmas', 'server'),
      OUT_OF_REPO_TOOLS,
      NODE,
      packagesExcept('zod', 'dexie', 'date-fns'),
    ],
    'src/storage/ is the only layer that knows Dexie, and it knows nothing above it.',
  ),
  layer(
    ['src/sync/**'],
    [
      to('ui', 'app', 'sw', 'i18n', 'charts', 'puskesmas', 'server', 'domain'),
      '(^|/)storage/(?!index\\.ts$)',
      OUT_OF_REPO_TOOLS,
      NODE,
      packagesExcept('zod'),
    ],
    'src/sync/ talks to storage through storage/index.ts only, and knows nothing of Dexie, Preact or the UI.',
  ),
  layer(
    ['src/ui/**'],
    [
      to('server', 'app', 'sw', 'puskesmas'),
      '(^|/)storage/(?!index\\.ts$)',
      '(^|/)sync/(?!index\\.ts$)',
      OUT_OF_REPO_TOOLS,
      NODE,
      packagesExcept('preact', 'date-fns', 'zod'),
    ],
    'src/ui/ reads and writes through storage/index.ts and sync/index.ts only, and never touches Dexie.',
  ),
  layer(
    ['src/sw/**'],
    [
      to('ui', 'app', 'storage', 'sync', 'domain', 'i18n', 'charts', 'puskesmas', 'server'),
      OUT_OF_REPO_TOOLS,
      NODE,
      packagesExcept('workbox-[a-z-]+'),
    ],
    'src/sw/ does caching and updates only.',
  ),
  layer(
    ['src/platform/**', 'src/i18n/**'],
    [
      to('domain', 'storage', 'sync', 'ui', 'app', 'sw', 'charts', 'puskesmas', 'server'),
      OUT_OF_REPO_TOOLS,
      NODE,
      packagesExcept('zod'),
    ],
    'platform/ and i18n/ are leaves.',
  ),
  layer(
    ['src/app/**'],
    [to('server'), OUT_OF_REPO_TOOLS, NODE],
    'src/app/ composes the browser app; the server is not in it.',
  ),
  layer(
    ['server/**'],
    ['(^|/)src/(?!domain/)', OUT_OF_REPO_TOOLS, '^(preact|dexie|workbox-[a-z-]+)(/|$)'],
    'The server shares only protocol/ and the pure rules of src/domain/ with the app.',
  ),
  layer(
    ['src/puskesmas/**'],
    [
      to('storage', 'sync', 'ui', 'app', 'sw', 'platform', 'i18n', 'server'),
      OUT_OF_REPO_TOOLS,
      NODE,
      packagesExcept('preact', 'uqr'),
    ],
    'src/puskesmas/ is the staff web app: it talks to the server over /api/staff, and shares with the kader app only the pure rules (src/domain/) and the wordless charts (src/charts/).',
  ),
  layer(
    ['src/charts/**'],
    [
      to('storage', 'sync', 'ui', 'app', 'sw', 'platform', 'i18n', 'puskesmas', 'server'),
      OUT_OF_REPO_TOOLS,
      NODE,
      packagesExcept('preact'),
    ],
    'src/charts/ draws SVG from the pure rules; its words come from the caller, so both apps may use it.',
  ),
  {
    files: ['src/**', 'protocol/**', 'server/**'],
    ignores: ['server/src/**/*-cli.ts', 'server/src/main.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
