import { loadWireSchemas } from '../../protocol/wire-schemas.ts';
import { encryptRecoveryCode, type Storage } from '../storage/index.ts';
import { requestJson, type HttpDeps } from './http.ts';

/**
 * After a successful sync: sends the phone's pending recovery code R, encrypted to the puskesmas key from GET
 * /api/v1/device, to POST /api/v1/device/recovery. Only once the server answered does R leave the phone; a server
 * without a recovery key (or an older one) simply leaves it waiting for a later sync.
 */
export async function uploadRecoveryIfPending(
  deps: HttpDeps & { baseUrl: string; storage: Storage; token: string },
): Promise<boolean> {
  const pending = await deps.storage.pendingRecoveryCode();
  if (!pending) return false;
  const headers = { Authorization: `Bearer ${deps.token}` };
  const device = (await requestJson(deps, `${deps.baseUrl}/api/v1/device`, { headers })) as {
    recovery?: unknown;
  } | null;
  const { RecoveryPublicKeySchema } = await loadWireSchemas();
  const key = RecoveryPublicKeySchema.safeParse(device?.recovery);
  if (!key.success) return false;
  const body = {
    v: 1,
    keyId: key.data.keyId,
    recoveryId: pending.recoveryId,
    ciphertext: await encryptRecoveryCode(pending.code, key.data),
  };
  await requestJson(deps, `${deps.baseUrl}/api/v1/device/recovery`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await deps.storage.recoveryUploaded(pending.recoveryId);
  return true;
}
