import { describe, expect, it } from 'vitest';
import { childImmunizationStatus } from '../../../src/domain/schedules/child-immunization-status.ts';
import { BUKU_KIA_DANGER_SIGNS } from '../../../src/domain/schedules/pregnancy-rules.ts';

const stateOf = (birthDate: string, given: { vaccine: string; date: string }[], date: string, code: string) =>
  childImmunizationStatus({ birthDate, sex: 'female' }, given, date).doses.find((d) => d.code === code);

describe('BCG and OPV1 from birth, before one month', () => {
  it.each(['bcg', 'opv_1'])('%s is due on the birth day and to the day before one month, then overdue', (code) => {
    expect(stateOf('2025-01-31', [], '2025-01-31', code)).toMatchObject({ status: 'due', givableNow: true });
    expect(stateOf('2025-01-31', [], '2025-02-27', code)?.status).toBe('due');
    expect(stateOf('2025-01-31', [], '2025-02-28', code)?.status).toBe('overdue'); // 1 month (short February)
    expect(stateOf('2024-02-29', [], '2024-03-28', code)?.status).toBe('due');
    expect(stateOf('2024-02-29', [], '2024-03-29', code)?.status).toBe('overdue');
  });
});

describe('PCV catch-up by the age at the first dose', () => {
  const birth = '2024-03-10';

  it('started at 11 months: the infant series of three doses', () => {
    const doses = childImmunizationStatus({ birthDate: birth, sex: 'male' }, [], '2025-03-09').doses;
    expect(doses.filter((d) => d.code.startsWith('pcv_')).map((d) => d.status)).not.toContain('not_needed');
  });

  it('started at 12-23 months: two doses 8 weeks apart, no third', () => {
    const first = [{ vaccine: 'pcv', date: '2025-03-10' }]; // 12 months exactly
    expect(stateOf(birth, first, '2025-05-04', 'pcv_2')).toMatchObject({ status: 'upcoming', givableNow: false }); // 55 days
    expect(stateOf(birth, first, '2025-05-05', 'pcv_2')).toMatchObject({ givableNow: true, dueDate: '2025-05-05' }); // 56
    expect(stateOf(birth, first, '2025-05-05', 'pcv_3')?.status).toBe('not_needed');
    const lastDay = [{ vaccine: 'pcv', date: '2026-03-09' }]; // 23 months, the last day of the band
    expect(stateOf(birth, lastDay, '2026-05-04', 'pcv_2')?.givableNow).toBe(true);
    expect(stateOf(birth, lastDay, '2026-05-04', 'pcv_3')?.status).toBe('not_needed');
  });

  it('started from 24 months: one dose, the second and third not needed', () => {
    expect(stateOf(birth, [], '2026-03-10', 'pcv_1')?.givableNow).toBe(true);
    expect(stateOf(birth, [], '2026-03-10', 'pcv_2')?.status).toBe('not_needed');
    const one = [{ vaccine: 'pcv', date: '2026-03-10' }];
    expect(stateOf(birth, one, '2026-06-10', 'pcv_2')?.status).toBe('not_needed');
    expect(stateOf(birth, one, '2026-06-10', 'pcv_3')?.status).toBe('not_needed');
  });

  it('no PCV after the last day before the fifth birthday', () => {
    expect(stateOf(birth, [], '2029-03-09', 'pcv_1')?.givableNow).toBe(true);
    expect(stateOf(birth, [], '2029-03-10', 'pcv_1')?.status).toBe('too_late');
  });
});

describe('danger-sign lists', () => {
  const codes = (context: string) =>
    BUKU_KIA_DANGER_SIGNS.signs.filter((s) => s.context === context).map((s) => s.code);

  it('have pale stool and repeated vomiting for the newborn, pre-eclampsia signs after birth', () => {
    expect(codes('newborn')).toEqual(expect.arrayContaining(['nb_pale_stool', 'nb_repeated_vomiting']));
    expect(codes('postpartum')).toContain('pp_preeclampsia');
  });
});
