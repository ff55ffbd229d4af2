import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { SyncEngine, SyncStatus } from '../../sync/index.ts';

/** The one sync engine of the app, made by src/app and handed down to screens. */
export const SyncEngineContext = createContext<SyncEngine | null>(null);

export function useSyncEngine(): SyncEngine | null {
  return useContext(SyncEngineContext);
}

export function useSyncStatus(): SyncStatus | null {
  const engine = useSyncEngine();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => (engine ? engine.subscribe(setStatus) : undefined), [engine]);
  return status;
}
