import { describe, expect, it } from 'vitest';
import { assessPerson } from '../../../src/domain/assessment/assess-person.ts';
import { birthdayCheck } from '../../../src/domain/ckg/birthday-check.ts';
import { dailyPackage } from '../../../src/domain/posyandu-day/daily-package.ts';
import { classifyFastingGlucose, classifyRandomGlucose } from '../../../src/domain/screening/adult-cut-offs.ts';
import { scoreSkilas, SKILAS_ITEMS, skilasDomainsFromItems } from '../../../src/domain/screening/questionnaires.ts';
import { handMadeHcfaTables as fixtureTables } from '../growth/hand-made-hcfa-fixture.ts';
import { finding, measured, records, TODAY } from './person-records.ts';

const adult = (m: Parameters<typeof measured>[0]) =>
  assessPerson(records({ birthDate: '1980-01-15', sex: 'male' }, { measurements: [measured(m)] }), TODAY);

describe('fasting glucose (GDP) beside random glucose (GDS)', () => {
  it.each([
    [99, 'normal', 'normal'],
    [100, 'prediabetes', 'refer'],
    [125, 'prediabetes', 'refer'],
    [126, 'diabetes', 'refer'],
  ])('GDP %s mg/dL is %s', (fastingGlucoseMgDl, code, level) => {
    expect(classifyFastingGlucose(fastingGlucoseMgDl)).toBe(code);
    expect(finding(adult({ fastingGlucoseMgDl }), 'glucose_fasting')).toMatchObject({
      code,
      level,
      value: fastingGlucoseMgDl,
    });
  });

  it('refers GDP 126 to the puskesmas and prediabetes to the pustu', () => {
    expect(adult({ fastingGlucoseMgDl: 126 }).referrals).toEqual([
      expect.objectContaining({ ruleId: 'glucose_fasting', code: 'diabetes', destination: 'puskesmas' }),
    ]);
    expect(adult({ fastingGlucoseMgDl: 110 }).referrals).toEqual([
      expect.objectContaining({ ruleId: 'glucose_fasting', code: 'prediabetes', destination: 'pustu' }),
    ]);
    expect(adult({ fastingGlucoseMgDl: 99 }).referrals).toEqual([]);
  });

  it('keeps GDS on its own cut-offs: 199 recheck, 200 suspected diabetes, judged apart from GDP', () => {
    expect(classifyRandomGlucose(199)).toBe('recheck');
    expect(classifyRandomGlucose(200)).toBe('suspected_diabetes');
    const both = adult({ bloodGlucoseMgDl: 150, fastingGlucoseMgDl: 130 });
    expect(finding(both, 'glucose')?.code).toBe('recheck');
    expect(finding(both, 'glucose_fasting')?.code).toBe('diabetes');
  });

  it('counts a fasting value as the glucose check of the day', () => {
    const pkg = dailyPackage(
      {
        person: { id: 'p1', birthDate: '1980-01-15', sex: 'male' },
        immunizations: [],
        services: [],
        measurements: [{ date: TODAY, fastingGlucoseMgDl: 90 }],
        screenings: [],
      },
      TODAY,
    );
    expect(pkg.done).toContainEqual({ kind: 'screening', code: 'blood_glucose' });
  });
});

describe('head circumference for age (LK/U), with a hand-made LMS fixture', () => {
  const growth = fixtureTables(true);
  const baby = (headCircumferenceCm: number, birthDate = '2026-02-12') =>
    assessPerson(records({ birthDate, sex: 'female' }, { measurements: [measured({ headCircumferenceCm })] }), TODAY, {
      growth,
    });

  it.each([
    [35.9, 'microcephaly', 'refer', -2.05],
    [36.0, 'normal', 'normal', -2],
    [44.0, 'normal', 'normal', 2],
    [44.1, 'macrocephaly', 'refer', 2.05],
  ])('%s cm against M 40 S 0.05 is %s', (cm, code, level, z) => {
    expect(finding(baby(cm), 'head_circumference')).toMatchObject({ code, level, value: z });
  });

  it('refers microcephaly to the puskesmas with a home-visit task', () => {
    const a = baby(35);
    expect(a.referrals).toEqual([
      expect.objectContaining({ ruleId: 'head_circumference', code: 'microcephaly', destination: 'puskesmas' }),
    ]);
    expect(a.homeVisitTasks.find((t) => t.kind === 'finding')?.subject).toBe('head_circumference/microcephaly');
  });

  it('judges nothing without the hcfa table (the measurement is kept, the rule is inactive)', () => {
    const a = assessPerson(
      records({ birthDate: '2026-02-12', sex: 'female' }, { measurements: [measured({ headCircumferenceCm: 30 })] }),
      TODAY,
      { growth: fixtureTables(false) },
    );
    expect(finding(a, 'head_circumference')).toBeUndefined();
    expect(
      finding(
        assessPerson(
          records(
            { birthDate: '2026-02-12', sex: 'female' },
            { measurements: [measured({ headCircumferenceCm: 30 })] },
          ),
          TODAY,
        ),
        'head_circumference',
      ),
    ).toBeUndefined();
  });

  it('judges to 60 months and not after', () => {
    expect(finding(baby(30, '2021-08-13'), 'head_circumference')?.code).toBe('microcephaly');
    expect(finding(baby(30, '2021-08-11'), 'head_circumference')).toBeUndefined();
  });
});

describe('SKILAS form items grouped into domains', () => {
  it('has every domain asked by at least one item', () => {
    expect(new Set(SKILAS_ITEMS.map((i) => i.domain)).size).toBe(6);
  });
  it('makes the hearing domain positive on a failed whisper test, and refers', () => {
    const result = scoreSkilas(skilasDomainsFromItems({ whisper: true }));
    expect(result).toMatchObject({ result: 'refer', refer: true, positiveDomains: ['hearing'] });
  });
  it('refers nobody when every item is "tidak"', () => {
    expect(scoreSkilas(skilasDomainsFromItems({})).refer).toBe(false);
  });
});

describe('CKG newborn package', () => {
  it('lists the newborn screening items in the window opened by the birth', () => {
    const check = birthdayCheck({ birthDate: '2026-08-01', sex: 'female' }, TODAY);
    expect(check).toMatchObject({ ageYears: 0, status: 'open', windowTo: '2026-08-31' });
    expect(check?.items).toEqual(['birth_weight', 'shk', 'g6pd', 'cah', 'pjb_kritis', 'stool_colour']);
  });
  it('gives a one-year-old the growth and development package instead', () => {
    expect(birthdayCheck({ birthDate: '2025-08-10', sex: 'female' }, TODAY)?.items).toContain('development');
  });
});
