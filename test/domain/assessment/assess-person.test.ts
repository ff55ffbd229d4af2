import { describe, expect, it } from 'vitest';
import { assessPerson, referralTag } from '../../../src/domain/assessment/assess-person.ts';
import type { MeasurementRecord } from '../../../src/domain/assessment/assessment-types.ts';
import { whoTables } from '../growth/who-tables-fixture.ts';
import { child, finding, measured, pregnantWoman, records, TODAY } from './person-records.ts';

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

  it('closes the finding’s home visit on the puskesmas’s result, but not on "did not come"', () => {
    const referral = {
      id: 'r1',
      date: TODAY,
      urgency: 'urgent' as const,
      reason: `LiLA 11,4 cm ${referralTag('child_muac', 'severe')}`,
    };
    const result = (outcome: 'examined' | 'did_not_come') => ({
      id: `r1-${outcome}`,
      date: '2026-08-14',
      urgency: 'urgent' as const,
      reason: 'Hasil rujukan',
      resultFor: 'r1',
      outcome,
    });
    const findingTask = (outcome: 'examined' | 'did_not_come') =>
      assessPerson(
        records(
          { birthDate: born, sex: 'male' },
          { measurements: [measured({ muacCm: 11.4 })], referrals: [referral, result(outcome)] },
        ),
        '2026-08-15',
      ).homeVisitTasks.find((task) => task.kind === 'finding');
    expect(findingTask('examined')).toMatchObject({ closed: true, closedOn: '2026-08-14' });
    expect(findingTask('did_not_come')).toMatchObject({ closed: false });
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
    // The KMS mark reaches today's package: PMT for a child not growing, none for one who grows.
    expect(a(9.3).servicesDue.map((s) => s.code)).toContain('pmt');
    expect(a(9.4).servicesDue.map((s) => s.code)).not.toContain('pmt');
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
