import { connectivityOf, type Connectivity } from '../../sync/index.ts';
import { useOnline } from './use-online.ts';
import { useSyncStatus } from './use-sync.ts';

/** The connection as the kader is told it: the browser's word and the sync engine's last attempt together. */
export function useConnectivity(): Connectivity {
  return connectivityOf(useSyncStatus(), useOnline());
}
