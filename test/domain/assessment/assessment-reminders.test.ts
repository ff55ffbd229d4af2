import { describe, expect, it } from 'vitest';
import { assessPerson } from '../../../src/domain/assessment/assess-person.ts';
import type {
  MeasurementRecord,
  PersonRecords,
  ScreeningRecord,
} from '../../../src/domain/assessment/assessment-types.ts';
import { finding, measured, pregnantWoman, records, TODAY } from './person-records.ts';

/** Questionnaires, danger signs, reminders and tasks the one assessment also carries. */
describe('questionnaires and danger signs', () => {
  const screened = (s: Omit<ScreeningRecord, 'date'>, birthDate = '1980-01-01') =>
    assessPerson(records({ birthDate, sex: 'female' }, { screenings: [{ date: TODAY, ...s }] }), TODAY);
  const srq = (yes: number[]) =>
    Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`q${i + 1}`, yes.includes(i + 1)]));

  it('refers SRQ-20 item 17 urgently even with one yes, rescoring an old record', () => {
    const a = screened({ instrument: 'srq20', answers: srq([17]), score: 1, result: 'negative' });
    expect(finding(a, 'screening')).toMatchObject({ code: 'srq20:self_harm_thoughts', level: 'urgent' });
    expect(a.referrals[0]).toMatchObject({ urgency: 'urgent' });
    expect(finding(screened({ instrument: 'srq20', answers: srq([1, 2, 3, 4, 5]) }), 'screening')?.level).toBe(
      'normal',
    );
    expect(finding(screened({ instrument: 'srq20', answers: srq([1, 2, 3, 4, 5, 6]) }), 'screening')?.code).toBe(
      'srq20:probable_disorder',
    );
  });

  it('judges Barthel ADL: 20 independent, 19 refers', () => {
    expect(finding(screened({ instrument: 'adl_barthel', answers: {}, score: 20 }), 'screening')?.level).toBe('normal');
    expect(finding(screened({ instrument: 'adl_barthel', answers: {}, score: 19 }), 'screening')).toMatchObject({
      code: 'adl_barthel:mild_dependence',
      level: 'refer',
    });
  });

  it('refers PUMA at 6 (ILP), not 5', () => {
    expect(finding(screened({ instrument: 'puma', answers: {}, score: 6 }), 'screening')?.level).toBe('refer');
    expect(finding(screened({ instrument: 'puma', answers: {}, score: 5 }), 'screening')?.level).toBe('normal');
  });

  it('refers a newborn danger sign urgently', () => {
    const r = records(
      { birthDate: '2026-08-05', sex: 'male' },
      { visits: [{ date: TODAY, kind: 'neonatal', dangerSigns: ['nb_pale_stool'] }] },
    );
    expect(assessPerson(r, TODAY).referrals[0]).toMatchObject({
      ruleId: 'danger_signs',
      code: 'newborn',
      urgency: 'urgent',
    });
  });

  it('asks TB symptoms at every visit, of adults and of children', () => {
    const codes = (birthDate: string) =>
      assessPerson(records({ birthDate, sex: 'male' }), TODAY)
        .package.expected.filter((i) => i.kind === 'screening')
        .map((i) => i.code);
    expect(codes('1980-01-01')).toContain('tb_symptoms');
    expect(codes('2026-02-01')).toContain('tb_symptoms_child');
    const screenedLastMonth = records(
      { birthDate: '1980-01-01', sex: 'male' },
      { screenings: [{ date: '2026-07-12', instrument: 'tb_symptoms', answers: {}, result: 'negative' }] },
    );
    expect(assessPerson(screenedLastMonth, TODAY).package.missing.map((i) => i.code)).toContain('tb_symptoms');
  });
});

describe('pregnancy past its due date', () => {
  const pregnancy = { id: 'preg', lastMenstrualPeriod: '2025-11-01', estimatedDueDate: '2026-08-08' };
  const mother = records({ birthDate: '1996-09-09', sex: 'female' }, { pregnancies: [pregnancy] });

  it('raises a task the day after the due date, urgent after two weeks', () => {
    const task = (date: string) =>
      assessPerson(mother, date).homeVisitTasks.find((t) => t.kind === 'pregnancy_past_due');
    expect(task('2026-08-08')).toBeUndefined();
    expect(task('2026-08-09')).toMatchObject({ priority: 'normal', since: '2026-08-08' });
    expect(task('2026-08-22')?.priority).toBe('normal');
    expect(task('2026-08-23')?.priority).toBe('urgent');
    expect(task('2026-10-01')).toBeDefined(); // not dropped however late
  });
});

describe('the rest of what one assessment carries', () => {
  it('has the CKG birthday window, null at school ages', () => {
    const adult = assessPerson(records({ birthDate: '1990-08-01', sex: 'male' }), TODAY);
    expect(adult.birthdayCheck).toMatchObject({ status: 'open', birthday: '2026-08-01', windowTo: '2026-08-31' });
    expect(assessPerson(records({ birthDate: '2014-08-01', sex: 'male' }), TODAY).birthdayCheck).toBeNull();
  });

  it('offers posyandu doses to the last day before the fifth birthday, none from it', () => {
    const doses = (birthDate: string) =>
      assessPerson(records({ birthDate, sex: 'female' }), TODAY).servicesDue.filter((i) => i.kind === 'immunization');
    expect(doses('2021-08-13').length).toBeGreaterThan(0); // 59 months, nothing given: catch-up still possible
    expect(doses('2021-08-12')).toEqual([]); // 60 months
    const tasks = assessPerson(records({ birthDate: '2021-08-12', sex: 'female' }), TODAY).homeVisitTasks;
    expect(tasks.filter((t) => t.kind === 'overdue_dose')).toEqual([]);
  });
});

describe('older people', () => {
  const elder = (m: Omit<MeasurementRecord, 'date'>) =>
    assessPerson(records({ birthDate: '1960-01-01', sex: 'female' }, { measurements: [measured(m)] }), TODAY);

  it('flags LiLA below 21 cm (SKILAS malnutrition), not 21 itself', () => {
    expect(finding(elder({ muacCm: 20.9 }), 'elderly_muac')).toMatchObject({ code: 'low', level: 'refer' });
    expect(finding(elder({ muacCm: 21 }), 'elderly_muac')?.code).toBe('normal');
    expect(finding(elder({ muacCm: 20.9 }), 'kek')).toBeUndefined();
  });

  it('asks the Barthel ADL and SKILAS yearly from 60', () => {
    const codes = elder({}).package.expected.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['adl_barthel', 'skilas', 'muacCm']));
  });
});

describe('vitamin A sweeping', () => {
  const toddler = (services: PersonRecords['services']) =>
    records({ birthDate: '2024-01-15', sex: 'male' }, { services });

  it('raises a home visit in March for a child who missed the February capsule, not for one who had it', () => {
    const task = (r: PersonRecords, date: string) =>
      assessPerson(r, date).homeVisitTasks.find((t) => t.kind === 'vitamin_a_sweeping');
    expect(task(toddler([]), '2026-02-28')).toBeUndefined(); // the round itself: the posyandu day gives it
    expect(task(toddler([]), '2026-03-01')).toMatchObject({ subject: 'vitamin_a_red', closed: false });
    expect(task(toddler([{ date: '2026-02-10', service: 'vitamin_a_red' }]), '2026-03-01')).toBeUndefined();
    expect(task(toddler([]), '2026-04-01')).toBeUndefined();
  });
});

describe('Td status', () => {
  it('reminds a pregnant woman with no Td recorded, without a referral', () => {
    const a = pregnantWoman({});
    expect(finding(a, 'td_status')).toMatchObject({ code: 'due', level: 'attention', value: 0 });
    expect(a.referrals).toEqual([]);
  });

  it('is up to date before the next dose is due, and not asked of women over 49', () => {
    const r = records(
      { birthDate: '1996-09-09', sex: 'female' },
      { immunizations: [{ vaccine: 'td', date: '2026-08-01' }] },
    );
    expect(finding(assessPerson(r, TODAY), 'td_status')).toMatchObject({ code: 'up_to_date', value: 1 });
    expect(finding(assessPerson(r, '2026-08-29'), 'td_status')?.code).toBe('due');
    const older = records({ birthDate: '1976-08-12', sex: 'female' }); // 50 today
    expect(finding(assessPerson(older, TODAY), 'td_status')).toBeUndefined();
  });
});
