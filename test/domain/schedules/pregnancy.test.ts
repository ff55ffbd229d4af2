import { addDays } from '../../../src/domain/dates/calendar.ts';
import { describe, expect, it } from 'vitest';
import {
  assessDangerSigns,
  assessKek,
  estimatedDueDate,
  gestationalAge,
  nextAntenatalContact,
  pregnancyStatus,
  PREGNANCY_RULES,
} from '../../../src/domain/schedules/pregnancy.ts';
import { newbornVisits, postpartumVisits, inNifas } from '../../../src/domain/schedules/postpartum-newborn.ts';

describe('due date and gestational age', () => {
  it('adds 280 days to the last period, across month ends and leap days', () => {
    expect(estimatedDueDate('2026-01-01')).toBe('2026-10-08');
    expect(estimatedDueDate('2024-01-01')).toBe('2024-10-07');
    // Naegele by months would say 8 March; the leap day makes 280 days land on 7 March.
    expect(estimatedDueDate('2023-06-01')).toBe('2024-03-07');
    // Recorded with only a due date: the last period is read back from it.
    expect(pregnancyStatus({ estimatedDueDate: '2026-10-08' }, [], [], '2026-05-01').lastMenstrualPeriod).toBe(
      '2026-01-01',
    );
  });

  it('gives completed weeks and days', () => {
    expect(gestationalAge('2026-01-01', '2026-04-01')).toEqual({ weeks: 12, days: 6, totalDays: 90 });
    expect(gestationalAge('2026-01-01', '2026-04-02')).toEqual({ weeks: 13, days: 0, totalDays: 91 });
    expect(() => gestationalAge('2026-01-01', '2025-12-31')).toThrow(RangeError);
  });

  it('changes trimester at 13 and 25 completed weeks by default, configurably', () => {
    // The trimester after `weeks` completed weeks of a pregnancy whose last period was 1 January.
    const trimesterAt = (weeks: number, rules = PREGNANCY_RULES) =>
      pregnancyStatus(
        { lastMenstrualPeriod: '2026-01-01', estimatedDueDate: '2026-10-08' },
        [],
        [],
        addDays('2026-01-01', weeks * 7),
        rules,
      ).trimester;
    expect(trimesterAt(12)).toBe(1);
    expect(trimesterAt(13)).toBe(2);
    expect(trimesterAt(24)).toBe(2);
    expect(trimesterAt(25)).toBe(3);
    const alt = { ...PREGNANCY_RULES, trimester2FromWeek: 14, trimester3FromWeek: 28 };
    expect(trimesterAt(13, alt)).toBe(1);
    expect(trimesterAt(27, alt)).toBe(2);
  });

  it('reads the trimester of given dates', () => {
    const at = (date: string) =>
      pregnancyStatus({ lastMenstrualPeriod: '2026-01-01', estimatedDueDate: '2026-10-08' }, [], [], date);
    expect(at('2026-04-01').trimester).toBe(1);
    expect(at('2026-04-02').trimester).toBe(2);
    expect(at('2026-06-24').trimester).toBe(2);
    expect(at('2026-06-25').trimester).toBe(3);
    expect(at('2026-10-08').pastDueDate).toBe(false);
    expect(at('2026-10-09').pastDueDate).toBe(true);
  });
});

describe('antenatal contacts K1-K6', () => {
  const pregnancy = { id: 'preg-1', lastMenstrualPeriod: '2026-01-01', estimatedDueDate: '2026-10-08' };
  const visits = [
    { kind: 'antenatal' as const, date: '2026-02-15', pregnancyId: 'preg-1' },
    { kind: 'antenatal' as const, date: '2026-05-01' },
    { kind: 'posyandu' as const, date: '2026-05-20' },
    { kind: 'antenatal' as const, date: '2026-05-25', pregnancyId: 'other-pregnancy' },
  ];

  it('counts visits per trimester (1-2-3) and reports done, missed and due', () => {
    const status = pregnancyStatus(pregnancy, visits, [], '2026-07-01');
    expect(status.contacts.map((c) => [c.code, c.trimester, c.status])).toEqual([
      ['K1', 1, 'done'],
      ['K2', 2, 'done'],
      ['K3', 2, 'missed'],
      ['K4', 3, 'due'],
      ['K5', 3, 'due'],
      ['K6', 3, 'due'],
    ]);
    expect(status.contacts[2]).toMatchObject({ windowFrom: '2026-04-02', windowTo: '2026-06-24' });
  });

  it('shows a first contact made in trimester 2 as the K1 it was recorded as, not K1 missed and K2 done', () => {
    // Registered at 19 weeks, never seen before: the app offers K1 (the first contact), the kader records it.
    const firstSeen = '2026-05-15';
    const before = pregnancyStatus(pregnancy, [], [], firstSeen);
    expect(nextAntenatalContact(before)?.code).toBe('K1');
    const recorded = [{ kind: 'antenatal' as const, date: firstSeen, pregnancyId: 'preg-1', contactCode: 'K1' }];
    const after = pregnancyStatus(pregnancy, recorded, [], firstSeen);
    expect(after.contacts.map((c) => [c.code, c.status])).toEqual([
      ['K1', 'done'],
      ['K2', 'due'],
      ['K3', 'due'],
      ['K4', 'upcoming'],
      ['K5', 'upcoming'],
      ['K6', 'upcoming'],
    ]);
    // The next visit this trimester is K2, and once started a missed earlier contact is not offered again.
    expect(nextAntenatalContact(after)?.code).toBe('K2');
  });

  it('follows an alternative 2-1-3 distribution', () => {
    const alt = { ...PREGNANCY_RULES, contactsPerTrimester: [2, 1, 3] as const };
    const status = pregnancyStatus(pregnancy, visits, [], '2026-07-01', alt);
    expect(status.contacts.map((c) => c.status)).toEqual(['done', 'missed', 'done', 'due', 'due', 'due']);
  });

  it('shows future trimesters as upcoming and stops at the end of the pregnancy', () => {
    const early = pregnancyStatus(pregnancy, [], [], '2026-02-01');
    expect(early.contacts.map((c) => c.status)).toEqual([
      'due',
      'upcoming',
      'upcoming',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    const ended = pregnancyStatus(
      { ...pregnancy, outcome: 'miscarriage', outcomeDate: '2026-03-01' },
      visits.slice(0, 1),
      [],
      '2026-07-01',
    );
    expect(ended.contacts.map((c) => c.status)).toEqual([
      'done',
      'not_applicable',
      'not_applicable',
      'not_applicable',
      'not_applicable',
      'not_applicable',
    ]);
  });

  it('counts iron tablets of this pregnancy toward 90', () => {
    const services = [
      { service: 'ttd', date: '2025-12-01', quantity: 30 },
      { service: 'ttd', date: '2026-02-15', quantity: 30 },
      { service: 'ttd', date: '2026-05-01', quantity: 30 },
      { service: 'vitamin_a_red', date: '2026-05-01' },
    ];
    expect(pregnancyStatus(pregnancy, [], services, '2026-07-01').ironTablets).toEqual({
      count: 60,
      target: 90,
      reached: false,
    });
    const more = [...services, { service: 'ttd', date: '2026-06-01', quantity: 30 }];
    expect(pregnancyStatus(pregnancy, [], more, '2026-07-01').ironTablets.reached).toBe(true);
  });
});

describe('KEK and danger signs', () => {
  it('flags upper-arm circumference under 23.5 cm', () => {
    expect(assessKek(23.4).kek).toBe(true);
    expect(assessKek(23.5).kek).toBe(false);
  });

  it('turns any known danger sign into an urgent referral with an Indonesian reason', () => {
    const none = assessDangerSigns([]);
    expect(none.urgentReferral).toBe(false);
    const some = assessDangerSigns(['preg_bleeding', 'preg_high_fever', 'made_up']);
    expect(some.urgentReferral).toBe(true);
    expect(some.unknownCodes).toEqual(['made_up']);
    expect(some.referralReason).toBe('Tanda bahaya: Perdarahan dari jalan lahir; Demam tinggi');
    expect(assessDangerSigns(['made_up']).urgentReferral).toBe(false);
  });
});

describe('postpartum KF1-KF4 and newborn KN1-KN3 windows', () => {
  it('computes windows from the birth date and what is done, missed, due and upcoming', () => {
    const visits = [
      { kind: 'postpartum' as const, date: '2026-03-11' },
      { kind: 'neonatal' as const, date: '2026-03-11' },
      { kind: 'neonatal' as const, date: '2026-03-16' },
    ];
    const kf = postpartumVisits('2026-03-10', visits, '2026-03-20');
    expect(kf.map((w) => [w.code, w.from, w.to, w.status])).toEqual([
      ['KF1', '2026-03-10', '2026-03-12', 'done'],
      ['KF2', '2026-03-13', '2026-03-17', 'missed'],
      ['KF3', '2026-03-18', '2026-04-07', 'due'],
      ['KF4', '2026-04-08', '2026-04-21', 'upcoming'],
    ]);
    const kn = newbornVisits('2026-03-10', visits, '2026-03-20');
    expect(kn.map((w) => [w.code, w.status])).toEqual([
      ['KN1', 'done'],
      ['KN2', 'done'],
      ['KN3', 'due'],
    ]);
  });

  it('handles a birth just before a leap day and counts a coded late visit', () => {
    const kf = postpartumVisits(
      '2024-02-28',
      [{ kind: 'postpartum', date: '2024-03-09', contactCode: 'KF2' }],
      '2024-03-09',
    );
    expect(kf.map((w) => [w.code, w.from, w.to, w.status])).toEqual([
      ['KF1', '2024-02-28', '2024-03-01', 'missed'],
      ['KF2', '2024-03-02', '2024-03-06', 'done'],
      ['KF3', '2024-03-07', '2024-03-27', 'due'],
      ['KF4', '2024-03-28', '2024-04-10', 'upcoming'],
    ]);
    expect(inNifas('2024-02-28', '2024-04-10')).toBe(true);
    expect(inNifas('2024-02-28', '2024-04-11')).toBe(false);
  });
});
