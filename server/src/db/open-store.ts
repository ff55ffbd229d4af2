import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresStore } from './postgres-store.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

/** PostgreSQL when a connection string is given, else the embedded SQLite file under the data folder. */
export function openStore(options: { databaseUrl?: string; dataDir: string }): Store {
  if (options.databaseUrl) return openPostgresStore(options.databaseUrl);
  mkdirSync(options.dataDir, { recursive: true });
  return openSqliteStore(join(options.dataDir, 'posyandu.sqlite'));
}
