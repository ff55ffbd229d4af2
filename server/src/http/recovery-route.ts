import type { Context } from 'hono';
import { MAX_RECOVERY_UPLOAD_BYTES, RecoveryUploadSchema } from '../../../protocol/index.ts';
import type { Store } from '../db/store.ts';
import { RecoveryError, saveRecoveryUpload } from '../services/device-recovery.ts';
import type { RecoveryKey } from '../services/recovery-key.ts';
import type { AuthVariables } from './auth.ts';
import { errorResponse } from './error-response.ts';

/**
 * `POST /api/v1/device/recovery` (device token only, mounted behind requireDevice): the phone's recovery code R,
 * encrypted to the puskesmas key. The body is bounded before it is read and validated strictly; nothing is
 * stored unless all of it is right.
 */
export function recoveryUploadHandler(store: Store, key: RecoveryKey | null, now: () => Date) {
  return async (c: Context<{ Variables: AuthVariables }>) => {
    if (!key) return errorResponse(c, 404, 'invalid-request', 'Server ini belum punya kunci pemulihan.');
    const text = await c.req.text();
    if (text.length > MAX_RECOVERY_UPLOAD_BYTES) {
      return errorResponse(c, 413, 'payload-too-large', 'Kiriman kode pemulihan terlalu besar.');
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return errorResponse(c, 400, 'malformed-json', 'Isi kiriman bukan JSON yang sah.');
    }
    const parsed = RecoveryUploadSchema.safeParse(body);
    if (!parsed.success) {
      return errorResponse(
        c,
        400,
        'invalid-request',
        'Bentuk kiriman kode pemulihan tidak sah. Tidak ada yang disimpan.',
      );
    }
    try {
      await saveRecoveryUpload(store, key, c.get('device'), parsed.data, now());
    } catch (error) {
      if (!(error instanceof RecoveryError)) throw error;
      return errorResponse(
        c,
        409,
        'invalid-request',
        'Kunci pemulihan sudah berganti. Ambil kunci baru lalu kirim lagi.',
      );
    }
    return c.json({ ok: true, recoveryId: parsed.data.recoveryId });
  };
}
