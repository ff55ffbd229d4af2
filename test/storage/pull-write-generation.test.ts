import { describe, expect, it } from 'vitest';
import { formatHlc, type PulledChange } from '../../protocol/index.ts';
import { PosyanduDb } from '../../src/storage/db.ts';
import { pullApplyTimings } from '../../src/storage/pull-apply.ts';
import { META_WRITE_GENERATION } from '../../src/storage/write-generation.ts';
import { enrolledStorage, saveFamily, uniqueDbName } from './fixtures.ts';

const OTHER_DEVICE = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e99';
const serverStamp = (wallMs: number) => formatHlc({ wallMs, counter: 0, node: OTHER_DEVICE });
const pulled = (table: string, record: Record<string, unknown>): PulledChange => ({
  table,
  op: 'upsert',
  record,
  hlc: String(record.hlc),
});
const replanned = () => pullApplyTimings()['pull:replan'] ?? 0;

/** A phone with a PIN (so a pulled page is planned and sealed before its write transaction), its family pushed. */
async function lockedPhone() {
  const db = new PosyanduDb(uniqueDbName('generation'));
  const storage = await enrolledStorage({ db });
  const { members } = await saveFamily(storage);
  await storage.setFirstPin('864209');
  const batch = await storage.takeBatch(100, 10_000_000);
  await storage.acknowledge(
    batch!.entries.map((e) => ({ changeId: e.changeId, status: 'applied' as const })),
    batch!.batchId,
  );
  return { db, storage, siti: members[1]! };
}

describe('the write generation', () => {
  it('changes with every write to a record table or the outbox, and not with a meta write', async () => {
    const { db, storage, siti } = await lockedPhone();
    const generation = async () => (await db.meta.get(META_WRITE_GENERATION))?.value;
    const first = await generation();
    expect(first).toBeDefined();
    await storage.updatePerson(siti.id, { phone: '081234567890' });
    const second = await generation();
    expect(second).not.toBe(first);
    await storage.setLastSyncAt(new Date().toISOString());
    expect(await generation()).toBe(second);
  });

  it('lets a pulled page be written without planning it again when nothing wrote meanwhile', async () => {
    const { storage, siti } = await lockedPhone();
    const before = replanned();
    const server = { ...siti, birthPlace: 'Bandung', hlc: serverStamp(Date.now() + 60_000) };
    await storage.applyPulledChanges([pulled('persons', server)], 'c1.1');
    expect(replanned()).toBe(before);
    expect(await storage.getPerson(siti.id)).toMatchObject({ birthPlace: 'Bandung' });
  });

  it('plans again when the kader saves while the page is being sealed, and keeps her edit', async () => {
    const { db, storage, siti } = await lockedPhone();
    // The first seal of the page (outside any transaction) lets a save in, as a kader's tap would.
    const seal = db.vault.seal.bind(db.vault);
    let saved: Promise<unknown> | null = null;
    db.vault.seal = async (value: unknown) => {
      if (saved === null) {
        saved = storage.updatePerson(siti.id, { phone: '081234567890' });
        await saved;
      }
      return seal(value);
    };
    const before = replanned();
    const server = { ...siti, phone: '089999999999', birthPlace: 'Bandung', hlc: serverStamp(Date.now() + 60_000) };
    await storage.applyPulledChanges([pulled('persons', server)], 'c1.2');
    db.vault.seal = seal;

    expect(saved).not.toBeNull();
    expect(replanned()).toBeGreaterThan(before);
    // The edit still waiting in the outbox wins its field; the server's other field is taken.
    expect(await storage.getPerson(siti.id)).toMatchObject({ phone: '081234567890', birthPlace: 'Bandung' });
    expect(await storage.getPullCursor()).toBe('c1.2');
  });
});
