import { describe, expect, it } from 'vitest';
import type { Immunization, Person } from '../../../protocol/index.ts';
import type { TimelineEntry } from '../../../src/storage/index.ts';
import { dosesToCopy } from '../../../src/ui/screens/person/kia-doses.ts';
import { personView } from '../../../src/ui/screens/person/person-view.ts';

const meta = {
  posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  recordedBy: { kaderId: 'k', deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60' },
  recordedAt: '2026-08-01T08:00:00Z',
  hlc: '001761984000000:00000:dev',
};
const today = '2026-08-12';

function person(id: string, birthDate: string, sex: 'male' | 'female', extra: Partial<Person> = {}): Person {
  return {
    ...meta,
    id,
    householdId: 'h',
    name: id,
    sex,
    birthDate,
    relationToHead: 'child',
    jkn: { member: false },
    status: 'active',
    ...extra,
  };
}

describe('the person page view', () => {
  const toddler = person('dimas', '2025-06-10', 'male', { motherId: 'wati' });

  it('sends the kader to a 14-month-old registered late for every dose the app has not seen', () => {
    const view = personView(toddler, [], today);
    expect(view.underFive).toBe(true);
    // One task per series that can be given next (a dose blocked by an earlier one waits for it).
    expect(view.openTasks.filter((task) => task.kind === 'overdue_dose').length).toBeGreaterThanOrEqual(4);
  });

  it('asks nothing for the doses once the Buku KIA is copied', () => {
    const copied: TimelineEntry[] = dosesToCopy(toddler, [], today).map((dose, index) => {
      const record: Immunization = {
        ...meta,
        id: `i${index}`,
        personId: toddler.id,
        vaccine: dose.code,
        date: dose.dueDate,
        givenElsewhere: true,
      };
      return { table: 'immunizations', date: record.date, record };
    });
    const view = personView(toddler, copied, today);
    expect(view.openTasks.filter((task) => task.kind === 'overdue_dose')).toEqual([]);
  });

  it('offers pregnancy only to an active woman of 10 to 54, and marks the newborn period', () => {
    expect(personView(person('wati', '1995-01-20', 'female'), [], today).canBePregnant).toBe(true);
    expect(personView(person('oma', '1960-01-20', 'female'), [], today).canBePregnant).toBe(false);
    expect(personView(person('x', '1995-01-20', 'female', { status: 'moved_out' }), [], today).canBePregnant).toBe(
      false,
    );
    expect(personView(person('bayi', '2026-08-01', 'female'), [], today).newborn).toBe(true);
    expect(personView(toddler, [], today).newborn).toBe(false);
  });
});
