import type { Household, Immunization, Measurement, Person, Referral, Visit } from '../../../../protocol/index.ts';
import {
  encounter,
  immunization,
  motherOf,
  observations,
  patient,
  serviceRequest,
  type FhirResource,
} from './fhir-resources.ts';

type Row<T> = T & { id: string; recordedAt: string };

/** A posyandu's records as the export reads them. */
export interface FhirExportInput {
  persons: Row<Person>[];
  households: Row<Household>[];
  measurements: Row<Measurement>[];
  immunizations: Row<Immunization>[];
  visits: Row<Visit>[];
  referrals: Row<Referral>[];
}

/** Which events go in: one month ('YYYY-MM') or one person. */
export type FhirScope = { month: string } | { personId: string };

/**
 * A FHIR R4 transaction Bundle. Every entry is a PUT with the record's own id, so sending the same export twice
 * (or a month that overlaps the one before) updates instead of duplicating; references inside the bundle are the
 * same `Type/id`, so no `urn:uuid` placeholders are needed (our ids are not all UUIDs).
 */
export function fhirBundle(input: FhirExportInput, scope: FhirScope): FhirResource {
  const inScope = (row: { personId: string; date: string }) =>
    'month' in scope ? row.date.startsWith(`${scope.month}-`) : row.personId === scope.personId;
  const persons = new Map(input.persons.map((p) => [p.id, p]));
  const households = new Map(input.households.map((h) => [h.id, h]));
  const measurements = input.measurements.filter(inScope);
  const immunizations = input.immunizations.filter(inScope);
  const visits = input.visits.filter(inScope);
  const referrals = input.referrals.filter((r) => !r.resultFor && inScope(r));
  const resultOf = new Map(input.referrals.filter((r) => r.resultFor).map((r) => [r.resultFor as string, r]));

  const resources: FhirResource[] = [];
  const encounters = new Map<string, FhirResource>();
  const encounterFor = (row: { personId: string; date: string; recordedAt: string }) => {
    const resource = encounter(row.personId, row.date, row.recordedAt);
    if (!encounters.has(resource.id)) encounters.set(resource.id, resource);
  };
  for (const row of [...measurements, ...visits, ...referrals]) encounterFor(row);
  for (const row of immunizations) if (!row.givenElsewhere) encounterFor(row);

  const people = new Set(
    [...measurements, ...immunizations, ...visits, ...referrals]
      .map((row) => row.personId)
      .filter((id) => persons.has(id)),
  );
  if ('personId' in scope && persons.has(scope.personId)) people.add(scope.personId);
  for (const id of people) {
    const person = persons.get(id) as Row<Person>;
    const mother = person.motherId ? persons.get(person.motherId) : undefined;
    resources.push(patient(person, households.get(person.householdId), mother));
    if (mother) resources.push(motherOf(person, mother));
  }
  resources.push(...encounters.values());
  for (const m of measurements) if (people.has(m.personId)) resources.push(...observations(m));
  for (const i of immunizations) if (people.has(i.personId)) resources.push(immunization(i));
  for (const r of referrals) if (people.has(r.personId)) resources.push(serviceRequest(r, resultOf.get(r.id)));

  return {
    resourceType: 'Bundle',
    id: 'month' in scope ? `posyandu-${scope.month}` : `person-${scope.personId}`,
    type: 'transaction',
    entry: resources.map((resource) => ({
      resource,
      request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
    })),
  };
}
