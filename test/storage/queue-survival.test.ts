import { describe, expect, it } from 'vitest';
import { PosyanduDb } from '../../src/storage/db.ts';
import { openStorage } from '../../src/storage/index.ts';
import { enrolledStorage, saveFamily, uniqueDbName } from './fixtures.ts';

const QUEUED = 10_000;

/** The next app version as a test declares it: a new table, a new index, and a data transform. */
class NextVersionDb extends PosyanduDb {
  constructor(name: string) {
    super(name);
    this.version(this.verno + 1)
      .stores({ followUpTasks: 'id, personId, dueDate', measurements: 'id, personId, date, [personId+date]' })
      .upgrade(async (tx) => {
        await tx
          .table('measurements')
          .toCollection()
          .modify((m: Record<string, unknown>) => {
            m.schemaNote = 'v2';
          });
      });
  }
}

describe('the queue survives restarts and app updates', () => {
  it(`keeps ${QUEUED} queued changes through close, reopen and a schema upgrade`, async () => {
    const name = uniqueDbName('survival');
    const storage = await enrolledStorage({ name });
    const { members } = await saveFamily(storage);
    const child = members[2]!.id;
    for (let i = 0; i < QUEUED - 4; i++) {
      await storage.recordEvent('measurements', {
        personId: child,
        date: '2026-01-05',
        weightKg: 5 + (i % 100) / 10,
      });
    }
    expect(await storage.countPending()).toBe(QUEUED);
    const before = (await storage.takeBatch(QUEUED, Number.MAX_SAFE_INTEGER))!;
    await storage.releaseBatch(before.batchId);
    storage.close();

    // A restart of the same version.
    const restarted = openStorage({ name });
    expect(await restarted.countPending()).toBe(QUEUED);
    restarted.close();

    // An app update with an upgrade().
    const upgraded = openStorage({ db: new NextVersionDb(name) });
    expect(await upgraded.countPending()).toBe(QUEUED);
    const after = (await upgraded.takeBatch(QUEUED, Number.MAX_SAFE_INTEGER))!;
    expect(after.entries.map((e) => [e.changeId, e.recordId, e.wire])).toEqual(
      before.entries.map((e) => [e.changeId, e.recordId, e.wire]),
    );
    expect((await upgraded.listEventsForPerson(child))[0]!.record).toMatchObject({ schemaNote: 'v2' });
    // The upgraded database still takes writes, with their outbox entries.
    await upgraded.recordEvent('measurements', { personId: child, date: '2026-02-05', weightKg: 9.9 });
    expect(await upgraded.countPending()).toBe(QUEUED + 1);
    upgraded.close();
  }, 120_000);
});
