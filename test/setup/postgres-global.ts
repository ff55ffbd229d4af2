// Vitest globalSetup: one private PostgreSQL for the whole run; each suite creates its own database in it.
import type { TestProject } from 'vitest/node';
import { acquirePostgres, type PostgresHandle } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Empty when PostgreSQL could not be started; `postgresError` then says why. */
    postgresAdminUrl: string;
    postgresError: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let handle: PostgresHandle | null = null;
  try {
    handle = await acquirePostgres();
    project.provide('postgresAdminUrl', handle.adminUrl);
    project.provide('postgresError', '');
  } catch (error) {
    // Not thrown here: suites that need no PostgreSQL still run, and the ones that do fail with this reason.
    project.provide('postgresAdminUrl', '');
    project.provide('postgresError', error instanceof Error ? error.message : String(error));
  }
  return async () => {
    await handle?.stop();
  };
}
