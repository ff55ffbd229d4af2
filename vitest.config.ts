import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['test/setup/fake-indexeddb.ts', 'test/setup/phone-report.ts'],
    // The WHO tables npm install generated (test/setup/who-tables-global.ts); one private PostgreSQL per run for the server suites (DATABASE_URL when set); see test/setup/postgres.ts.
    globalSetup: ['test/setup/who-tables-global.ts', 'test/setup/postgres-global.ts'],
    testTimeout: 30_000,
    // A poll waits for the real server, IndexedDB or Chromium; on two busy cores a second is not always enough.
    expect: { poll: { timeout: 10_000, interval: 25 } },
    hookTimeout: 120_000,
    // Server tests each start databases; browser tests start Chromium. Two cores: keep the pool small.
    maxWorkers: 2,
    reporters: ['default', './test/setup/plain-summary-reporter.ts'],
  },
});
