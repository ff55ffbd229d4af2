import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { DeviceRow, Store } from '../db/store.ts';
import { findDeviceByToken } from '../services/devices.ts';
import { errorResponse } from './error-response.ts';
import type { AuthLimiters, FailureLimiter } from './failure-limiter.ts';

export interface AuthVariables {
  device: DeviceRow;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The peer's address as the socket saw it. Behind a proxy that is the proxy: limits then apply to it as a whole. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (app.request in tests) have no socket.
    return 'unknown';
  }
}

/** 429 with Retry-After when the key is blocked, else null. */
export function rateLimited(c: Context, limiter: FailureLimiter, key: string): Response | null {
  const waitMs = limiter.blockedFor(key);
  if (waitMs <= 0) return null;
  c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
  return errorResponse(c, 429, 'rate-limited', 'Terlalu banyak percobaan yang gagal. Tunggu sebentar lalu coba lagi.');
}

/**
 * A missing, unknown or revoked device token answers 401: the app then asks the kader to enroll again, keeping its
 * queue. Failures count per address (and per device for a revoked one); past the limit they answer 429. A valid
 * token is never refused for its address, so phones behind the same pustu wifi cannot be locked out by a guesser
 * on that wifi.
 */
export function requireDevice(store: Store, limiters: AuthLimiters): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const match = BEARER.exec(c.req.header('Authorization') ?? '');
    const device = match?.[1] ? await findDeviceByToken(store, match[1]) : null;
    if (device && !device.revokedAt) {
      // A device that keeps sending bodies in another device's name is probing: it waits like a guesser.
      const probing = rateLimited(c, limiters.device, `device:${device.id}`);
      if (probing) return probing;
      c.set('device', device);
      await next();
      return;
    }
    const addressKey = `addr:${clientAddress(c)}`;
    const limited =
      rateLimited(c, limiters.address, addressKey) ??
      (device ? rateLimited(c, limiters.device, `device:${device.id}`) : null);
    if (limited) return limited;
    limiters.address.recordFailure(addressKey);
    if (device) limiters.device.recordFailure(`device:${device.id}`);
    return errorResponse(
      c,
      401,
      'unauthorized',
      'Perangkat belum terdaftar atau kodenya tidak berlaku lagi. Daftarkan ulang perangkat ini.',
    );
  };
}
