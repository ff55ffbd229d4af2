import { describe, expect, it } from 'vitest';
import type { Measurement, Person } from '../../../protocol/index.ts';
import {
  MONTHLY_REPORT_VERSION,
  monthlyReport,
  reportInputFrom,
  sumReports,
  type ReportInput,
} from '../../../src/domain/reports/index.ts';

const weigh = (personId: string, date: string, weightKg: number) => ({ personId, date, weightKg });

// Two posyandu of one desa, March 2026; counted by hand in the comments.
const melati: ReportInput = {
  persons: [
    // 0-5: 5.0 -> 6.0 kg: N; her Buku KIA was seen: K
    { id: 'A', sex: 'female', birthDate: '2025-12-10', kiaBook: { owned: true, notedOn: '2026-02-01' } },
    { id: 'B', sex: 'male', birthDate: '2024-03-15' }, // 12-23: not weighed: S only; never asked: not K
    { id: 'M', sex: 'female', birthDate: '1950-01-01' }, // elderly, home visit
  ],
  measurements: [weigh('A', '2026-02-01', 5.0), weigh('A', '2026-03-31', 6.0)],
  services: [{ personId: 'A', date: '2026-03-31', service: 'vitamin_a_blue' }],
  immunizations: [{ personId: 'A', date: '2026-03-31', vaccine: 'dpt_hb_hib_1' }],
  visits: [{ personId: 'M', date: '2026-03-06', kind: 'home' }],
  screenings: [],
  referrals: [],
};
const mawar: ReportInput = {
  // 6-11: first weighing: B; the family has the book: K
  persons: [{ id: 'C', sex: 'male', birthDate: '2025-08-05', kiaBook: { owned: true, notedOn: '2026-03-01' } }],
  measurements: [weigh('C', '2026-03-01', 7.5)],
  services: [],
  immunizations: [{ personId: 'C', date: '2026-03-01', vaccine: 'dpt_hb_hib_1' }],
  visits: [],
  screenings: [],
  referrals: [],
};

describe('a desa report as the sum of its posyandu', () => {
  const both = sumReports(
    '2026-03',
    [monthlyReport(melati, '2026-03'), monthlyReport(mawar, '2026-03')],
    MONTHLY_REPORT_VERSION,
  );

  it('adds the counts and computes the ratios again', () => {
    expect(both.skdn.total).toEqual({ S: 3, K: 2, D: 2, N: 1, T: 0, O: 0, B: 1, '2T': 0, BGM: 0 });
    expect(both.skdn.ratios.DS).toBeCloseTo(2 / 3);
    expect(both.skdn.ratios.ND).toBe(0.5);
    expect(both.skdn.ratios.KS).toBeCloseTo(2 / 3);
    expect(both.skdn.bySexAndBand.male['6-11']).toMatchObject({ S: 1, D: 1, B: 1 });
    expect(both.immunizationsByVaccine).toEqual({ dpt_hb_hib_1: 2 });
    expect(both.figures).toMatchObject({ vitamin_a_blue: 1, home_visits: 1, elderly_served: 1, births: 0 });
  });

  it('equals the report over both posyandu records together', () => {
    const merged: ReportInput = {
      persons: [...melati.persons, ...mawar.persons],
      measurements: [...melati.measurements, ...mawar.measurements],
      services: [...melati.services, ...mawar.services],
      immunizations: [...melati.immunizations, ...mawar.immunizations],
      visits: [...melati.visits, ...mawar.visits],
      screenings: [],
      referrals: [],
    };
    expect(both).toEqual(monthlyReport(merged, '2026-03'));
  });

  it('is all zeros, with every figure named, for a desa without posyandu records', () => {
    const empty = sumReports('2026-03', [], MONTHLY_REPORT_VERSION);
    expect(empty.skdn.total.S).toBe(0);
    expect(empty.figures.home_visits).toBe(0);
    expect(empty.skdn.ratios.DS).toBeNull();
  });
});

describe('the report input from stored records', () => {
  const meta = {
    posyanduId: 'p',
    recordedBy: { kaderId: 'k', deviceId: 'd' },
    recordedAt: '2026-04-01T00:00:00Z',
    hlc: 'h',
  };
  const person = (id: string, extra: Partial<Person> = {}) =>
    ({
      ...meta,
      id,
      householdId: 'h1',
      name: id,
      sex: 'female',
      birthDate: '2025-12-10',
      relationToHead: 'child',
      jkn: { member: false },
      status: 'active',
      ...extra,
    }) as Person;
  const m = (id: string, weightKg: number, supersedes?: string) =>
    ({
      ...meta,
      id,
      personId: 'A',
      date: '2026-03-31',
      weightKg,
      ...(supersedes ? { supersedes } : {}),
    }) as Measurement;

  it('leaves out deleted persons and counts a corrected weighing once, as the correction', () => {
    const input = reportInputFrom({
      persons: [person('A'), person('Z', { deletedAt: '2026-03-02T00:00:00Z' })],
      measurements: [m('w1', 4.0), m('w2', 6.0, 'w1')],
      services: [],
      immunizations: [],
      visits: [],
      pregnancies: [],
      screenings: [],
      referrals: [],
    });
    expect(input.persons.map((p) => p.id)).toEqual(['A']);
    expect(input.measurements.map((x) => x.weightKg)).toEqual([6.0]);
  });
});
