import { describe, expect, it } from 'vitest';
import { dailyPackage, type Visitor } from '../../../src/domain/posyandu-day/daily-package.ts';
import { followUpTasks, type FollowUpInput } from '../../../src/domain/posyandu-day/follow-up-tasks.ts';
import { lifeStage } from '../../../src/domain/posyandu-day/life-stage.ts';

describe('life stage', () => {
  const girl = { birthDate: '2021-05-10', sex: 'female' as const };

  it('follows the age bands at their exact boundaries', () => {
    expect(lifeStage(girl, '2026-05-09')).toBe('baby_toddler');
    expect(lifeStage(girl, '2026-05-10')).toBe('preschool');
    expect(lifeStage(girl, '2028-05-09')).toBe('preschool');
    expect(lifeStage(girl, '2028-05-10')).toBe('school_adolescent');
    expect(lifeStage(girl, '2039-05-09')).toBe('school_adolescent');
    expect(lifeStage(girl, '2039-05-10')).toBe('adult');
    expect(lifeStage(girl, '2081-05-09')).toBe('adult');
    expect(lifeStage(girl, '2081-05-10')).toBe('elderly');
  });

  it('puts pregnancy and the 42 days of nifas before age, for women only', () => {
    const woman = { birthDate: '2009-01-01', sex: 'female' as const };
    expect(lifeStage({ ...woman, pregnant: true }, '2026-03-01')).toBe('pregnant');
    expect(lifeStage({ ...woman, deliveryDate: '2026-03-10' }, '2026-04-21')).toBe('postpartum');
    expect(lifeStage({ ...woman, deliveryDate: '2026-03-10' }, '2026-04-22')).toBe('school_adolescent');
    expect(lifeStage({ birthDate: '1990-01-01', sex: 'male', pregnant: true }, '2026-03-01')).toBe('adult');
  });
});

const onTime = (pairs: [string, string][]) => pairs.map(([vaccine, date]) => ({ vaccine, date }));

describe('daily package and validation', () => {
  it('lists a toddler’s package and what is still missing after part of it was recorded', () => {
    const today = '2026-02-14';
    const toddler: Visitor = {
      person: { id: 'child-1', birthDate: '2025-01-31', sex: 'male' },
      immunizations: [
        ...onTime([
          ['hb0', '2025-01-31'],
          ['bcg', '2025-02-28'],
          ['opv_1', '2025-02-28'],
          ['opv_2', '2025-03-31'],
          ['dpt_hb_hib_1', '2025-03-31'],
          ['pcv_1', '2025-03-31'],
          ['rv_1', '2025-03-31'],
          ['opv_3', '2025-04-30'],
          ['dpt_hb_hib_2', '2025-04-30'],
          ['pcv_2', '2025-04-30'],
          ['rv_2', '2025-04-30'],
          ['opv_4', '2025-05-31'],
          ['dpt_hb_hib_3', '2025-05-31'],
          ['rv_3', '2025-05-31'],
          ['ipv_1', '2025-05-31'],
          ['mr_1', '2025-10-31'],
          ['ipv_2', '2025-10-31'],
        ]),
        { vaccine: 'pcv_3', date: today },
      ],
      services: [
        { service: 'vitamin_a_red', date: today },
        { service: 'obat_cacing', date: today },
      ],
      measurements: [{ date: today, weightKg: 9.4, lengthHeightCm: 75.2 }],
      screenings: [],
    };
    const result = dailyPackage(toddler, today);
    expect(result.stage).toBe('baby_toddler');
    expect(result.expected).toEqual([
      { kind: 'measurement', code: 'weightKg' },
      { kind: 'measurement', code: 'lengthHeightCm' },
      { kind: 'measurement', code: 'headCircumferenceCm' },
      { kind: 'measurement', code: 'muacCm' },
      { kind: 'immunization', code: 'pcv_3' },
      { kind: 'service', code: 'vitamin_a_red', detail: 'red' },
      { kind: 'service', code: 'obat_cacing' },
      { kind: 'screening', code: 'tb_symptoms_child' },
      { kind: 'screening', code: 'development_kia' },
    ]);
    expect(result.missing).toEqual([
      { kind: 'measurement', code: 'headCircumferenceCm' },
      { kind: 'measurement', code: 'muacCm' },
      { kind: 'screening', code: 'tb_symptoms_child' },
      { kind: 'screening', code: 'development_kia' },
    ]);
    // Without today's dose the same package lists it as missing rather than dropping it.
    const withoutDose = dailyPackage({ ...toddler, immunizations: toddler.immunizations.slice(0, -1) }, today);
    expect(withoutDose.missing).toContainEqual({ kind: 'immunization', code: 'pcv_3' });
  });

  it('lists a pregnant woman’s measurements, iron and the screenings due by age and interval', () => {
    const today = '2026-05-10';
    const result = dailyPackage(
      {
        person: { id: 'mother-1', birthDate: '1998-04-01', sex: 'female' },
        pregnant: true,
        ironTabletsThisPregnancy: 30,
        immunizations: [],
        services: [],
        measurements: [{ date: today, weightKg: 58, muacCm: 24.1 }],
        screenings: [
          { instrument: 'srq20', date: '2025-06-01' },
          { instrument: 'tb_symptoms', date: '2025-05-10' },
        ],
      },
      today,
    );
    expect(result.stage).toBe('pregnant');
    expect(result.missing).toEqual([
      { kind: 'measurement', code: 'bloodPressure' },
      { kind: 'service', code: 'ttd' },
      { kind: 'screening', code: 'blood_glucose' },
      { kind: 'screening', code: 'tb_symptoms' },
    ]);
    expect(result.done).toEqual([
      { kind: 'measurement', code: 'weightKg' },
      { kind: 'measurement', code: 'muacCm' },
    ]);
  });

  it('asks PUMA of everyone from 40 (ILP guide) and SKILAS from 60', () => {
    const base = { immunizations: [], services: [], measurements: [], screenings: [] };
    const codes = (v: Visitor) =>
      dailyPackage(v, '2026-05-10')
        .expected.filter((i) => i.kind === 'screening')
        .map((i) => i.code);
    const smoker = { ...base, person: { id: 'a', birthDate: '1980-01-01', sex: 'male' as const }, smoker: true };
    expect(codes(smoker)).toContain('puma');
    expect(codes({ ...smoker, smoker: false })).toContain('puma');
    expect(codes({ ...smoker, person: { ...smoker.person, birthDate: '1986-05-10' } })).toContain('puma'); // 40 today
    expect(codes({ ...smoker, person: { ...smoker.person, birthDate: '1986-05-11' } })).not.toContain('puma'); // 39
    const elder = { ...base, person: { id: 'b', birthDate: '1960-01-01', sex: 'female' as const } };
    expect(codes(elder)).toContain('skilas');
    expect(codes({ ...elder, person: { ...elder.person, birthDate: '1966-05-11' } })).not.toContain('skilas');
  });
});

describe('follow-up tasks for home visits', () => {
  const today = '2026-05-20';
  const input: FollowUpInput = {
    today,
    persons: [
      { id: 'child-a', birthDate: '2025-06-15', sex: 'female' },
      { id: 'child-b', birthDate: '2024-01-10', sex: 'male' },
      { id: 'mother-m', birthDate: '1995-03-03', sex: 'female' },
      { id: 'adult-p', birthDate: '1970-07-07', sex: 'male' },
      { id: 'child-gone', birthDate: '2025-06-15', sex: 'male', status: 'moved_out' },
    ],
    immunizations: [{ personId: 'child-b', vaccine: 'bcg', date: '2024-02-10' }],
    measurements: [{ personId: 'child-b', date: '2026-05-09', weightKg: 11.2 }],
    kmsJudgements: [
      { personId: 'child-b', status: '2T' },
      { personId: 'child-a', status: 'N' },
    ],
    pregnancies: [
      { personId: 'mother-m', id: 'preg-1', lastMenstrualPeriod: '2026-01-01', estimatedDueDate: '2026-10-08' },
    ],
    visits: [{ personId: 'child-a', kind: 'home', date: '2026-05-18', taskKey: 'dose:child-a:bcg:2026-05' }],
    referrals: [
      { personId: 'adult-p', id: 'ref-1', date: '2026-05-02', urgency: 'urgent' },
      { personId: 'adult-p', id: 'ref-2', date: '2026-04-02', urgency: 'routine' },
      { personId: 'adult-p', id: 'ref-2-result', date: '2026-04-20', urgency: 'routine', resultFor: 'ref-2' },
    ],
    packageMissing: [
      { personId: 'mother-m', date: '2026-05-09', items: [{ kind: 'measurement', code: 'bloodPressure' }] },
    ],
  };

  it('derives each kind of task with a stable key', () => {
    const tasks = followUpTasks(input);
    const keys = tasks.map((t) => t.taskKey);
    expect(keys).toEqual(
      expect.arrayContaining([
        'dose:child-a:bcg:2026-05',
        'dose:child-a:opv_1:2026-05',
        'dose:child-a:dpt_hb_hib_1:2026-05',
        'dose:child-a:mr_1:2026-05',
        'weighing:child-a:2026-05',
        'growth:child-b:2T:2026-05',
        'anc:preg-1:K1',
        'referral:ref-1',
        'package:mother-m:2026-05-09:measurement:bloodPressure',
      ]),
    );
    expect(keys).not.toContain('dose:child-a:opv_2:2026-05'); // waits for opv_1
    expect(keys).not.toContain('dose:child-a:rv_1:2026-05'); // past 6 months 29 days
    expect(keys).not.toContain('weighing:child-b:2026-05');
    expect(keys).not.toContain('referral:ref-2');
    expect(keys).not.toContain('referral:ref-2-result');
    expect(keys.some((k) => k.includes('child-gone'))).toBe(false);
    expect(keys.some((k) => k.startsWith('anc:preg-1:K2'))).toBe(false); // still due, not missed
    expect(new Set(keys).size).toBe(keys.length);
    expect(tasks.find((t) => t.taskKey === 'growth:child-b:2T:2026-05')?.priority).toBe('urgent');
    expect(tasks.find((t) => t.taskKey === 'referral:ref-1')?.priority).toBe('urgent');
    // The same input gives the same keys: recomputation does not reopen or duplicate tasks.
    expect(followUpTasks(input).map((t) => t.taskKey)).toEqual(keys);
  });

  it('sends the kader back when the puskesmas says the referred person did not come, until a later result', () => {
    const missed = {
      personId: 'adult-p',
      id: 'ref-1-missed',
      date: '2026-05-10',
      urgency: 'urgent' as const,
      resultFor: 'ref-1',
      outcome: 'did_not_come' as const,
    };
    const tasks = followUpTasks({ ...input, referrals: [...input.referrals, missed] });
    const task = tasks.find((t) => t.personId === 'adult-p' && t.kind === 'referral_not_attended');
    expect(task).toMatchObject({
      taskKey: 'referral-missed:ref-1:2026-05-10',
      priority: 'urgent',
      since: '2026-05-10',
    });
    expect(tasks.map((t) => t.taskKey)).not.toContain('referral:ref-1');
    const came = { ...missed, id: 'ref-1-came', date: '2026-05-15', outcome: 'examined' as const };
    const after = followUpTasks({ ...input, referrals: [...input.referrals, missed, came] });
    expect(after.filter((t) => t.personId === 'adult-p' && t.kind.startsWith('referral'))).toEqual([]);
  });

  it('does not send the kader to a woman whose late first contact was recorded as K1', () => {
    const visits = [
      ...input.visits,
      {
        personId: 'mother-m',
        kind: 'antenatal' as const,
        date: '2026-05-09',
        pregnancyId: 'preg-1',
        contactCode: 'K1',
      },
    ];
    const keys = followUpTasks({ ...input, visits }).map((t) => t.taskKey);
    expect(keys.filter((key) => key.startsWith('anc:'))).toEqual([]);
  });

  it('closes a task by a visit recorded with its taskKey, and lists open tasks first', () => {
    const tasks = followUpTasks(input);
    const bcg = tasks.find((t) => t.taskKey === 'dose:child-a:bcg:2026-05');
    expect(bcg).toMatchObject({ closed: true, closedOn: '2026-05-18' });
    expect(tasks.filter((t) => t.closed)).toHaveLength(1);
    expect(tasks.at(-1)?.taskKey).toBe('dose:child-a:bcg:2026-05');
    expect(tasks[0]?.priority).toBe('urgent');
    // One home visit can answer several tasks at once.
    const visitedOnce = followUpTasks({
      ...input,
      visits: [
        ...input.visits,
        {
          personId: 'child-a',
          kind: 'home',
          date: '2026-05-19',
          taskKeys: ['dose:child-a:opv_1:2026-05', 'weighing:child-a:2026-05'],
        },
      ],
    });
    expect(visitedOnce.filter((t) => t.closed).map((t) => t.taskKey)).toEqual(
      expect.arrayContaining(['dose:child-a:bcg:2026-05', 'dose:child-a:opv_1:2026-05', 'weighing:child-a:2026-05']),
    );
    expect(visitedOnce.filter((t) => t.closed)).toHaveLength(3);
    // Next month the dose, still not given, raises a new task under a new key.
    const june = followUpTasks({ ...input, today: '2026-06-05' });
    expect(june.find((t) => t.taskKey === 'dose:child-a:bcg:2026-06')?.closed).toBe(false);
  });

  it('raises missed KF and KN visits from a delivery', () => {
    const tasks = followUpTasks({
      ...input,
      persons: [...input.persons, { id: 'baby-n', birthDate: '2026-05-01', sex: 'male' }],
      deliveries: [{ motherId: 'mother-m', childId: 'baby-n', date: '2026-05-01' }],
      visits: [...input.visits, { personId: 'baby-n', kind: 'neonatal', date: '2026-05-02' }],
    });
    const keys = tasks.map((t) => t.taskKey);
    expect(keys).toEqual(
      expect.arrayContaining(['kf:mother-m:2026-05-01:KF1', 'kf:mother-m:2026-05-01:KF2', 'kn:baby-n:2026-05-01:KN2']),
    );
    expect(keys).not.toContain('kn:baby-n:2026-05-01:KN1');
    expect(keys).not.toContain('kf:mother-m:2026-05-01:KF3');
  });
});
