import { describe, expect, it } from 'vitest';
import { enrolledStorage, saveFamily } from './fixtures.ts';
import { wireChange } from '../../src/storage/outbox-wire.ts';

describe('outbox', () => {
  it('takes batches bounded by count and bytes, in FIFO order, always at least one entry', async () => {
    const storage = await enrolledStorage();
    const { members } = await saveFamily(storage);
    for (let day = 1; day <= 6; day++) {
      await storage.recordEvent('measurements', {
        personId: members[2]!.id,
        date: `2026-01-0${day}`,
        weightKg: 9 + day / 10,
      });
    }
    const first = await storage.takeBatch(3, 10_000_000);
    expect(first!.entries.map((e) => e.table)).toEqual(['households', 'persons', 'persons']);
    // Not answered: the same batch comes back, same id, same entries.
    const again = await storage.takeBatch(50, 10_000_000);
    expect(again!.batchId).toBe(first!.batchId);
    expect(again!.entries.map((e) => e.changeId)).toEqual(first!.entries.map((e) => e.changeId));

    await storage.acknowledge(
      first!.entries.map((e) => ({ changeId: e.changeId, status: 'applied' as const })),
      first!.batchId,
    );
    const oneEntryBytes = (await storage.takeBatch(1, 1))!;
    expect(oneEntryBytes.entries).toHaveLength(1);
    await storage.releaseBatch(oneEntryBytes.batchId);
    const bytes = oneEntryBytes.entries[0]!.bytes;
    const byBytes = await storage.takeBatch(100, bytes * 2 + 10);
    expect(byBytes!.entries.length).toBe(2);
    expect(byBytes!.batchId).not.toBe(oneEntryBytes.batchId);
  });

  it('keeps rejected changes visible with their reason; a fix is re-validated and resent under a new changeId', async () => {
    const storage = await enrolledStorage();
    const { members } = await saveFamily(storage);
    const batch = (await storage.takeBatch(100, 10_000_000))!;
    const poison = batch.entries[2]!;
    await storage.acknowledge(
      batch.entries.map((e) =>
        e === poison
          ? {
              changeId: e.changeId,
              status: 'rejected' as const,
              error: { code: 'invalid-record' as const, message: 'Nama wajib diisi.' },
            }
          : { changeId: e.changeId, status: 'duplicate' as const },
      ),
      batch.batchId,
    );
    expect(await storage.countPending()).toBe(0);
    const rejected = await storage.listRejected();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      table: 'persons',
      recordId: members[1]!.id,
      error: { code: 'invalid-record', message: 'Nama wajib diisi.' },
    });
    expect(rejected[0]!.record.name as string).toBe("Siti Nur'aini");

    await expect(storage.resendRejected(rejected[0]!.seq, { name: '' })).rejects.toMatchObject({
      issues: [{ path: 'name', key: 'name_required' }],
    });
    expect(await storage.listRejected()).toHaveLength(1);

    await storage.resendRejected(rejected[0]!.seq, { name: 'Siti Aminah' });
    expect(await storage.listRejected()).toEqual([]);
    const resent = (await storage.takeBatch(100, 10_000_000))!;
    expect(resent.entries).toHaveLength(1);
    expect(resent.entries[0]!.changeId).not.toBe(poison.changeId);
    expect(wireChange(resent.entries[0]!).record.name).toBe('Siti Aminah');
    expect(String(wireChange(resent.entries[0]!).record.hlc) > String(wireChange(poison).record.hlc)).toBe(true);
    expect((await storage.getPerson(members[1]!.id))?.name).toBe('Siti Aminah');
    expect(await storage.searchPeople('aminah')).toHaveLength(1);
  });

  it('never drops a rejected change: acknowledging it again or answering unknown ids changes nothing', async () => {
    const storage = await enrolledStorage();
    await saveFamily(storage);
    const batch = (await storage.takeBatch(1, 10_000_000))!;
    const entry = batch.entries[0]!;
    const rejection = {
      changeId: entry.changeId,
      status: 'rejected' as const,
      error: { code: 'invalid-record' as const, message: 'x' },
    };
    await storage.acknowledge([rejection], batch.batchId);
    await storage.acknowledge([{ changeId: entry.changeId, status: 'duplicate' }]);
    await storage.acknowledge([{ changeId: 'unknown', status: 'applied' }]);
    expect(await storage.listRejected()).toHaveLength(1);
    expect(await storage.countPending()).toBe(3);
  });

  it('counts pending and rejected changes live', async () => {
    const storage = await enrolledStorage();
    const seen: { pending: number; rejected: number }[] = [];
    const subscription = storage.watchSyncCounts().subscribe((counts) => seen.push(counts));
    await expect.poll(() => seen.length).toBe(1);
    await saveFamily(storage);
    await expect.poll(() => seen.at(-1)?.pending).toBe(4);
    subscription.unsubscribe();
    expect(seen.at(0)).toEqual({ pending: 0, rejected: 0 });
    expect(seen.at(-1)).toEqual({ pending: 4, rejected: 0 });
  });
});

describe('acknowledging a batch whose seqs straddle an entry that must stay', () => {
  it('deletes only the answered entries and keeps a rejected one lying between them', async () => {
    const storage = await enrolledStorage();
    await saveFamily(storage);
    const first = await storage.takeBatch(3, 10_000_000);
    const [a, b, c] = first!.entries;
    // The server answers only the middle change, rejecting it; the other two stay queued.
    await storage.acknowledge(
      [{ changeId: b!.changeId, status: 'rejected', error: { code: 'invalid-record', message: 'NIK salah' } }],
      first!.batchId,
    );
    const second = await storage.takeBatch(100, 10_000_000);
    expect(second!.entries.slice(0, 2).map((e) => e.seq)).toEqual([a!.seq, c!.seq]);
    await storage.acknowledge(
      second!.entries.map((e) => ({ changeId: e.changeId, status: 'applied' as const })),
      second!.batchId,
    );
    expect(await storage.countPending()).toBe(0);
    const rejected = await storage.listRejected();
    expect(rejected.map((r) => [r.seq, r.error.message])).toEqual([[b!.seq, 'NIK salah']]);
  });
});
