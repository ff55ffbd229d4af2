import { assessPerson } from '../../../src/domain/assessment/assess-person.ts';
import type { Assessment, MeasurementRecord, PersonRecords } from '../../../src/domain/assessment/assessment-types.ts';

/** Builders for one person's records, as the assessment tests write them. */
export const TODAY = '2026-08-12';

export function records(
  person: Partial<PersonRecords['person']> & Pick<PersonRecords['person'], 'birthDate' | 'sex'>,
  extra: Partial<Omit<PersonRecords, 'person'>> = {},
): PersonRecords {
  return {
    person: { id: 'p1', ...person },
    measurements: [],
    immunizations: [],
    pregnancies: [],
    visits: [],
    referrals: [],
    screenings: [],
    services: [],
    ...extra,
  };
}

export const measured = (m: Omit<MeasurementRecord, 'date'>, date = TODAY): MeasurementRecord => ({ date, ...m });
export const finding = (a: Assessment, ruleId: string) => a.judgements.find((j) => j.ruleId === ruleId);
export const child = (birthDate: string, m: Omit<MeasurementRecord, 'date'>) =>
  assessPerson(records({ birthDate, sex: 'female' }, { measurements: [measured(m)] }), TODAY);
export const pregnantWoman = (m: Omit<MeasurementRecord, 'date'>, extra: Partial<PersonRecords> = {}) =>
  assessPerson(
    records(
      { birthDate: '1996-09-09', sex: 'female' },
      {
        pregnancies: [{ id: 'preg', lastMenstrualPeriod: '2026-03-01', estimatedDueDate: '2026-12-06' }],
        measurements: [measured(m)],
        ...extra,
      },
    ),
    TODAY,
  );
