import type { Enrollment } from '../../../protocol/index.ts';
import { openStorage, type Storage } from '../../../src/storage/index.ts';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../../src/sync/index.ts';
import { uniqueDbName } from '../../storage/fixtures.ts';

export interface TestPhone {
  storage: Storage;
  engine: SyncEngine;
}

/** A phone: its own IndexedDB (or a tab of another phone's, given `name`) and a sync engine with no timers. */
export async function testPhone(
  baseUrl: string,
  enrollment: Enrollment | null,
  options: Partial<SyncEngineOptions> & { name?: string; now?: () => number } = {},
): Promise<TestPhone> {
  const storage = openStorage({ name: options.name ?? uniqueDbName('phone'), now: options.now });
  if (enrollment) await storage.saveEnrollment(enrollment);
  const engine = createSyncEngine({
    baseUrl,
    storage,
    onlineEvents: null,
    serviceWorker: null,
    random: () => 0.5,
    ...options,
  });
  return { storage, engine };
}

/** A fetch that forwards to the real server, with a hook to break things. */
export function faultyFetch(
  hook: (url: string, init: RequestInit | undefined, forward: () => Promise<Response>) => Promise<Response>,
): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) =>
    hook(String(input), init, () => fetch(input, init))) as typeof fetch;
}

export const isPush = (url: string) => url.includes('/api/v1/sync/push');
