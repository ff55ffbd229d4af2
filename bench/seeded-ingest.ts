// The input of the ingest benches: a generated posyandu (server/src/seed) of exactly `records` changes, sent by a
// device enrolled for it, in the seed's order (table by table) or in creation order (what a phone's outbox sends).
import type { Change } from '../protocol/index.ts';
import type { Store } from '../server/src/db/store.ts';
import { generatePosyandu } from '../server/src/seed/generate-posyandu.ts';
import { inCreationOrder, seedChanges } from '../server/src/seed/seed-changes.ts';
import { createDevice, createPosyandu } from '../server/src/services/devices.ts';

export type IngestOrder = 'seed' | 'creation';

export async function seededIngest(store: Store, records: number, order: IngestOrder = 'seed', name = 'Bench') {
  const posyanduId = await createPosyandu(store, `Posyandu ${name}`);
  const device = await createDevice(store, { posyanduId, kaderName: 'Kader Bench' });
  const data = generatePosyandu({
    seed: 7,
    posyanduId,
    deviceId: device.deviceId,
    kaderId: device.enrollment.kaderId,
    households: 600,
  });
  const seeded: Change[] = seedChanges(data).slice(0, records);
  if (seeded.length < records) throw new Error(`only ${seeded.length} records generated`);
  const changes = order === 'seed' ? seeded : inCreationOrder(seeded);
  const sender = { deviceId: device.deviceId, posyanduId, kaderId: device.enrollment.kaderId };
  return { posyanduId, device, changes, sender };
}
