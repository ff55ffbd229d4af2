import { describe, expect, it } from 'vitest';
import { tdStatus } from '../../../src/domain/schedules/td-status.ts';

const td = (...dates: string[]) => dates.map((date) => ({ vaccine: 'td', date }));

describe('Td status T1-T5', () => {
  it('is T0 with nothing recorded, T1 after one dose with T2 due 4 weeks later', () => {
    expect(tdStatus([])).toMatchObject({ level: 0 });
    expect(tdStatus(td('2026-01-31'))).toMatchObject({ level: 1, nextDue: '2026-02-28' });
  });

  it('counts T2 only 28 days or more after T1', () => {
    expect(tdStatus(td('2026-01-01', '2026-01-28')).level).toBe(1); // 27 days
    expect(tdStatus(td('2026-01-01', '2026-01-29'))).toMatchObject({ level: 2, nextDue: '2026-07-29' }); // 28
  });

  it('needs 6 months before T3 (month ends clamp) and a year before T4 and T5', () => {
    const t2 = ['2025-01-01', '2025-08-31'];
    expect(tdStatus(td(...t2, '2026-02-27')).level).toBe(2);
    expect(tdStatus(td(...t2, '2026-02-28'))).toMatchObject({ level: 3, nextDue: '2027-02-28' });
    expect(tdStatus(td(...t2, '2026-02-28', '2027-02-27')).level).toBe(3);
    expect(tdStatus(td(...t2, '2026-02-28', '2027-02-28', '2028-02-28'))).toMatchObject({ level: 5 });
    expect(tdStatus(td(...t2, '2026-02-28', '2027-02-28', '2028-02-28')).nextDue).toBeUndefined();
  });

  it('ignores other vaccines', () => {
    expect(tdStatus([{ vaccine: 'mr_1', date: '2026-01-01' }]).level).toBe(0);
  });
});
