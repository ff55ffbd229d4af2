// Counts of a new phone's first pull that do not follow the machine's load: the generated posyandu of the
// first-pull bench (10,000 records) applied as 10 pages of 1,000 under fake-indexeddb, PIN set, each next page
// sealed ahead as the pull does. Prints the persons' `_search` index entries, rows decrypted and sealed, the bytes
// sealed, and IndexedDB requests by kind. `npx tsx bench/sync/first-pull-counts.ts`
import 'fake-indexeddb/auto';
import type { PulledChange } from '../../protocol/sync.ts';
import { generatePosyandu } from '../../server/src/seed/generate-posyandu.ts';
import { seedChanges } from '../../server/src/seed/seed-changes.ts';
import { PosyanduDb } from '../../src/storage/db.ts';
import { openStorage } from '../../src/storage/index.ts';
import { enrollment } from '../../test/storage/fixtures.ts';

const RECORDS = 10_000;
const PAGE = 1_000;
const requests: Record<string, number> = {};

function countRequests(): void {
  const kinds = ['put', 'add', 'get', 'getAll', 'getAllKeys', 'getKey', 'openCursor', 'openKeyCursor', 'count'];
  for (const [proto, label] of [
    [IDBObjectStore.prototype, 'store'],
    [IDBIndex.prototype, 'index'],
  ] as const) {
    const methods = proto as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const kind of kinds) {
      const original = methods[kind];
      if (!original) continue;
      methods[kind] = function (this: unknown, ...args: unknown[]) {
        requests[`${label}.${kind}`] = (requests[`${label}.${kind}`] ?? 0) + 1;
        return original.apply(this, args);
      };
    }
  }
}

async function main(): Promise<void> {
  countRequests();
  const data = generatePosyandu({
    seed: 14,
    deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e99',
    posyanduId: enrollment.posyanduId,
    kaderId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e97',
    households: Math.ceil(RECORDS / 14),
  });
  const changes: PulledChange[] = seedChanges(data, 'b')
    .slice(0, RECORDS)
    .map((c) => ({ table: c.table, op: 'upsert', record: c.record, hlc: String(c.record.hlc) }));
  const db = new PosyanduDb('first-pull-counts');
  const storage = openStorage({ db, pinIterations: 1_000 });
  await storage.saveEnrollment(enrollment);
  await storage.setFirstPin('246810');
  let opened = 0;
  let sealed = 0;
  let sealedBytes = 0;
  const open = db.vault.open.bind(db.vault);
  const seal = db.vault.seal.bind(db.vault);
  db.vault.open = (bytes) => ((opened += 1), open(bytes));
  db.vault.seal = async (value) => {
    sealed += 1;
    const bytes = await seal(value);
    sealedBytes += bytes.length;
    return bytes;
  };
  for (const key of Object.keys(requests)) delete requests[key];
  const pages = Array.from({ length: RECORDS / PAGE }, (_, i) => changes.slice(i * PAGE, (i + 1) * PAGE));
  for (const [i, page] of pages.entries()) {
    const next = pages[i + 1];
    if (next) storage.preparePulledChanges(next);
    await storage.applyPulledChanges(page, `c1.${i}`);
  }
  const pulled = { ...requests };
  // The stored rows below Dexie and the vault: their blind `_search` terms are the index entries written.
  const request = db.backendDB().transaction('persons').objectStore('persons').getAll();
  const persons = await new Promise<{ _search?: unknown[] }[]>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as { _search?: unknown[] }[]);
    request.onerror = () => reject(request.error ?? new Error('reading the stored persons failed'));
  });
  const entries = persons.reduce((sum, row) => sum + (row._search?.length ?? 0), 0);
  console.log(
    JSON.stringify(
      {
        persons: persons.length,
        searchEntries: entries,
        searchEntriesPerPerson: Number((entries / persons.length).toFixed(2)),
        rowsDecrypted: opened,
        rowsSealed: sealed,
        // Nonce, plaintext and tag of every row sealed: what is encrypted, and then cloned and stored as `_e`.
        sealedBytes,
        requests: pulled,
      },
      null,
      2,
    ),
  );
}

void main();
