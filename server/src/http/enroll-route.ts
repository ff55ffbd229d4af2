import type { Context } from 'hono';
import { EnrollRequestSchema } from '../../../protocol/index.ts';
import type { Store } from '../db/store.ts';
import { redeemEnrollmentCode } from '../services/enrollment-codes.ts';
import { clientAddress, rateLimited } from './auth.ts';
import { errorResponse } from './error-response.ts';
import type { AuthLimiters } from './failure-limiter.ts';

/**
 * `POST /api/v1/enroll {"code": "7KQ2-M9XD-4TNB-WC3E"}`: exchanges a one-time enrollment code for the phone's own
 * device and token (the Enrollment the phone stores). A wrong, used or expired code is one 401 and counts as an
 * authentication failure of the address, so codes cannot be enumerated.
 */
export function enrollHandler(store: Store, limiters: AuthLimiters) {
  return async (c: Context) => {
    const addressKey = `addr:${clientAddress(c)}`;
    const limited = rateLimited(c, limiters.address, addressKey);
    if (limited) return limited;
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return errorResponse(c, 400, 'malformed-json', 'Isi kiriman bukan JSON yang sah.');
    }
    const parsed = EnrollRequestSchema.safeParse(body);
    const enrollment = parsed.success ? await redeemEnrollmentCode(store, parsed.data.code) : null;
    if (!enrollment) {
      limiters.address.recordFailure(addressKey);
      return errorResponse(
        c,
        401,
        'unauthorized',
        'Kode pendaftaran tidak berlaku: salah ketik, sudah dipakai, atau kedaluwarsa. Minta kode baru ke puskesmas.',
      );
    }
    return c.json(enrollment);
  };
}
