// `npm run -s fhir -- --posyandu <id> (--month YYYY-MM | --person <id>)`: a FHIR R4 transaction Bundle for
// SATUSEHAT on stdout (nothing is sent anywhere: docs/fhir.md).
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openStore } from './db/open-store.ts';
import { exportFhir } from './services/fhir/export-fhir.ts';

const USAGE = `Pemakaian:
  npm run -s fhir -- --posyandu <id> --month 2026-03     (satu posyandu, satu bulan)
  npm run -s fhir -- --posyandu <id> --person <id>       (satu warga, semua catatannya)
Basis data: DATABASE_URL (PostgreSQL) atau DATA_DIR (SQLite, bawaan ./data), seperti server.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { posyandu: { type: 'string' }, month: { type: 'string' }, person: { type: 'string' } },
    strict: true,
  });
  const posyanduId = values.posyandu;
  const scope = values.month ? { month: values.month } : values.person ? { personId: values.person } : null;
  if (!posyanduId || !scope || (values.month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month))) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await store.migrate();
    process.stdout.write(`${JSON.stringify(await exportFhir(store, posyanduId, scope))}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
