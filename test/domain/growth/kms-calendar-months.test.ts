import { describe, expect, it } from 'vitest';
import { judgeKmsHistory } from '../../../src/domain/growth/kms-judgement.ts';

/** The KMS counts the child's age in calendar months, as the mother does from the Buku KIA. */
describe('KMS N/T by calendar month', () => {
  const judge = (birth: string, first: string, second: string, gainGrams: number) =>
    judgeKmsHistory(birth, [
      { date: first, weightKg: 4 },
      { date: second, weightKg: 4 + gainGrams / 1000 },
    ])[1];

  it('counts born 15 Jan, weighed 15 Mar as 2 months: 800 g is below the 900 g minimum, T', () => {
    expect(judge('2025-01-15', '2025-02-15', '2025-03-15', 800)).toMatchObject({
      ageMonths: 2,
      minGainGrams: 900,
      code: 'T',
    });
    expect(judge('2025-01-15', '2025-02-15', '2025-03-15', 900)?.code).toBe('N'); // the minimum itself
    expect(judge('2025-01-15', '2025-02-15', '2025-03-15', 1000)?.code).toBe('N');
  });

  it('counts the day before the monthly birthday as one month less', () => {
    expect(judge('2025-01-15', '2025-02-14', '2025-03-14', 800)).toMatchObject({
      ageMonths: 1,
      minGainGrams: 800,
      code: 'N',
    });
  });

  it('clamps month ends: born 31 Jan is 1 month old on 28 Feb and 2 months on 31 Mar', () => {
    expect(judge('2025-01-31', '2025-01-31', '2025-02-28', 800)).toMatchObject({ ageMonths: 1, code: 'N' });
    expect(judge('2025-01-31', '2025-02-28', '2025-03-30', 800)).toMatchObject({ ageMonths: 1, code: 'N' });
    expect(judge('2025-01-31', '2025-02-28', '2025-03-31', 800)).toMatchObject({ ageMonths: 2, code: 'T' });
  });

  it('handles a leap-day birth: 29 Feb 2024 is 2 months old on 29 Apr, not on 28 Apr', () => {
    expect(judge('2024-02-29', '2024-03-29', '2024-04-28', 850)).toMatchObject({ ageMonths: 1, code: 'N' });
    expect(judge('2024-02-29', '2024-03-29', '2024-04-29', 850)).toMatchObject({ ageMonths: 2, code: 'T' });
  });
});
