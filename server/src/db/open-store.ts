import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresStore, type PostgresPoolLimits } from './postgres-store.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

/** PostgreSQL when a connection string is given, else the embedded SQLite file under the data folder. */
export function openStore(options: {
  databaseUrl?: string;
  dataDir: string;
  postgresLimits?: Partial<PostgresPoolLimits>;
}): Store {
  if (options.databaseUrl) return openPostgresStore(options.databaseUrl, options.postgresLimits);
  mkdirSync(options.dataDir, { recursive: true });
  return openSqliteStore(join(options.dataDir, 'posyandu.sqlite'));
}
