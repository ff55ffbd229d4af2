// assessPerson computes a child's immunisation status once for the package and the home-visit tasks (it did so
// up to three times); a second time only when a record is dated on or after the day (the package's "before").
import { describe, expect, it, vi } from 'vitest';
import { assessPerson } from '../../../src/domain/assessment/assess-person.ts';
import { NATIONAL_DAY_RULES } from '../../../src/domain/posyandu-day/daily-package.ts';
import { NATIONAL_FOLLOW_UP_RULES } from '../../../src/domain/posyandu-day/follow-up-tasks.ts';
import * as status from '../../../src/domain/schedules/child-immunization-status.ts';
import { records, TODAY } from './person-records.ts';

vi.mock('../../../src/domain/schedules/child-immunization-status.ts', async (original) => {
  const actual = await original<typeof status>();
  return { ...actual, childImmunizationStatus: vi.fn(actual.childImmunizationStatus) };
});
const calls = vi.mocked(status.childImmunizationStatus);

// Born 2026-02-10: on 2026-08-12 (6 months) DPT-HB-Hib 1-3 and more are overdue with only HB0 and BCG given.
const baby = (immunizations: { vaccine: string; date: string }[]) =>
  records({ birthDate: '2026-02-10', sex: 'male' }, { immunizations });
const history = [
  { vaccine: 'HB0', date: '2026-02-10' },
  { vaccine: 'BCG', date: '2026-03-02' },
];
const assess = (r: ReturnType<typeof baby>, options: Parameters<typeof assessPerson>[2] = {}) => {
  calls.mockClear();
  const assessment = assessPerson(r, TODAY, options);
  return { assessment, calls: calls.mock.calls.length };
};

describe('a child’s immunisation status in assessPerson', () => {
  it('is computed once when nothing is dated today, and the package and the tasks both use it', () => {
    const { assessment, calls: n } = assess(baby(history));
    expect(n).toBe(1);
    const due = assessment.package.missing.filter((i) => i.kind === 'immunization').map((i) => i.code);
    expect(due.length).toBeGreaterThan(0);
    const overdue = assessment.homeVisitTasks.filter((t) => t.kind === 'overdue_dose').map((t) => t.subject);
    expect(overdue.length).toBeGreaterThan(0);
    expect(due).toEqual(expect.arrayContaining(overdue));
  });

  it('twice when a dose is given today: the package shows it done, and its task is gone', () => {
    const before = assess(baby(history)).assessment;
    const dose = before.package.missing.find((i) => i.kind === 'immunization');
    if (!dose) throw new Error('a dose due today expected');
    const { assessment, calls: n } = assess(baby([...history, { vaccine: dose.code, date: TODAY }]));
    expect(n).toBe(2);
    expect(assessment.package.done).toContainEqual({ kind: 'immunization', code: dose.code });
    expect(assessment.homeVisitTasks.some((t) => t.kind === 'overdue_dose' && t.subject === dose.code)).toBe(false);
  });

  it('gives what separate computations give when the two rule sets name different schedules', () => {
    const shared = assess(baby(history)).assessment;
    const schedule = { ...NATIONAL_DAY_RULES.immunization };
    const separate = assess(baby(history), {
      dayRules: NATIONAL_DAY_RULES,
      followUpRules: { ...NATIONAL_FOLLOW_UP_RULES, immunization: schedule },
    });
    expect(separate.calls).toBe(2);
    expect(separate.assessment).toEqual(shared);
  });

  it('is not computed for a child past the last posyandu dose', () => {
    expect(assess(records({ birthDate: '2019-01-01', sex: 'female' })).calls).toBe(0);
  });
});
