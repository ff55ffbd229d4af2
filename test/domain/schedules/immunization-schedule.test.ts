import { describe, expect, it } from 'vitest';
import {
  childImmunizationStatus,
  posyanduDueList,
  type DoseState,
} from '../../../src/domain/schedules/child-immunization-status.ts';
import {
  NATIONAL_IMMUNIZATION_SCHEDULE,
  type ImmunizationSchedule,
} from '../../../src/domain/schedules/immunization-schedule.ts';

/** [code, due day, overdue day, last allowed day] written out by hand from the schedule table (reference §4.1). */
type Row = [string, string, string, string];

const byCode = (doses: readonly DoseState[]) => new Map(doses.map((d) => [d.code, d]));

function expectRows(birthDate: string, rows: Row[]) {
  const { doses } = childImmunizationStatus({ birthDate, sex: 'female' }, [], birthDate);
  const states = byCode(doses);
  for (const [code, due, overdue, latest] of rows) {
    const state = states.get(code);
    expect(state, code).toBeDefined();
    expect([code, state?.dueDate, state?.overdueDate, state?.latestDate]).toEqual([code, due, overdue, latest]);
  }
  // Every posyandu dose of the schedule is covered by the table.
  const posyanduCodes = doses.filter((d) => d.setting === 'posyandu').map((d) => d.code);
  expect(posyanduCodes.sort()).toEqual(rows.map((r) => r[0]).sort());
}

describe('due, overdue and last day of every dose', () => {
  it('for a leap-day birth (2024-02-29)', () => {
    const under5 = '2029-02-27';
    const rv = '2024-09-27';
    expectRows('2024-02-29', [
      ['hb0', '2024-02-29', '2024-03-01', '2024-03-07'],
      ['bcg', '2024-02-29', '2024-03-29', '2025-02-27'],
      ['opv_1', '2024-02-29', '2024-03-29', under5],
      ['opv_2', '2024-04-29', '2024-05-29', under5],
      ['opv_3', '2024-05-29', '2024-06-29', under5],
      ['opv_4', '2024-06-29', '2024-07-29', under5],
      ['dpt_hb_hib_1', '2024-04-29', '2024-05-29', under5],
      ['dpt_hb_hib_2', '2024-05-29', '2024-06-29', under5],
      ['dpt_hb_hib_3', '2024-06-29', '2024-07-29', under5],
      ['pcv_1', '2024-04-29', '2024-05-29', under5],
      ['pcv_2', '2024-05-29', '2024-06-29', under5],
      ['rv_1', '2024-04-29', '2024-05-29', rv],
      ['rv_2', '2024-05-29', '2024-06-29', rv],
      ['rv_3', '2024-06-29', '2024-07-29', rv],
      ['ipv_1', '2024-06-29', '2024-07-29', under5],
      ['mr_1', '2024-11-29', '2024-12-29', under5],
      ['ipv_2', '2024-11-29', '2024-12-29', under5],
      ['pcv_3', '2025-02-28', '2025-03-29', under5],
      ['dpt_hb_hib_4', '2025-08-29', '2025-09-29', under5],
      ['mr_2', '2025-08-29', '2025-09-29', under5],
    ]);
  });

  it('for a 31 January birth (February is short)', () => {
    const under5 = '2030-01-30';
    const rv = '2025-08-29';
    expectRows('2025-01-31', [
      ['hb0', '2025-01-31', '2025-02-01', '2025-02-07'],
      ['bcg', '2025-01-31', '2025-02-28', '2026-01-30'],
      ['opv_1', '2025-01-31', '2025-02-28', under5],
      ['opv_2', '2025-03-31', '2025-04-30', under5],
      ['opv_3', '2025-04-30', '2025-05-31', under5],
      ['opv_4', '2025-05-31', '2025-06-30', under5],
      ['dpt_hb_hib_1', '2025-03-31', '2025-04-30', under5],
      ['dpt_hb_hib_2', '2025-04-30', '2025-05-31', under5],
      ['dpt_hb_hib_3', '2025-05-31', '2025-06-30', under5],
      ['pcv_1', '2025-03-31', '2025-04-30', under5],
      ['pcv_2', '2025-04-30', '2025-05-31', under5],
      ['rv_1', '2025-03-31', '2025-04-30', rv],
      ['rv_2', '2025-04-30', '2025-05-31', rv],
      ['rv_3', '2025-05-31', '2025-06-30', rv],
      ['ipv_1', '2025-05-31', '2025-06-30', under5],
      ['mr_1', '2025-10-31', '2025-11-30', under5],
      ['ipv_2', '2025-10-31', '2025-11-30', under5],
      ['pcv_3', '2026-01-31', '2026-02-28', under5],
      ['dpt_hb_hib_4', '2026-07-31', '2026-08-31', under5],
      ['mr_2', '2026-07-31', '2026-08-31', under5],
    ]);
  });

  it('for a 31 August birth (30-day months and February)', () => {
    const under5 = '2030-08-30';
    const rv = '2026-03-29';
    expectRows('2025-08-31', [
      ['hb0', '2025-08-31', '2025-09-01', '2025-09-07'],
      ['bcg', '2025-08-31', '2025-09-30', '2026-08-30'],
      ['opv_1', '2025-08-31', '2025-09-30', under5],
      ['opv_2', '2025-10-31', '2025-11-30', under5],
      ['opv_3', '2025-11-30', '2025-12-31', under5],
      ['opv_4', '2025-12-31', '2026-01-31', under5],
      ['dpt_hb_hib_1', '2025-10-31', '2025-11-30', under5],
      ['dpt_hb_hib_2', '2025-11-30', '2025-12-31', under5],
      ['dpt_hb_hib_3', '2025-12-31', '2026-01-31', under5],
      ['pcv_1', '2025-10-31', '2025-11-30', under5],
      ['pcv_2', '2025-11-30', '2025-12-31', under5],
      ['rv_1', '2025-10-31', '2025-11-30', rv],
      ['rv_2', '2025-11-30', '2025-12-31', rv],
      ['rv_3', '2025-12-31', '2026-01-31', rv],
      ['ipv_1', '2025-12-31', '2026-01-31', under5],
      ['mr_1', '2026-05-31', '2026-06-30', under5],
      ['ipv_2', '2026-05-31', '2026-06-30', under5],
      ['pcv_3', '2026-08-31', '2026-09-30', under5],
      ['dpt_hb_hib_4', '2027-02-28', '2027-03-31', under5],
      ['mr_2', '2027-02-28', '2027-03-31', under5],
    ]);
  });

  it('puts the 2-month doses of a 31 December child on 29 February in a leap year', () => {
    const { doses } = childImmunizationStatus({ birthDate: '2023-12-31', sex: 'male' }, [], '2024-01-01');
    expect(byCode(doses).get('dpt_hb_hib_1')?.dueDate).toBe('2024-02-29');
  });
});

describe('status of each dose on a date', () => {
  const child = { personId: 'p1', birthDate: '2025-01-31', sex: 'male' as const };

  it('moves from upcoming to due to overdue on the exact days', () => {
    const at = (date: string) => byCode(childImmunizationStatus(child, [], date).doses).get('dpt_hb_hib_1')?.status;
    expect(at('2025-03-30')).toBe('upcoming');
    expect(at('2025-03-31')).toBe('due');
    expect(at('2025-04-29')).toBe('due');
    expect(at('2025-04-30')).toBe('overdue');
  });

  it('marks rotavirus too late after 6 months 29 days, and HB0 after day 7', () => {
    const at = (date: string) => byCode(childImmunizationStatus(child, [], date).doses);
    expect(at('2025-08-29').get('rv_1')?.status).toBe('overdue');
    expect(at('2025-08-30').get('rv_1')?.status).toBe('too_late');
    expect(at('2025-02-07').get('hb0')?.status).toBe('overdue');
    expect(at('2025-02-08').get('hb0')?.status).toBe('too_late');
  });

  it('records a dose as done and blocks the next dose of the series until the previous is given', () => {
    const states = byCode(childImmunizationStatus(child, [{ vaccine: 'bcg', date: '2025-03-05' }], '2025-05-10').doses);
    expect(states.get('bcg')).toMatchObject({ status: 'done', givenDate: '2025-03-05' });
    expect(states.get('dpt_hb_hib_1')).toMatchObject({ status: 'overdue', givableNow: true });
    expect(states.get('dpt_hb_hib_2')).toMatchObject({ status: 'due', givableNow: false, blockedBy: 'dpt_hb_hib_1' });
  });

  it('shifts a dose after a late previous one by the minimum interval (4 weeks) plus one posyandu month', () => {
    const given = [{ vaccine: 'dpt_hb_hib_1', date: '2025-05-20' }];
    const at = (date: string) => byCode(childImmunizationStatus(child, given, date).doses).get('dpt_hb_hib_2');
    expect(at('2025-06-16')).toMatchObject({ status: 'upcoming', dueDate: '2025-06-17', overdueDate: '2025-07-17' });
    expect(at('2025-06-17')).toMatchObject({ status: 'due', givableNow: true });
    expect(at('2025-07-17')?.status).toBe('overdue');
  });

  it('keeps the IPV1 to IPV2 interval at 4 months (configurable)', () => {
    const given = [{ vaccine: 'ipv_1', date: '2025-09-15' }];
    const state = byCode(childImmunizationStatus(child, given, '2025-11-01').doses).get('ipv_2');
    expect(state).toMatchObject({ dueDate: '2026-01-15', status: 'upcoming' });
    const threeMonths: ImmunizationSchedule = {
      ...NATIONAL_IMMUNIZATION_SCHEDULE,
      version: 'test-ipv-3m',
      doses: NATIONAL_IMMUNIZATION_SCHEDULE.doses.map((d) =>
        d.code === 'ipv_2' ? { ...d, minInterval: { months: 3 } } : d,
      ),
    };
    const alt = childImmunizationStatus(child, given, '2025-11-01', threeMonths);
    expect(alt.scheduleVersion).toBe('test-ipv-3m');
    expect(byCode(alt.doses).get('ipv_2')?.dueDate).toBe('2025-12-15');
  });

  it('makes a rotavirus dose too late when its interval would pass the age limit', () => {
    const given = [
      { vaccine: 'rv_1', date: '2025-06-20' },
      { vaccine: 'rv_2', date: '2025-07-25' },
    ];
    const state = byCode(childImmunizationStatus(child, given, '2025-08-01').doses).get('rv_3');
    expect(state).toMatchObject({ dueDate: '2025-08-22', status: 'upcoming' });
    const late = [{ vaccine: 'rv_1', date: '2025-08-10' }];
    expect(byCode(childImmunizationStatus(child, late, '2025-08-12').doses).get('rv_2')?.status).toBe('too_late');
  });

  it('fills a bare series code into the next open dose and ignores a superseded record', () => {
    const given = [
      { id: 'a', vaccine: 'opv', date: '2025-03-01' },
      { id: 'b', vaccine: 'opv', date: '2025-04-01' },
      { id: 'c', vaccine: 'pcv_1', date: '2025-04-01' },
      { id: 'd', vaccine: 'pcv_1', date: '2025-04-02', supersedes: 'c' },
    ];
    const states = byCode(childImmunizationStatus(child, given, '2025-05-01').doses);
    expect(states.get('opv_1')?.givenDate).toBe('2025-03-01');
    expect(states.get('opv_2')?.givenDate).toBe('2025-04-01');
    expect(states.get('opv_3')?.status).toBe('due');
    expect(states.get('pcv_1')?.givenDate).toBe('2025-04-02');
  });

  it('shows HPV only for girls and JE only where switched on', () => {
    const girl = childImmunizationStatus({ ...child, sex: 'female' }, [], '2025-02-01').doses.map((d) => d.code);
    const boy = childImmunizationStatus(child, [], '2025-02-01').doses.map((d) => d.code);
    expect(girl).toContain('hpv');
    expect(boy).not.toContain('hpv');
    expect(boy).not.toContain('je');
    const bali = { ...NATIONAL_IMMUNIZATION_SCHEDULE, enabledOptional: ['je'] };
    const je = byCode(childImmunizationStatus(child, [], '2025-12-01', bali).doses).get('je');
    expect(je).toMatchObject({ dueDate: '2025-11-30', status: 'due' });
  });
});

describe('posyanduDueList', () => {
  it('lists givable posyandu doses for every child, most overdue first, without school or blocked doses', () => {
    const list = posyanduDueList(
      [
        {
          personId: 'young',
          birthDate: '2025-10-01',
          sex: 'female',
          immunizations: [{ vaccine: 'hb0', date: '2025-10-01' }],
        },
        { personId: 'late', birthDate: '2025-06-01', sex: 'male', immunizations: [] },
        { personId: 'older', birthDate: '2025-03-01', sex: 'male', immunizations: [] },
        { personId: 'school', birthDate: '2018-01-01', sex: 'female', immunizations: [] },
      ],
      '2025-12-01',
    );
    const late = list.filter((e) => e.personId === 'late').map((e) => e.code);
    expect(late).toContain('bcg');
    expect(late).toContain('dpt_hb_hib_1');
    expect(late).not.toContain('dpt_hb_hib_2');
    // Six months old: rotavirus 1 is still allowed until 6 months 29 days (2025-12-30).
    expect(late).toContain('rv_1');
    const older = list.filter((e) => e.personId === 'older').map((e) => e.code);
    expect(older).toContain('mr_1');
    expect(older).not.toContain('rv_1');
    expect(list.some((e) => e.personId === 'school')).toBe(false);
    expect(list.filter((e) => e.personId === 'young').map((e) => e.code)).toEqual([
      'bcg',
      'opv_1', // opv_2 is due by age but waits for opv_1
      'dpt_hb_hib_1',
      'pcv_1',
      'rv_1',
    ]);
    expect(list[0]?.personId).toBe('older');
    for (let i = 1; i < list.length; i += 1)
      expect(list[i - 1]!.daysOverdue).toBeGreaterThanOrEqual(list[i]!.daysOverdue);
  });
});
