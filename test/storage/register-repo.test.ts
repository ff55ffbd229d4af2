import { describe, expect, it } from 'vitest';
import { enrolledStorage, saveFamily } from './fixtures.ts';

describe('posyandu-wide reads', () => {
  it('lists every person and the events of a table or of one day', async () => {
    const storage = await enrolledStorage();
    const { members } = await saveFamily(storage);
    const child = members[2]!;
    await storage.recordEvent('measurements', { personId: child.id, date: '2026-11-03', weightKg: 9.1 });
    await storage.recordEvent('measurements', { personId: child.id, date: '2026-12-01', weightKg: 9.4 });
    await storage.recordEvent('immunizations', { personId: child.id, date: '2026-12-01', vaccine: 'mr_1' });

    const people = await storage.listPeople();
    expect(people.map((p) => p.id).sort()).toEqual(members.map((m) => m.id).sort());
    expect(people[0]).not.toHaveProperty('_search');

    expect((await storage.listEvents('measurements')).map((m) => m.weightKg).sort()).toEqual([9.1, 9.4]);
    expect((await storage.listEventsOn('measurements', '2026-12-01')).map((m) => m.weightKg)).toEqual([9.4]);
    expect(await storage.listEventsOn('immunizations', '2026-11-03')).toEqual([]);
  });
});
