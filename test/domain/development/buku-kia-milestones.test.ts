import { describe, expect, it } from 'vitest';
import { assessPerson } from '../../../src/domain/assessment/assess-person.ts';
import { dailyPackage } from '../../../src/domain/posyandu-day/daily-package.ts';
import {
  BUKU_KIA_MILESTONES,
  milestoneBandFor,
  scoreMilestones,
} from '../../../src/domain/development/buku-kia-milestones.ts';
import { finding, records, TODAY } from '../assessment/person-records.ts';

describe('the Buku KIA development checklist by age', () => {
  it.each([
    ['2026-07-13', undefined], // 0 months 30 days: nothing asked yet
    ['2026-07-12', 1],
    ['2025-02-13', 12], // 17 months 30 days: still the 12-month band
    ['2025-02-12', 18],
    ['2020-09-12', 60], // 71 months
    ['2020-08-12', undefined], // 72 months: past the checklist
  ])('born %s, on %s the band is %s', (birthDate, band) => {
    expect(milestoneBandFor(birthDate, TODAY)?.fromMonths).toBe(band);
  });

  it('reads one "tidak" as a suspected delay, all "ya" as on track', () => {
    const band = BUKU_KIA_MILESTONES.bands[5];
    if (!band) throw new Error('no 18-month band');
    const allYes = Object.fromEntries(band.items.map((i) => [i, true]));
    expect(scoreMilestones(band, allYes).result).toBe('on_track');
    expect(scoreMilestones(band, { ...allYes, m18_walk: false })).toEqual({
      result: 'delay_suspected',
      notYet: ['m18_walk'],
    });
  });
});

describe('a "tidak" acts: finding, referral to the puskesmas for KPSP, home-visit task', () => {
  const checked = (result: string) =>
    assessPerson(
      records(
        { birthDate: '2025-02-12', sex: 'male' },
        {
          screenings: [{ date: TODAY, instrument: 'development_kia', answers: { m18_walk: false }, score: 1, result }],
        },
      ),
      TODAY,
    );

  it('refers a suspected delay', () => {
    const a = checked('delay_suspected');
    expect(finding(a, 'screening')).toMatchObject({ code: 'development:delay_suspected', level: 'refer' });
    expect(a.referrals).toEqual([
      expect.objectContaining({ code: 'development:delay_suspected', destination: 'puskesmas', urgency: 'routine' }),
    ]);
    expect(a.homeVisitTasks.some((t) => t.subject === 'screening/development:delay_suspected')).toBe(true);
  });

  it('refers nobody on track', () => {
    expect(checked('on_track').referrals).toEqual([]);
  });

  it('is in the posyandu package from 1 month, then every 3 months', () => {
    const pkg = (birthDate: string, screenings: { date: string; instrument: string }[] = []) =>
      dailyPackage(
        { person: { id: 'c', birthDate, sex: 'male' }, immunizations: [], services: [], measurements: [], screenings },
        TODAY,
      ).expected.some((i) => i.code === 'development_kia');
    expect(pkg('2026-07-13')).toBe(false);
    expect(pkg('2026-07-12')).toBe(true);
    expect(pkg('2025-02-12', [{ date: '2026-05-13', instrument: 'development_kia' }])).toBe(false);
    expect(pkg('2025-02-12', [{ date: '2026-05-12', instrument: 'development_kia' }])).toBe(true);
  });
});
