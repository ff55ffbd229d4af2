import type { Household, Immunization, Measurement, Person, Referral } from '../../../../protocol/index.ts';
import { BLOOD_PRESSURE, OBSERVATION, REFERRAL_CODE, SYSTEM, type ObservationCode } from './fhir-codes.ts';

/** A FHIR resource as plain JSON; the test suite validates every one against HL7's R4 JSON schema. */
export type FhirResource = { resourceType: string; id: string } & Record<string, unknown>;

type Dated = { id: string; personId: string; date: string; recordedAt: string };

const ref = (type: string, id: string) => ({ reference: `${type}/${id}` });
const quantity = (value: number, unit: string) => ({ value, unit, system: SYSTEM.ucum, code: unit });

/**
 * SATUSEHAT wants instants in UTC written `+00:00`. A record carries its calendar date and the instant it was
 * entered: the instant is used when it falls on that date in Indonesia (WIB, UTC+7, the earliest of the three
 * zones' dates is close enough to check), else the plain date, which FHIR's dateTime also allows.
 */
export function fhirDateTime(date: string, recordedAt: string): string {
  const instant = new Date(recordedAt);
  const wibDate = new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  if (Number.isNaN(instant.getTime()) || wibDate !== date) return date;
  return `${instant.toISOString().slice(0, 19)}+00:00`;
}

export const encounterId = (personId: string, date: string) => `enc-${personId}-${date}`;

export function patient(person: Person, household: Household | undefined, mother: Person | undefined): FhirResource {
  const identifier: { system: string; value: string }[] = [];
  if (person.nik) identifier.push({ system: SYSTEM.nik, value: person.nik });
  else if (mother?.nik) identifier.push({ system: SYSTEM.nikIbu, value: mother.nik });
  if (household?.familyCardNumber) identifier.push({ system: SYSTEM.kk, value: household.familyCardNumber });
  const address = household?.address;
  return {
    resourceType: 'Patient',
    id: person.id,
    ...(identifier.length > 0 ? { identifier } : {}),
    name: [{ use: 'official', text: person.name }],
    gender: person.sex,
    birthDate: person.birthDate,
    deceasedBoolean: person.status === 'deceased',
    ...(address
      ? {
          address: [
            {
              use: 'home',
              ...(address.street ? { line: [address.street] } : {}),
              country: 'ID',
              extension: [
                {
                  url: SYSTEM.administrativeCode,
                  extension: [
                    { url: 'province', valueCode: address.provinceCode },
                    { url: 'city', valueCode: address.regencyCode },
                    { url: 'district', valueCode: address.districtCode },
                    { url: 'village', valueCode: address.villageCode },
                    { url: 'rt', valueCode: address.rt },
                    { url: 'rw', valueCode: address.rw },
                  ],
                },
              ],
            },
          ],
        }
      : {}),
    ...(person.motherId ? { link: [{ other: ref('RelatedPerson', `mother-${person.id}`), type: 'seealso' }] } : {}),
  };
}

export function motherOf(child: Person, mother: Person): FhirResource {
  return {
    resourceType: 'RelatedPerson',
    id: `mother-${child.id}`,
    patient: ref('Patient', child.id),
    relationship: [{ coding: [{ system: SYSTEM.roleCode, code: 'MTH', display: 'mother' }] }],
    ...(mother.nik ? { identifier: [{ system: SYSTEM.nik, value: mother.nik }] } : {}),
    name: [{ text: mother.name }],
    gender: 'female',
    birthDate: mother.birthDate,
  };
}

export function encounter(personId: string, date: string, recordedAt: string): FhirResource {
  return {
    resourceType: 'Encounter',
    id: encounterId(personId, date),
    status: 'finished',
    class: { system: SYSTEM.actCode, code: 'AMB', display: 'ambulatory' },
    subject: ref('Patient', personId),
    period: { start: fhirDateTime(date, recordedAt) },
  };
}

function observation(m: Dated, suffix: string, code: ObservationCode, value: number): FhirResource {
  return {
    resourceType: 'Observation',
    id: `${m.id}-${suffix}`,
    status: 'final',
    category: [{ coding: [{ system: SYSTEM.observationCategory, code: code.category }] }],
    code: { coding: [{ system: SYSTEM.loinc, code: code.loinc, display: code.display }] },
    subject: ref('Patient', m.personId),
    encounter: ref('Encounter', encounterId(m.personId, m.date)),
    effectiveDateTime: fhirDateTime(m.date, m.recordedAt),
    valueQuantity: quantity(value, code.unit),
  };
}

/** One Observation per value measured; blood pressure as one panel with its two components. */
export function observations(m: Measurement & Dated): FhirResource[] {
  const out: FhirResource[] = [];
  if (m.weightKg !== undefined) out.push(observation(m, 'weight', OBSERVATION.weight, m.weightKg));
  if (m.lengthHeightCm !== undefined) {
    const code = m.position === 'lying' ? OBSERVATION.length : OBSERVATION.height;
    out.push(observation(m, 'height', code, m.lengthHeightCm));
  }
  if (m.muacCm !== undefined) out.push(observation(m, 'muac', OBSERVATION.muac, m.muacCm));
  if (m.headCircumferenceCm !== undefined) out.push(observation(m, 'head', OBSERVATION.head, m.headCircumferenceCm));
  if (m.bloodGlucoseMgDl !== undefined) out.push(observation(m, 'glucose', OBSERVATION.glucose, m.bloodGlucoseMgDl));
  if (m.fastingGlucoseMgDl !== undefined) {
    out.push(observation(m, 'fasting-glucose', OBSERVATION.fastingGlucose, m.fastingGlucoseMgDl));
  }
  if (m.systolicMmHg !== undefined && m.diastolicMmHg !== undefined) {
    const component = (c: { loinc: string; display: string }, value: number) => ({
      code: { coding: [{ system: SYSTEM.loinc, code: c.loinc, display: c.display }] },
      valueQuantity: quantity(value, BLOOD_PRESSURE.unit),
    });
    out.push({
      resourceType: 'Observation',
      id: `${m.id}-bp`,
      status: 'final',
      category: [{ coding: [{ system: SYSTEM.observationCategory, code: 'vital-signs' }] }],
      code: {
        coding: [{ system: SYSTEM.loinc, code: BLOOD_PRESSURE.panel.loinc, display: BLOOD_PRESSURE.panel.display }],
      },
      subject: ref('Patient', m.personId),
      encounter: ref('Encounter', encounterId(m.personId, m.date)),
      effectiveDateTime: fhirDateTime(m.date, m.recordedAt),
      component: [
        component(BLOOD_PRESSURE.systolic, m.systolicMmHg),
        component(BLOOD_PRESSURE.diastolic, m.diastolicMmHg),
      ],
    });
  }
  return out;
}

export function immunization(i: Immunization & Dated): FhirResource {
  return {
    resourceType: 'Immunization',
    id: i.id,
    status: 'completed',
    vaccineCode: { coding: [{ system: SYSTEM.appVaccine, code: i.vaccine }], text: i.vaccine },
    patient: ref('Patient', i.personId),
    ...(i.givenElsewhere ? {} : { encounter: ref('Encounter', encounterId(i.personId, i.date)) }),
    occurrenceDateTime: fhirDateTime(i.date, i.recordedAt),
    // A dose copied from the Buku KIA is a record of someone else's, not given here.
    primarySource: !i.givenElsewhere,
    ...(i.givenElsewhere ? { reportOrigin: { coding: [{ system: SYSTEM.immunizationOrigin, code: 'record' }] } } : {}),
    ...(i.batchNumber ? { lotNumber: i.batchNumber } : {}),
  };
}

export function serviceRequest(r: Referral & Dated, result: Referral | undefined): FhirResource {
  return {
    resourceType: 'ServiceRequest',
    id: r.id,
    status: result ? 'completed' : 'active',
    intent: 'order',
    priority: r.urgency === 'urgent' ? 'urgent' : 'routine',
    code: { coding: [REFERRAL_CODE] },
    subject: ref('Patient', r.personId),
    encounter: ref('Encounter', encounterId(r.personId, r.date)),
    authoredOn: fhirDateTime(r.date, r.recordedAt),
    reasonCode: [{ text: r.reason }],
    ...(r.destination ? { performerType: { text: r.destination } } : {}),
    ...(result?.result ? { note: [{ text: result.result }] } : {}),
  };
}
