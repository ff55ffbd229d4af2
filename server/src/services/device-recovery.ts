import { formatOneTimeCode, isOneTimeCode, type RecoveryUpload } from '../../../protocol/index.ts';
import type { DeviceRow, Store } from '../db/store.ts';
import { decryptRecoveryCode, type RecoveryKey } from './recovery-key.ts';

export class RecoveryError extends Error {}

/** Keeps a phone's encrypted R; refused when it names a key other than this server's (it could never be opened). */
export async function saveRecoveryUpload(
  store: Store,
  key: RecoveryKey,
  device: DeviceRow,
  upload: RecoveryUpload,
  now: Date,
): Promise<void> {
  if (upload.keyId !== key.publicKey.keyId) throw new RecoveryError('unknown key');
  await store.saveDeviceRecovery({
    deviceId: device.id,
    keyId: upload.keyId,
    recoveryId: upload.recoveryId,
    ciphertext: upload.ciphertext,
    receivedAt: now.toISOString(),
  });
}

/**
 * R of a device, for staff who verified the kader in person (`admin recover-device`). The audit row is written
 * before R is returned, so no R is ever shown unrecorded.
 */
export async function revealRecoveryCode(
  store: Store,
  key: RecoveryKey,
  deviceId: string,
  actor: { username: string; address: string | null },
  now: Date,
  again = false,
): Promise<{ recoveryCode: string; uploadedAt: string }> {
  const row = await store.getDeviceRecovery(deviceId);
  if (!row) throw new RecoveryError(`HP ${deviceId} belum mengirim kode pemulihan (atau tidak ada).`);
  // Once shown, R is spent: the phone uploads a new one after using it. Showing it again needs saying so.
  if (row.revealedAt !== null && !again) {
    throw new RecoveryError(
      `Kode pemulihan HP ${deviceId} sudah ditampilkan ${row.revealedAt}. Tambahkan --again untuk menampilkannya lagi.`,
    );
  }
  if (row.keyId !== key.publicKey.keyId) {
    throw new RecoveryError(`Kode pemulihan HP ${deviceId} dikunci dengan kunci lain (${row.keyId}).`);
  }
  let code: string;
  try {
    code = decryptRecoveryCode(key, row.ciphertext);
  } catch {
    throw new RecoveryError(`Kode pemulihan HP ${deviceId} tidak bisa dibuka.`);
  }
  if (!isOneTimeCode(code)) throw new RecoveryError(`Kode pemulihan HP ${deviceId} tidak sah.`);
  const at = now.toISOString();
  await store.insertAudit({
    at,
    staffId: null,
    username: actor.username,
    address: actor.address,
    action: 'recover-device',
    target: deviceId,
  });
  await store.markRecoveryRevealed(deviceId, at);
  return { recoveryCode: formatOneTimeCode(code), uploadedAt: row.receivedAt };
}
