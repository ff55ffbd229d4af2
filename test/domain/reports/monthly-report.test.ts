import { describe, expect, it } from 'vitest';
import { monthlyReport, type ReportInput } from '../../../src/domain/reports/index.ts';

/**
 * A small posyandu built by hand for March 2026. Every expected figure below was counted by hand from these rows
 * (the comments say why each child lands where it does), not computed by the code under test.
 */
const persons: ReportInput['persons'] = [
  // Balita, by age on 1 March 2026 (completed calendar months).
  // 2 mo, 0-5: weighed 1 Feb and 31 Mar, +1.0 kg -> N; her Buku KIA seen in February -> K
  { id: 'A', sex: 'female', birthDate: '2025-12-10', kiaBook: { owned: true, notedOn: '2026-02-01' } },
  // 23 mo, 12-23: no gain Jan->Feb->Mar -> T and 2T; BGM; the family has no book -> not K
  { id: 'B', sex: 'male', birthDate: '2024-03-15', kiaBook: { owned: false, notedOn: '2026-01-10' } },
  // 59 mo, turns 5 on 20 Mar: still S; +0.5 kg -> N; book noted on the month's weighing day -> K
  { id: 'C', sex: 'female', birthDate: '2021-03-20', kiaBook: { owned: true, notedOn: '2026-03-25' } },
  // 6 mo, 6-11: first weighing -> B; the book noted only in April -> not K in March
  { id: 'D', sex: 'male', birthDate: '2025-08-05', kiaBook: { owned: true, notedOn: '2026-04-02' } },
  { id: 'E', sex: 'female', birthDate: '2024-06-01' }, // 21 mo, 12-23: weighed Jan and Mar, not Feb -> O
  // gone: not S, so not K though the family has the book
  {
    id: 'F',
    sex: 'male',
    birthDate: '2023-01-01',
    status: 'moved_out',
    statusDate: '2026-02-20',
    kiaBook: { owned: true, notedOn: '2025-06-01' },
  },
  // 14 mo, 12-23: not weighed -> S, and K (the book seen at registration)
  { id: 'G', sex: 'female', birthDate: '2025-01-01', kiaBook: { owned: true, notedOn: '2025-01-20' } },
  { id: 'H', sex: 'female', birthDate: '2026-03-10' }, // born in March: 0 mo, 0-5; first weighing -> B; a birth
  // 60 mo on 1 March: no longer a balita, book or not
  { id: 'I', sex: 'male', birthDate: '2021-02-15', kiaBook: { owned: true, notedOn: '2021-03-01' } },
  // Adults.
  { id: 'M1', sex: 'female', birthDate: '1990-05-05' },
  { id: 'M2', sex: 'male', birthDate: '1950-01-01' }, // 76: elderly
  { id: 'M3', sex: 'male', birthDate: '2012-01-01' }, // 14: too young for the PTM figures
];

const weigh = (personId: string, date: string, weightKg: number) => ({ personId, date, weightKg });

const input: ReportInput = {
  persons,
  measurements: [
    weigh('A', '2026-02-01', 5.0),
    weigh('A', '2026-03-31', 6.0),
    weigh('A', '2026-04-01', 6.1), // April: not in March's report
    weigh('B', '2026-01-10', 10.1),
    weigh('B', '2026-02-10', 10.0),
    weigh('B', '2026-03-01', 10.0),
    weigh('C', '2026-02-25', 14.0),
    weigh('C', '2026-03-25', 14.5),
    weigh('D', '2026-03-05', 7.5),
    weigh('E', '2026-01-15', 9.0),
    weigh('E', '2026-03-15', 9.4),
    weigh('F', '2026-03-02', 12.0), // moved out before March
    weigh('H', '2026-03-10', 3.2),
    weigh('I', '2026-03-05', 16.0),
    {
      personId: 'M1',
      date: '2026-03-05',
      systolicMmHg: 150,
      diastolicMmHg: 95,
      bloodGlucoseMgDl: 210,
      weightKg: 80,
      lengthHeightCm: 160,
    },
    { personId: 'M2', date: '2026-03-05', systolicMmHg: 120, diastolicMmHg: 80, fastingGlucoseMgDl: 126 },
    { personId: 'M3', date: '2026-03-05', systolicMmHg: 150, diastolicMmHg: 100 },
  ],
  services: [
    { personId: 'D', date: '2026-03-05', service: 'vitamin_a_blue' },
    { personId: 'B', date: '2026-03-01', service: 'vitamin_a_red' },
    { personId: 'C', date: '2026-02-25', service: 'vitamin_a_red' }, // February
    { personId: 'M1', date: '2026-03-05', service: 'ttd', quantity: 30 },
    { personId: 'M1', date: '2026-03-20', service: 'ttd' },
    { personId: 'F', date: '2026-03-02', service: 'ttd', quantity: 30 }, // moved out
  ],
  immunizations: [
    { personId: 'H', date: '2026-03-10', vaccine: 'hb0' },
    { personId: 'D', date: '2026-03-05', vaccine: 'dpt_hb_hib_1' },
    { personId: 'G', date: '2026-03-05', vaccine: 'mr1', givenElsewhere: true }, // copied from the Buku KIA
    { personId: 'A', date: '2026-02-28', vaccine: 'bcg' }, // February
  ],
  visits: [
    { personId: 'M1', date: '2026-03-05', kind: 'antenatal', contactCode: 'K1' },
    { personId: 'M1', date: '2026-03-11', kind: 'postpartum', contactCode: 'KF1' },
    { personId: 'H', date: '2026-03-11', kind: 'neonatal', contactCode: 'KN1' },
    { personId: 'M2', date: '2026-03-06', kind: 'home' },
    { personId: 'G', date: '2026-03-31', kind: 'home' },
    { personId: 'G', date: '2026-04-01', kind: 'home' }, // April
  ],
  screenings: [
    { personId: 'M1', date: '2026-03-05', instrument: 'tb_symptoms', result: 'presumptive_tb' },
    { personId: 'M2', date: '2026-03-05', instrument: 'tb_symptoms', result: 'negative' },
    { personId: 'M1', date: '2026-03-05', instrument: 'srq20', result: 'probable_disorder' },
    { personId: 'M2', date: '2026-03-01', instrument: 'adl_barthel', result: 'independent' },
    { personId: 'M2', date: '2026-03-05', instrument: 'adl_barthel', result: 'mild_dependence' },
  ],
  referrals: [
    { id: 'R1', personId: 'M1', date: '2026-03-05' },
    { id: 'R2', personId: 'M1', date: '2026-03-12', resultFor: 'R1', result: 'examined' },
    { id: 'R3', personId: 'B', date: '2026-02-28' }, // February
  ],
};

// BGM needs weight-for-age z-scores; the test gives them: B is below the red line, E exactly on it (not BGM).
const weightForAgeZ = (person: { id: string }) => ({ B: -3.5, E: -3.0 })[person.id as 'B' | 'E'] ?? -1;

describe('the monthly posyandu report, March 2026', () => {
  const report = monthlyReport(input, '2026-03', { weightForAgeZ });

  it('counts SKDN, T, 2T, O, B and BGM as a kader would', () => {
    // K: A, C and G (B has no book, D's was noted in April, E and H were never asked).
    expect(report.skdn.total).toEqual({ S: 7, K: 3, D: 6, N: 2, T: 1, O: 1, B: 2, '2T': 1, BGM: 1 });
    expect(report.skdn.ratios.KS).toBeCloseTo(3 / 7);
    expect(report.skdn.ratios.DK).toBeCloseTo(6 / 3);
    const { total } = report.skdn;
    expect(total.N + total.T + total.O + total.B).toBe(total.D);
    expect(report.skdn.ratios.DS).toBeCloseTo(6 / 7);
    expect(report.skdn.ratios.ND).toBeCloseTo(2 / 6);
    expect(report.skdn.bgmUnknown).toBe(0);
  });

  it('splits them by sex and age band', () => {
    const { female, male } = report.skdn.bySexAndBand;
    expect(female['0-5']).toMatchObject({ S: 2, K: 1, D: 2, N: 1, B: 1 }); // A, H
    expect(female['12-23']).toMatchObject({ S: 2, K: 1, D: 1, O: 1 }); // E, G
    expect(female['24-59']).toMatchObject({ S: 1, K: 1, D: 1, N: 1 }); // C, turning five this month
    expect(male['12-23']).toMatchObject({ S: 1, K: 0, D: 1, T: 1, '2T': 1, BGM: 1 }); // B
    expect(male['6-11']).toMatchObject({ S: 1, K: 0, D: 1, B: 1 }); // D
    expect(male['24-59']).toMatchObject({ S: 0 }); // F moved out, I is five
  });

  it('counts in K a book noted by the last day of the month, not one noted later', () => {
    // April: D's book (noted 2 April) now counts; A and G still do; C turned five in March and is out of S. H was
    // never asked.
    expect(monthlyReport(input, '2026-04', { weightForAgeZ }).skdn.total.K).toBe(3);
    // January: G's book, and F's (moved out only in February) and I's (58 months, still a balita); A's was
    // noted in February, C's in March, D's in April.
    expect(monthlyReport(input, '2026-01', { weightForAgeZ }).skdn.total.K).toBe(3);
  });

  it('counts a weighing on the 1st and on the 31st in their own month only', () => {
    const february = monthlyReport(input, '2026-02', { weightForAgeZ });
    // February: A (1 Feb) and C (25 Feb) are weighed for the first time: B; B (10 Feb, -0.1 kg): T.
    expect(february.skdn.total).toMatchObject({ D: 3, B: 2, T: 1, O: 0, N: 0 });
    const april = monthlyReport(input, '2026-04', { weightForAgeZ });
    expect(april.skdn.total).toMatchObject({ D: 1, N: 0, T: 1 }); // A: +0.1 kg at 3 months is below the KBM
  });

  it('says BGM is unknown, not zero, without z-scores', () => {
    const withoutTables = monthlyReport(input, '2026-03');
    expect(withoutTables.skdn.total.BGM).toBe(0);
    expect(withoutTables.skdn.bgmUnknown).toBe(6);
  });

  it('counts supplements, immunisations, contacts and births', () => {
    expect(report.figures).toMatchObject({
      vitamin_a_blue: 1,
      vitamin_a_red: 1,
      iron_persons: 1,
      iron_tablets: 31,
      births: 1,
    });
    expect(report.immunizationsByVaccine).toEqual({ hb0: 1, dpt_hb_hib_1: 1 });
    expect(report.contacts).toEqual({ K1: 1, KF1: 1, KN1: 1 });
  });

  it('counts PTM, TB and mental-health screening, the elderly, referrals and home visits', () => {
    expect(report.figures).toMatchObject({
      ptm_screened: 2, // M1, M2; M3 is 14
      ptm_hypertension: 1,
      ptm_diabetes: 2, // M1 random 210; M2 fasting 126
      ptm_obesity: 1,
      tb_screened: 2,
      tb_presumptive: 1,
      mental_screened: 1,
      mental_refer: 1,
      elderly_served: 1,
      referrals_made: 1,
      referrals_with_outcome: 1,
      home_visits: 2,
    });
    expect(report.elderlyDependence).toEqual({ mild_dependence: 1 });
    expect(report.referralOutcomes).toEqual({ examined: 1 });
  });

  it('refuses a month that is not one', () => {
    expect(() => monthlyReport(input, '2026-13')).toThrow(RangeError);
  });
});
