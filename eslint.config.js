// Lint rules, and the architecture's import boundaries as errors (docs/architecture.md explains the layers).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` patterns that keep one layer from reaching into another. */
const forbid = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

const layer = (files, groups, message) => ({ files, rules: forbid(groups, message) });

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
  layer(
    ['protocol/**'],
    ['**/src/**', '**/server/**', 'preact', 'preact/*', 'dexie', 'date-fns'],
    'protocol/ is the wire contract: it depends on zod only.',
  ),
  layer(
    ['src/domain/**'],
    [
      '**/storage/**',
      '**/sync/**',
      '**/ui/**',
      '**/app/**',
      '**/sw/**',
      '**/platform/**',
      '**/server/**',
      'preact',
      'preact/*',
      'dexie',
    ],
    'src/domain/ holds pure health rules: no UI, no storage, no network.',
  ),
  layer(
    ['src/storage/**'],
    ['**/sync/**', '**/ui/**', '**/app/**', '**/sw/**', '**/server/**', 'preact', 'preact/*'],
    'src/storage/ is the only layer that knows Dexie, and it knows nothing above it.',
  ),
  layer(
    ['src/sync/**'],
    [
      '**/ui/**',
      '**/app/**',
      '**/sw/**',
      '**/server/**',
      '**/storage/*/**',
      '**/storage/!(index)*',
      'preact',
      'preact/*',
      'dexie',
    ],
    'src/sync/ talks to storage through storage/index.ts only, and knows nothing of Preact.',
  ),
  layer(
    ['src/ui/**'],
    ['**/server/**', '**/app/**', '**/sw/**', '**/storage/*/**', '**/storage/!(index)*', '**/sync/!(index)*', 'dexie'],
    'src/ui/ reads and writes through storage/index.ts and sync/index.ts only.',
  ),
  layer(
    ['src/sw/**'],
    ['**/ui/**', '**/app/**', '**/storage/**', '**/server/**', 'preact', 'preact/*', 'dexie'],
    'src/sw/ does caching and updates only.',
  ),
  layer(
    ['src/platform/**', 'src/i18n/**'],
    [
      '**/domain/**',
      '**/storage/**',
      '**/sync/**',
      '**/ui/**',
      '**/app/**',
      '**/sw/**',
      '**/server/**',
      'dexie',
      'preact',
      'preact/*',
    ],
    'platform/ and i18n/ are leaves.',
  ),
  layer(['server/**'], ['**/src/**', 'preact', 'preact/*', 'dexie'], 'The server shares only protocol/ with the app.'),
  {
    files: ['src/**', 'protocol/**', 'server/**'],
    ignores: ['server/src/**/*-cli.ts', 'server/src/main.ts'],
    rules: { 'no-console': 'error' },
  },
);
