import type { Store } from '../db/store.ts';
import { createDevice, createPosyandu, createPuskesmas, type CreatedDevice } from './devices.ts';

export interface DemoData {
  puskesmasId: string;
  posyanduId: string;
  device: CreatedDevice;
}

/** On the very first start (no posyandu yet) the puskesmas gets something to try the app with at once. */
export async function createDemoDataIfEmpty(store: Store): Promise<DemoData | null> {
  if ((await store.countPosyandus()) > 0) return null;
  const puskesmasId = await createPuskesmas(store, 'Puskesmas Sukamaju (demo)');
  const posyanduId = await createPosyandu(store, 'Posyandu Melati (demo)', puskesmasId);
  const device = await createDevice(store, { posyanduId, kaderName: 'Kader Demo' });
  return { puskesmasId, posyanduId, device };
}
