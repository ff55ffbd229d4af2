import { describe, expect, it } from 'vitest';
import { assessPerson, referralTag } from '../../../src/domain/assessment/assess-person.ts';
import type {
  Assessment,
  MeasurementRecord,
  PersonRecords,
  ScreeningRecord,
} from '../../../src/domain/assessment/assessment-types.ts';
import { whoTables } from '../growth/who-tables-fixture.ts';

const TODAY = '2026-08-12';

function records(
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

const measured = (m: Omit<MeasurementRecord, 'date'>, date = TODAY): MeasurementRecord => ({ date, ...m });
const finding = (a: Assessment, ruleId: string) => a.judgements.find((j) => j.ruleId === ruleId);
const child = (birthDate: string, m: Omit<MeasurementRecord, 'date'>) =>
  assessPerson(records({ birthDate, sex: 'female' }, { measurements: [measured(m)] }), TODAY);
const pregnantWoman = (m: Omit<MeasurementRecord, 'date'>, extra: Partial<PersonRecords> = {}) =>
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

describe('child MUAC 6-59 months', () => {
  const born = '2025-02-12'; // 18 months on TODAY
  it.each([
    [11.4, 'severe', 'urgent'],
    [11.5, 'moderate', 'refer'],
    [12.4, 'moderate', 'refer'],
    [12.5, 'normal', 'normal'],
  ])('%s cm is %s', (muacCm, code, level) => {
    expect(finding(child(born, { muacCm }), 'child_muac')).toMatchObject({ code, level, value: muacCm });
  });

  it('refers 11.4 cm urgently to the puskesmas and raises an urgent home-visit task', () => {
    const a = child(born, { muacCm: 11.4 });
    expect(a.referrals).toEqual([
      expect.objectContaining({ ruleId: 'child_muac', code: 'severe', urgency: 'urgent', destination: 'puskesmas' }),
    ]);
    expect(a.referrals[0]?.recorded).toBe(false);
    expect(a.homeVisitTasks.find((t) => t.kind === 'finding')).toMatchObject({
      priority: 'urgent',
      subject: 'child_muac/severe',
      closed: false,
    });
    const j = finding(a, 'child_muac');
    expect(j?.version).toMatch(/\S/);
    expect(j?.source).toMatch(/11\.5/);
  });

  it('judges from 6 completed months to 59, not at 5 or 60', () => {
    expect(finding(child('2026-02-13', { muacCm: 11 }), 'child_muac')).toBeUndefined(); // 5 months 30 days
    expect(finding(child('2026-02-12', { muacCm: 11 }), 'child_muac')?.code).toBe('severe'); // 6 months
    expect(finding(child('2021-08-13', { muacCm: 11 }), 'child_muac')?.code).toBe('severe'); // 59 months
    expect(finding(child('2021-08-12', { muacCm: 11 }), 'child_muac')).toBeUndefined(); // 60 months
  });

  it('knows a referral recorded with the finding’s tag', () => {
    const r = records(
      { birthDate: born, sex: 'male' },
      {
        measurements: [measured({ muacCm: 11.4 })],
        referrals: [
          { id: 'r1', date: TODAY, urgency: 'urgent', reason: `LiLA 11,4 cm ${referralTag('child_muac', 'severe')}` },
        ],
      },
    );
    expect(assessPerson(r, TODAY).referrals[0]?.recorded).toBe(true);
  });

  it('proposes nothing for a finding older than a month: the next weighing judges again', () => {
    const r = records({ birthDate: born, sex: 'male' }, { measurements: [measured({ muacCm: 11.4 }, '2026-07-11')] });
    const a = assessPerson(r, TODAY);
    expect(finding(a, 'child_muac')?.code).toBe('severe');
    expect(a.referrals).toEqual([]);
    expect(assessPerson(r, '2026-08-11').referrals).toHaveLength(1); // 31 days: still acted on
  });
});

describe('blood pressure in pregnancy', () => {
  it.each([
    [139, 89, 'normal'],
    [140, 89, 'hypertension'],
    [139, 90, 'hypertension'],
    [159, 109, 'hypertension'],
    [160, 109, 'severe'],
    [159, 110, 'severe'],
    [160, 110, 'severe'],
  ])('%s/%s is %s', (systolicMmHg, diastolicMmHg, code) => {
    expect(finding(pregnantWoman({ systolicMmHg, diastolicMmHg }), 'bp_pregnancy')?.code).toBe(code);
  });

  it('refers 160/110 urgently to the hospital, 140/90 to the puskesmas', () => {
    expect(pregnantWoman({ systolicMmHg: 160, diastolicMmHg: 110 }).referrals).toEqual([
      expect.objectContaining({ ruleId: 'bp_pregnancy', urgency: 'urgent', destination: 'hospital' }),
    ]);
    expect(pregnantWoman({ systolicMmHg: 140, diastolicMmHg: 90 }).referrals).toEqual([
      expect.objectContaining({ urgency: 'routine', destination: 'puskesmas' }),
    ]);
  });

  it('judges a woman in nifas by the pregnancy rule too (pre-eclampsia after birth)', () => {
    const r = records(
      { birthDate: '1996-09-09', sex: 'female' },
      {
        pregnancies: [
          { id: 'a', lastMenstrualPeriod: '2025-10-20', estimatedDueDate: '2026-07-27' },
          {
            id: 'b',
            supersedes: 'a',
            lastMenstrualPeriod: '2025-10-20',
            estimatedDueDate: '2026-07-27',
            outcome: 'live_birth',
            outcomeDate: '2026-08-01',
          },
        ],
        measurements: [measured({ systolicMmHg: 162, diastolicMmHg: 100 })],
      },
    );
    const a = assessPerson(r, TODAY);
    expect(finding(a, 'bp_pregnancy')?.code).toBe('severe');
    expect(a.stage).toBe('postpartum');
    // Vitamin A for the new mother, from the birth on record.
    expect(a.servicesDue.map((s) => s.code)).toContain('vitamin_a_red');
    expect(a.homeVisitTasks.some((t) => t.kind === 'pregnancy_past_due')).toBe(false);
  });
});

describe('adult measurements', () => {
  const adult = (m: Omit<MeasurementRecord, 'date'>, birthDate = '1980-01-01', sex: 'male' | 'female' = 'male') =>
    assessPerson(records({ birthDate, sex }, { measurements: [measured(m)] }), TODAY);

  it('grades blood pressure with the guide’s labels, from 15 years', () => {
    expect(finding(adult({ systolicMmHg: 119, diastolicMmHg: 79 }), 'bp_adult')?.code).toBe('optimal');
    expect(finding(adult({ systolicMmHg: 120, diastolicMmHg: 79 }), 'bp_adult')?.code).toBe('normal');
    expect(finding(adult({ systolicMmHg: 130, diastolicMmHg: 79 }), 'bp_adult')?.code).toBe('high_normal');
    expect(finding(adult({ systolicMmHg: 140, diastolicMmHg: 79 }), 'bp_adult')).toMatchObject({
      code: 'hypertension_1',
      level: 'refer',
    });
    expect(adult({ systolicMmHg: 180, diastolicMmHg: 90 }).referrals[0]).toMatchObject({ urgency: 'urgent' });
    const bp = { systolicMmHg: 150, diastolicMmHg: 95 };
    expect(finding(adult(bp, '2011-08-12'), 'bp_adult')?.code).toBe('hypertension_1'); // 15 today
    expect(finding(adult(bp, '2011-08-13'), 'bp_adult')).toBeUndefined(); // 14
  });

  it('judges random glucose at 139, 140, 199 and 200', () => {
    const code = (bloodGlucoseMgDl: number) => finding(adult({ bloodGlucoseMgDl }), 'glucose')?.code;
    expect([code(139), code(140), code(199), code(200)]).toEqual([
      'normal',
      'recheck',
      'recheck',
      'suspected_diabetes',
    ]);
    expect(adult({ bloodGlucoseMgDl: 200 }).referrals[0]).toMatchObject({
      ruleId: 'glucose',
      destination: 'puskesmas',
    });
  });

  it('reads BMI to one decimal: 64 kg at 160 cm is 25.0', () => {
    expect(finding(adult({ weightKg: 64, lengthHeightCm: 160 }), 'bmi_adult')).toMatchObject({
      value: 25,
      code: 'obese_1',
      level: 'attention',
    });
    // The height from an earlier visit is used when today only the weight was taken.
    const r = records(
      { birthDate: '1980-01-01', sex: 'female' },
      { measurements: [measured({ lengthHeightCm: 160 }, '2026-02-01'), measured({ weightKg: 63.7 })] },
    );
    expect(finding(assessPerson(r, TODAY), 'bmi_adult')).toMatchObject({ value: 24.9, code: 'overweight' });
  });

  it('flags central obesity above 90 cm (men) and 80 cm (women)', () => {
    expect(finding(adult({ waistCm: 90 }), 'waist')?.code).toBe('normal');
    expect(finding(adult({ waistCm: 90.1 }), 'waist')?.code).toBe('central_obesity');
    expect(finding(adult({ waistCm: 80 }, '1980-01-01', 'female'), 'waist')?.code).toBe('normal');
    expect(finding(adult({ waistCm: 80.1 }, '1980-01-01', 'female'), 'waist')?.code).toBe('central_obesity');
  });

  it('finds KEK in a pregnant woman below 23.5 cm, and gives her PMT', () => {
    expect(finding(pregnantWoman({ muacCm: 23.5 }), 'kek')?.code).toBe('normal');
    const kek = pregnantWoman({ muacCm: 23.4 });
    expect(finding(kek, 'kek')).toMatchObject({ code: 'kek', level: 'refer' });
    expect(kek.servicesDue.map((s) => s.code)).toEqual(expect.arrayContaining(['pmt', 'ttd']));
  });
});

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

describe('growth without and with the WHO tables', () => {
  const born = '2024-06-10';
  const history = (last: number) => [
    measured({ weightKg: 9.2, lengthHeightCm: 86.5, position: 'standing' }, '2026-07-10'),
    measured({ weightKg: last, lengthHeightCm: 87, position: 'standing' }, TODAY),
  ];

  it('judges N/T from the weights alone', () => {
    const a = (w: number) =>
      assessPerson(records({ birthDate: born, sex: 'male' }, { measurements: history(w) }), TODAY);
    expect(finding(a(9.4), 'kms')).toMatchObject({ code: 'N', value: 200 }); // the 200 g minimum itself
    expect(finding(a(9.3), 'kms')).toMatchObject({ code: 'T', level: 'refer' });
  });

  it('refers a child at BB/TB below -3 who still gains weight', async () => {
    const { growth } = await whoTables();
    const a = assessPerson(records({ birthDate: born, sex: 'male' }, { measurements: history(9.5) }), TODAY, {
      growth,
    });
    expect(finding(a, 'kms')?.code).toBe('N');
    const wasting = a.judgements.find((j) => j.code === 'bbpb:gizi_buruk');
    expect(wasting).toMatchObject({ level: 'urgent', referral: { urgency: 'urgent', destination: 'puskesmas' } });
    expect(wasting?.value).toBeLessThan(-3);
    expect(a.homeVisitTasks.some((t) => t.subject === 'growth/bbpb:gizi_buruk')).toBe(true);
  }, 60_000);
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
