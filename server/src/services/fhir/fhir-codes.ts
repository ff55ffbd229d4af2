/**
 * Code systems and codes of the FHIR R4 export, each with where it comes from (docs/fhir.md has the table, from
 * the project's SATUSEHAT reference notes). OFFICIAL = SATUSEHAT implementation guide or Kemenkes docs; the rest
 * is marked, and stays here so a correction is one line.
 */
export const SYSTEM = {
  nik: 'https://fhir.kemkes.go.id/id/nik', // OFFICIAL (Patient search API)
  nikIbu: 'https://fhir.kemkes.go.id/id/nik-ibu', // IG draft (IDCore Patient)
  kk: 'https://fhir.kemkes.go.id/id/kk', // community wiki: UNCONFIRMED
  administrativeCode: 'https://fhir.kemkes.go.id/r4/StructureDefinition/administrativeCode', // IG draft
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  ucum: 'http://unitsofmeasure.org',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', // OFFICIAL: Encounter.class AMB
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', // RelatedPerson MTH
  immunizationOrigin: 'http://terminology.hl7.org/CodeSystem/immunization-origin', // OFFICIAL (S1 templates)
  /** The app's own vaccine codes, until each is mapped to KFA + CVX (SATUSEHAT's immunisation annex, not read). */
  appVaccine: 'urn:posyandu-ilp:vaccine',
} as const;

export interface ObservationCode {
  readonly loinc: string;
  readonly display: string;
  readonly category: 'vital-signs' | 'exam' | 'laboratory';
  readonly unit: string;
}

/** OFFICIAL (SATUSEHAT ANC templates) unless noted in docs/fhir.md. */
export const OBSERVATION = {
  weight: { loinc: '29463-7', display: 'Body weight', category: 'vital-signs', unit: 'kg' },
  height: { loinc: '8302-2', display: 'Body height', category: 'vital-signs', unit: 'cm' },
  length: { loinc: '8306-3', display: 'Body height --lying', category: 'vital-signs', unit: 'cm' },
  muac: { loinc: '56072-2', display: 'Circumference Mid upper arm - right', category: 'exam', unit: 'cm' },
  head: { loinc: '9843-4', display: 'Head Occipital-frontal circumference', category: 'vital-signs', unit: 'cm' },
  glucose: { loinc: '2339-0', display: 'Glucose [Mass/volume] in Blood', category: 'laboratory', unit: 'mg/dL' },
  fastingGlucose: {
    loinc: '1558-6',
    display: 'Fasting glucose [Mass/volume] in Serum or Plasma',
    category: 'laboratory',
    unit: 'mg/dL',
  },
} as const satisfies Record<string, ObservationCode>;

export const BLOOD_PRESSURE = {
  panel: { loinc: '85354-9', display: 'Blood pressure panel with all children optional' },
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure' },
  diastolic: { loinc: '8462-4', display: 'Diastolic blood pressure' },
  unit: 'mm[Hg]',
} as const;

/** Community code (SNOMED "Patient referral"): no official SATUSEHAT referral guide was found. */
export const REFERRAL_CODE = { system: SYSTEM.snomed, code: '3457005', display: 'Patient referral' } as const;
