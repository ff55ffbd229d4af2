import type { Store } from '../../db/store.ts';
import { fhirBundle, type FhirExportInput, type FhirScope } from './fhir-bundle.ts';
import type { FhirResource } from './fhir-resources.ts';

const TABLES = ['persons', 'households', 'measurements', 'immunizations', 'visits', 'referrals'] as const;

/** One posyandu's records, current versions only (no tombstones), grouped for the FHIR export. */
export async function readForFhir(store: Store, posyanduId: string): Promise<FhirExportInput> {
  const input = Object.fromEntries(TABLES.map((table) => [table, [] as unknown[]])) as unknown as Record<
    (typeof TABLES)[number],
    unknown[]
  >;
  for (const record of await store.listRecordsAfter(posyanduId, 0, Number.MAX_SAFE_INTEGER)) {
    if (record.deleted || !(TABLES as readonly string[]).includes(record.table)) continue;
    input[record.table as (typeof TABLES)[number]].push({ ...record.data, id: record.id });
  }
  return input as unknown as FhirExportInput;
}

export async function exportFhir(store: Store, posyanduId: string, scope: FhirScope): Promise<FhirResource> {
  return fhirBundle(await readForFhir(store, posyanduId), scope);
}
