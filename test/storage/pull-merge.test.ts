import { describe, expect, it } from 'vitest';
import { formatHlc, type PulledChange } from '../../protocol/index.ts';
import { enrolledStorage, saveFamily } from './fixtures.ts';

const OTHER_DEVICE = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e99';

function serverStamp(wallMs: number): string {
  return formatHlc({ wallMs, counter: 0, node: OTHER_DEVICE });
}

function pulled(table: string, record: Record<string, unknown>, op: 'upsert' | 'delete' = 'upsert'): PulledChange {
  return { table, op, record, hlc: String(record.hlc) };
}

describe('applyPulledChanges', () => {
  it('never overwrites a field still waiting in the outbox; takes the server for every other field', async () => {
    const storage = await enrolledStorage();
    const { members } = await saveFamily(storage);
    const siti = members[1]!;
    // Pretend the creation was pushed: acknowledge every entry.
    const batch = await storage.takeBatch(100, 10_000_000);
    await storage.acknowledge(
      batch!.entries.map((e) => ({ changeId: e.changeId, status: 'applied' as const })),
      batch!.batchId,
    );
    await storage.updatePerson(siti.id, { phone: '081234567890' });

    const later = serverStamp(Date.now() + 60_000);
    const server = { ...siti, phone: '089999999999', birthPlace: 'Bandung', name: 'Siti Nuraini', hlc: later };
    const summary = await storage.applyPulledChanges([pulled('persons', server)], 'c1.7');
    expect(summary).toEqual({ applied: 1, skipped: 0 });

    const local = await storage.getPerson(siti.id);
    expect(local).toMatchObject({ phone: '081234567890', birthPlace: 'Bandung', name: 'Siti Nuraini' });
    expect(local!.hlc >= later).toBe(true);
    expect(await storage.getPullCursor()).toBe('c1.7');
    // The renamed person is found under the new name only.
    expect(await storage.searchPeople('nuraini')).toHaveLength(1);

    // Once the edit is acknowledged, the server's verdict is taken whole.
    const edit = await storage.takeBatch(100, 10_000_000);
    await storage.acknowledge([{ changeId: edit!.entries[0]!.changeId, status: 'applied' }], edit!.batchId);
    const verdict = { ...server, phone: '081234567890', hlc: serverStamp(Date.now() + 120_000) };
    await storage.applyPulledChanges([pulled('persons', verdict)], 'c1.8');
    expect(await storage.getPerson(siti.id)).toMatchObject({ phone: '081234567890', birthPlace: 'Bandung' });
  });

  it('keeps a record whose creation is still queued, whatever the server says', async () => {
    const storage = await enrolledStorage();
    const { household } = await saveFamily(storage);
    const server = { ...household, headName: 'Orang Lain', hlc: serverStamp(Date.now() + 60_000) };
    await storage.applyPulledChanges([pulled('households', server)], 'c1.1');
    expect((await storage.getHousehold(household.id))?.headName).toBe('Budi Santoso');
  });

  it('inserts events if absent, applies tombstones, skips unknown tables and invalid records', async () => {
    const storage = await enrolledStorage();
    const { household, members } = await saveFamily(storage);
    const batch = await storage.takeBatch(100, 10_000_000);
    await storage.acknowledge(
      batch!.entries.map((e) => ({ changeId: e.changeId, status: 'applied' as const })),
      batch!.batchId,
    );
    const event = {
      id: '019a0000-0000-7000-8000-0000000000e1',
      posyanduId: household.posyanduId,
      recordedBy: { kaderId: 'kader-9', deviceId: OTHER_DEVICE },
      recordedAt: '2026-01-05T08:00:00.000Z',
      hlc: serverStamp(Date.parse('2026-01-05T08:00:00.000Z')),
      personId: members[2]!.id,
      date: '2026-01-05',
      weightKg: 9.3,
    };
    const tombstone = { ...household, deletedAt: '2026-02-01T00:00:00.000Z', hlc: serverStamp(Date.now() + 1000) };
    const summary = await storage.applyPulledChanges(
      [
        pulled('measurements', event),
        pulled('measurements', event),
        pulled('households', tombstone, 'delete'),
        pulled('vaccine_stock', { id: 'x', hlc: event.hlc }),
        pulled('measurements', { ...event, id: 'not-a-uuid' }),
      ],
      'c1.3',
    );
    expect(summary).toEqual({ applied: 3, skipped: 2 });
    expect(await storage.listEventsForPerson(members[2]!.id)).toHaveLength(1);
    expect((await storage.getHousehold(household.id))?.deletedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(await storage.listHouseholds()).toEqual([]);
    expect(await storage.countPending()).toBe(0);
  });

  it('a far-future remote stamp does not drag the clock, but an edit on top of it still wins', async () => {
    const storage = await enrolledStorage();
    const { members } = await saveFamily(storage);
    const batch = await storage.takeBatch(100, 10_000_000);
    await storage.acknowledge(
      batch!.entries.map((e) => ({ changeId: e.changeId, status: 'applied' as const })),
      batch!.batchId,
    );
    const yearAhead = serverStamp(Date.now() + 365 * 24 * 3600 * 1000);
    await storage.applyPulledChanges([pulled('persons', { ...members[0]!, hlc: yearAhead })], 'c1.9');
    const otherEdit = await storage.updatePerson(members[1]!.id, { birthPlace: 'Bogor' });
    expect(Number(otherEdit.hlc.slice(0, 15))).toBeLessThan(Date.now() + 3600_000);
    const onTop = await storage.updatePerson(members[0]!.id, { birthPlace: 'Bogor' });
    expect(onTop.hlc > yearAhead).toBe(true);
  });
});
