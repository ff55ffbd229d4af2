import { describe, expect, it } from 'vitest';
import {
  KBM_ALTERNATIVE_7_TO_10,
  KBM_KMS_2010,
  KbmTableSchema,
  minimumGainGrams,
} from '../../../src/domain/growth/kbm-table.ts';
import { judgeKmsHistory, type Weighing } from '../../../src/domain/growth/kms-judgement.ts';

const codes = (birthDate: string, weighings: Weighing[], kbm = KBM_KMS_2010) =>
  judgeKmsHistory(birthDate, weighings, kbm).map((m) => (m.twoT ? '2T' : m.code));

describe('KMS judgement over a realistic history', () => {
  // Born 15 January 2024; the posyandu meets around the 10th.
  const birth = '2024-01-15';
  const history: Weighing[] = [
    { date: '2024-02-10', weightKg: 3.9 }, // first weighing here: B
    { date: '2024-03-12', weightKg: 4.8 }, // 1 month, +900 g >= 800: N
    { date: '2024-04-10', weightKg: 5.5 }, // 2 months, +700 g < 900: T
    { date: '2024-05-14', weightKg: 6.0 }, // 3 months, +500 g < 800: second T in a row: 2T
    // June missed
    { date: '2024-07-10', weightKg: 7.0 }, // not weighed last month: O
    { date: '2024-08-12', weightKg: 7.5 }, // 6 months, +500 g >= 400: N
  ];

  it('gives B, N, T, 2T, O, N', () => {
    expect(codes(birth, history)).toEqual(['B', 'N', 'T', '2T', 'O', 'N']);
  });

  it('records the gain and the KBM it was judged against, and whom to refer to', () => {
    const months = judgeKmsHistory(birth, history);
    expect(months[1]).toMatchObject({ month: '2024-03', ageMonths: 1, gainGrams: 900, minGainGrams: 800 });
    expect(months[2]).toMatchObject({ code: 'T', twoT: false, referral: 'health_worker' });
    expect(months[3]).toMatchObject({ code: 'T', twoT: true, referral: 'puskesmas' });
    expect(months[4]).toMatchObject({ code: 'O', referral: 'none' });
    expect(months[4]?.gainGrams).toBeUndefined();
  });

  it('does not count a T before a missed month toward 2T', () => {
    const weighings: Weighing[] = [
      { date: '2024-02-10', weightKg: 10 },
      { date: '2024-03-10', weightKg: 10 }, // T
      { date: '2024-05-10', weightKg: 10 }, // April missed: O
      { date: '2024-06-10', weightKg: 10 }, // T, but last month was O
      { date: '2024-07-10', weightKg: 10 }, // 2T
    ];
    expect(codes('2022-06-01', weighings)).toEqual(['B', 'T', 'O', 'T', '2T']);
  });

  it('judges consecutive months across a new year', () => {
    const weighings: Weighing[] = [
      { date: '2023-12-28', weightKg: 9.0 },
      { date: '2024-01-03', weightKg: 9.2 },
    ];
    expect(codes('2022-10-01', weighings)).toEqual(['B', 'N']);
  });

  it('takes the last weighing of a month when the child was weighed twice', () => {
    const weighings: Weighing[] = [
      { date: '2024-03-10', weightKg: 8.0 },
      { date: '2024-04-10', weightKg: 7.0 }, // a misread scale...
      { date: '2024-04-10', weightKg: 7.0 },
      { date: '2024-04-24', weightKg: 8.3 }, // ...weighed again later that month
    ];
    const months = judgeKmsHistory('2023-06-01', weighings);
    expect(months).toHaveLength(2);
    expect(months[1]).toMatchObject({ date: '2024-04-24', gainGrams: 300, code: 'N' });
  });

  it('counts a gain of exactly the KBM as N, in whole grams despite floating point', () => {
    // 8.3 - 7.5 is 0.8000000000000007 in floating point; 7.3 - 6.5 is 0.7999999999999998.
    expect(
      codes('2023-05-01', [
        { date: '2023-07-05', weightKg: 6.5 },
        { date: '2023-08-05', weightKg: 7.3 },
      ]),
    ).toEqual(['B', 'N']);
  });

  it('keeps judging a child turning 24 months with the 200 g KBM', () => {
    const birthDate = '2022-03-01';
    const at23 = { date: '2024-02-05', weightKg: 10.0 };
    expect(judgeKmsHistory(birthDate, [at23, { date: '2024-03-04', weightKg: 10.2 }])[1]).toMatchObject({
      ageMonths: 24,
      code: 'N',
      minGainGrams: 200,
    });
    expect(codes(birthDate, [at23, { date: '2024-03-04', weightKg: 10.1 }])).toEqual(['B', 'T']);
  });

  it('makes a first visit B at any age of the KMS, and gives no code past 60 months', () => {
    expect(codes('2023-01-01', [{ date: '2023-09-10', weightKg: 8 }])).toEqual(['B']);
    const old = judgeKmsHistory('2019-01-01', [
      { date: '2024-01-10', weightKg: 17 },
      { date: '2024-02-10', weightKg: 17.5 },
    ]);
    expect(old.map((m) => m.ageMonths)).toEqual([60, 61]);
    expect(old.map((m) => m.code)).toEqual(['B', undefined]);
  });
});

describe('BGM (below the red line)', () => {
  it('is a weight-for-age z strictly below -3.00, and sends the child to the puskesmas', () => {
    const months = judgeKmsHistory('2023-01-01', [
      { date: '2024-01-10', weightKg: 7.0, weightForAgeZ: -3.01 },
      { date: '2024-02-10', weightKg: 7.3, weightForAgeZ: -3.0 },
      { date: '2024-03-10', weightKg: 7.6 },
    ]);
    expect(months.map((m) => m.belowRedLine)).toEqual([true, false, undefined]);
    expect(months[0]).toMatchObject({ code: 'B', referral: 'puskesmas' });
    expect(months[1]).toMatchObject({ code: 'N', referral: 'none' });
  });

  it('refers a child with oedema to the puskesmas', () => {
    expect(judgeKmsHistory('2023-01-01', [{ date: '2024-01-10', weightKg: 9, oedema: true }])[0]?.referral).toBe(
      'puskesmas',
    );
  });
});

describe('KBM table as versioned data', () => {
  it('has the Buku KIA values by month, and the alternative reading differs only at 7 months', () => {
    const kbm2010 = [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 24, 60].map((m) => minimumGainGrams(KBM_KMS_2010, m));
    expect(kbm2010).toEqual([800, 900, 800, 600, 500, 400, 400, 300, 300, 200, 200, 200]);
    for (let month = 0; month <= 60; month++) {
      const same = minimumGainGrams(KBM_KMS_2010, month) === minimumGainGrams(KBM_ALTERNATIVE_7_TO_10, month);
      expect(same, `month ${month}`).toBe(month !== 7);
    }
    expect(minimumGainGrams(KBM_KMS_2010, 61)).toBeUndefined();
  });

  it('changes a judgement when the app passes the other table', () => {
    const weighings: Weighing[] = [
      { date: '2024-01-10', weightKg: 7.0 },
      { date: '2024-02-10', weightKg: 7.35 }, // 7 months, +350 g
    ];
    expect(codes('2023-07-01', weighings, KBM_KMS_2010)).toEqual(['B', 'T']);
    expect(codes('2023-07-01', weighings, KBM_ALTERNATIVE_7_TO_10)).toEqual(['B', 'N']);
  });

  it('validates a replacement table: rows must run on without gaps from month 0', () => {
    expect(KbmTableSchema.safeParse(KBM_KMS_2010).success).toBe(true);
    const gap = { ...KBM_KMS_2010, rows: KBM_KMS_2010.rows.filter((r) => r.fromMonth !== 5) };
    expect(KbmTableSchema.safeParse(gap).success).toBe(false);
    expect(KbmTableSchema.safeParse({ ...KBM_KMS_2010, version: '' }).success).toBe(false);
  });
});
