import { describe, expect, it } from 'vitest';
import type { Immunization } from '../../../protocol/index.ts';
import { childImmunizationStatus } from '../../../src/domain/schedules/child-immunization-status.ts';
import { checkKiaDraft, dosesToCopy, givenElsewhereCodes } from '../../../src/ui/screens/person/kia-doses.ts';
import { doseLine } from '../../../src/ui/screens/person/dose-line.ts';

const meta = {
  posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  recordedBy: { kaderId: 'k', deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60' },
  recordedAt: '2026-11-01T08:00:00Z',
  hlc: '001761984000000:00000:dev',
};

const today = '2026-11-01';
// Registered at 14 months, vaccinated at the puskesmas: the app has none of it yet.
const child = { birthDate: '2025-09-01', sex: 'male' as const };

function elsewhere(vaccine: string, date: string, id = vaccine): Immunization {
  return { ...meta, id, personId: 'p1', vaccine, date, givenElsewhere: true };
}

describe('copying the Buku KIA', () => {
  it('offers every posyandu dose due by now and not recorded', () => {
    const offered = dosesToCopy(child, [], today).map((dose) => dose.code);
    expect(offered).toContain('bcg');
    expect(offered).toContain('mr_1');
    expect(offered).not.toContain('dpt_hb_hib_4'); // at 18 months: not due yet
    const overdue = childImmunizationStatus(child, [], today).doses.filter((d) => d.status === 'overdue');
    expect(overdue.length).toBeGreaterThanOrEqual(10);
  });

  it('turns the typed dates into records given elsewhere, and the doses stop being overdue', () => {
    const offered = dosesToCopy(child, [], today);
    const draft = Object.fromEntries(offered.map((dose) => [dose.code, dose.dueDate]));
    draft.bcg = '';
    const check = checkKiaDraft('p1', child.birthDate, draft, today);
    expect(check.problems).toEqual({});
    expect(check.records).toHaveLength(offered.length - 1);
    expect(check.records.every((r) => r.givenElsewhere === true && r.personId === 'p1')).toBe(true);
    const given = check.records.map((r, i) => elsewhere(r.vaccine, r.date, `i${i}`));
    const after = childImmunizationStatus(child, given, today).doses;
    const recorded = new Set(check.records.map((r) => r.vaccine));
    expect(after.filter((d) => recorded.has(d.code)).every((d) => d.status === 'done')).toBe(true);
    // PCV 3, not needed for a late start with no PCV, is needed once PCV 1 and 2 are copied: it was offered too.
    expect(recorded).toContain('pcv_3');
    expect(after.filter((d) => d.status === 'overdue')).toEqual([]);
    expect(dosesToCopy(child, given, today).map((d) => d.code)).not.toContain('mr_1');
    expect(dosesToCopy(child, given, today).map((d) => d.code)).toContain('bcg');
  });

  it('refuses a date before birth or still to come, and an empty form, saving nothing', () => {
    const check = checkKiaDraft(
      'p1',
      child.birthDate,
      { bcg: '2025-08-01', opv_1: '2026-12-01', hb0: '2025-09-01' },
      today,
    );
    expect(check.problems).toEqual({ bcg: 'kia_before_birth', opv_1: 'kia_future' });
    expect(check.records).toEqual([]);
    expect(checkKiaDraft('p1', child.birthDate, { bcg: '' }, today).problems).toEqual({ form: 'kia_nothing' });
  });
});

describe('a dose line says what its date means', () => {
  const status = (given: Immunization[]) => childImmunizationStatus(child, given, today).doses;

  it('reads a given dose as given, and given elsewhere when the Buku KIA said so', () => {
    const given = [elsewhere('bcg', '2025-09-10')];
    const bcg = status(given).find((d) => d.code === 'bcg');
    expect(bcg && doseLine(bcg, givenElsewhereCodes(given).has('bcg'))).toEqual({
      key: 'doseGivenElsewhereOn',
      date: '2025-09-10',
    });
  });

  it('never reads the due date of a dose not given as a date given', () => {
    for (const dose of status([])) {
      const line = doseLine(dose, false);
      if (line) expect(line.key).not.toMatch(/^doseGiven/);
    }
  });
});
