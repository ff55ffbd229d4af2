import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFhir } from '../../server/src/services/fhir/export-fhir.ts';
import { fhirDateTime } from '../../server/src/services/fhir/fhir-resources.ts';
import { fhirErrors } from './support/fhir-schema.ts';
import { change, household, meta, person, measurement } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

type Resource = { resourceType: string; id: string } & Record<string, unknown>;
const entriesOf = (bundle: Resource) =>
  bundle.entry as { resource: Resource; request: { method: string; url: string } }[];

describe('FHIR dateTimes for SATUSEHAT', () => {
  it('sends the entry instant in UTC with +00:00 when it is on the record’s date in Indonesia, else the date', () => {
    // 17:35 WIB on 23 Aug 2023 is 10:35 UTC (SATUSEHAT's own example).
    expect(fhirDateTime('2023-08-23', '2023-08-23T10:35:00.000Z')).toBe('2023-08-23T10:35:00+00:00');
    // Entered two days later: the instant is not when it happened, so only the date is sent.
    expect(fhirDateTime('2023-08-23', '2023-08-25T02:00:00.000Z')).toBe('2023-08-23');
  });
});

describe.each(STORE_KINDS)('FHIR R4 export on %s', (kind) => {
  let server: TestServer;
  let phone: TestDevice;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(kind);
    phone = await enrollDevice(server);
    const home = household(phone);
    const mother = person(phone, home.id as string, { nik: '3302014505900002', name: 'Siti Aminah' });
    const baby = person(phone, home.id as string, {
      nik: undefined,
      name: 'Bayi Siti',
      sex: 'male',
      birthDate: '2026-01-20',
      relationToHead: 'child',
      motherId: mother.id,
    });
    const weighing = measurement(phone, baby.id as string, {
      date: '2026-03-05',
      recordedAt: '2026-03-05T02:10:00.000Z',
      weightKg: 4.9,
      lengthHeightCm: 56.5,
      position: 'lying',
      muacCm: 11.4,
      headCircumferenceCm: 38.2,
    });
    const check = measurement(phone, mother.id as string, {
      date: '2026-03-05',
      weightKg: undefined,
      lengthHeightCm: undefined,
      systolicMmHg: 160,
      diastolicMmHg: 110,
      bloodGlucoseMgDl: 145,
      fastingGlucoseMgDl: 131,
    });
    const april = measurement(phone, baby.id as string, { date: '2026-04-02', weightKg: 5.6 });
    const dose = { ...meta(phone), personId: baby.id, date: '2026-03-05', vaccine: 'dpt_hb_hib_1' };
    const copied = { ...meta(phone), personId: baby.id, date: '2026-03-01', vaccine: 'bcg', givenElsewhere: true };
    const referral = {
      ...meta(phone),
      personId: mother.id,
      date: '2026-03-05',
      reason: 'Tekanan darah 160/110 saat hamil',
      urgency: 'urgent',
      destination: 'puskesmas',
    };
    const outcome = {
      ...meta(phone),
      personId: mother.id,
      date: '2026-03-06',
      reason: 'Hasil rujukan',
      urgency: 'urgent',
      resultFor: referral.id,
      result: 'Diperiksa bidan, dirujuk ke RS',
    };
    Object.assign(ids, { mother: mother.id, baby: baby.id, weighing: weighing.id, referral: referral.id });
    const answer = await new SyncClient(server.url, phone).push([
      change('households', home),
      change('persons', mother),
      change('persons', baby),
      change('measurements', weighing),
      change('measurements', check),
      change('measurements', april),
      change('immunizations', dose),
      change('immunizations', copied),
      change('referrals', referral),
      change('referrals', outcome),
    ]);
    expect(answer.results.map((r) => r.status)).toEqual(Array(10).fill('applied'));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('builds a transaction Bundle whose every resource passes HL7’s R4 JSON schema', async () => {
    const bundle = (await exportFhir(server.store, phone.posyanduId, { month: '2026-03' })) as Resource;
    expect(fhirErrors(bundle)).toEqual([]);
    expect(bundle.type).toBe('transaction');
    for (const { resource, request } of entriesOf(bundle)) {
      expect(fhirErrors(resource)).toEqual([]);
      expect(request).toEqual({ method: 'PUT', url: `${resource.resourceType}/${resource.id}` });
    }
    const types = entriesOf(bundle).map((e) => e.resource.resourceType);
    expect(new Set(types)).toEqual(
      new Set(['Patient', 'RelatedPerson', 'Encounter', 'Observation', 'Immunization', 'ServiceRequest']),
    );
  });

  it('identifies the mother by NIK, the newborn by the mother’s NIK and both by the family card', async () => {
    const resources = entriesOf(
      (await exportFhir(server.store, phone.posyanduId, { month: '2026-03' })) as Resource,
    ).map((e) => e.resource);
    const byId = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
    expect(byId.get(`Patient/${ids.mother}`)?.identifier).toEqual([
      { system: 'https://fhir.kemkes.go.id/id/nik', value: '3302014505900002' },
      { system: 'https://fhir.kemkes.go.id/id/kk', value: '3302011203150001' },
    ]);
    expect(byId.get(`Patient/${ids.baby}`)?.identifier).toEqual([
      { system: 'https://fhir.kemkes.go.id/id/nik-ibu', value: '3302014505900002' },
      { system: 'https://fhir.kemkes.go.id/id/kk', value: '3302011203150001' },
    ]);
    const relation = byId.get(`RelatedPerson/mother-${ids.baby}`);
    expect(relation?.patient).toEqual({ reference: `Patient/${ids.baby}` });
    expect(JSON.stringify(relation?.relationship)).toContain('"MTH"');
  });

  it('codes each measurement in LOINC with UCUM units, blood pressure as one panel', async () => {
    const resources = entriesOf(
      (await exportFhir(server.store, phone.posyanduId, { month: '2026-03' })) as Resource,
    ).map((e) => e.resource);
    const observations = resources.filter((r) => r.resourceType === 'Observation');
    const coded = (r: Resource) => (r.code as { coding: { code: string }[] }).coding[0]?.code;
    const value = (r: Resource) => r.valueQuantity as { value: number; code: string } | undefined;
    const byCode = new Map(observations.map((o) => [coded(o), o]));
    expect(value(byCode.get('29463-7')!)).toMatchObject({ value: 4.9, code: 'kg' });
    expect(value(byCode.get('8306-3')!)).toMatchObject({ value: 56.5, code: 'cm' }); // lying: length
    expect(value(byCode.get('56072-2')!)).toMatchObject({ value: 11.4, code: 'cm' });
    expect(value(byCode.get('9843-4')!)).toMatchObject({ value: 38.2, code: 'cm' });
    expect(value(byCode.get('2339-0')!)).toMatchObject({ value: 145, code: 'mg/dL' });
    expect(value(byCode.get('1558-6')!)).toMatchObject({ value: 131, code: 'mg/dL' });
    const bp = byCode.get('85354-9')!;
    expect(JSON.stringify(bp.component)).toContain('"8480-6"');
    expect((bp.component as { valueQuantity: { value: number } }[]).map((c) => c.valueQuantity.value)).toEqual([
      160, 110,
    ]);
    expect(byCode.get('29463-7')?.effectiveDateTime).toBe('2026-03-05T02:10:00+00:00');
    // April's weighing is not in March's bundle.
    expect(observations.filter((o) => coded(o) === '29463-7')).toHaveLength(1);
  });

  it('marks a dose copied from the Buku KIA as a record, and a referral with its result as completed', async () => {
    const resources = entriesOf(
      (await exportFhir(server.store, phone.posyanduId, { month: '2026-03' })) as Resource,
    ).map((e) => e.resource);
    const doses = resources.filter((r) => r.resourceType === 'Immunization');
    expect(doses.map((d) => [(d.vaccineCode as { text: string }).text, d.primarySource]).sort()).toEqual([
      ['bcg', false],
      ['dpt_hb_hib_1', true],
    ]);
    const referral = resources.find((r) => r.resourceType === 'ServiceRequest');
    expect(referral).toMatchObject({ id: ids.referral, status: 'completed', priority: 'urgent' });
    expect(resources.filter((r) => r.resourceType === 'ServiceRequest')).toHaveLength(1);
  });

  it('exports one person’s whole record, and the same ids each time (a resend updates, never duplicates)', async () => {
    const first = (await exportFhir(server.store, phone.posyanduId, { personId: ids.baby! })) as Resource;
    const second = (await exportFhir(server.store, phone.posyanduId, { personId: ids.baby! })) as Resource;
    expect(entriesOf(first).map((e) => e.request.url)).toEqual(entriesOf(second).map((e) => e.request.url));
    for (const { resource } of entriesOf(first)) expect(fhirErrors(resource)).toEqual([]);
    const weights = entriesOf(first).filter((e) => e.request.url.endsWith('-weight'));
    expect(weights).toHaveLength(2); // March and April
  });
});

describe('the schema check itself', () => {
  it('refuses a malformed resource, so a green export means something', () => {
    expect(fhirErrors({ resourceType: 'Patient', id: 'x', gender: 'laki-laki' })).not.toEqual([]);
    expect(fhirErrors({ resourceType: 'Observation', id: 'x', status: 'final' })).not.toEqual([]); // no code
    expect(fhirErrors({ resourceType: 'Project', id: 'x' })).not.toEqual([]); // Medplum's own type
  });
});
