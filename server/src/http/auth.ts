import type { MiddlewareHandler } from 'hono';
import type { DeviceRow, Store } from '../db/store.ts';
import { authenticateDevice } from '../services/devices.ts';
import { errorResponse } from './error-response.ts';

export interface AuthVariables {
  device: DeviceRow;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** A missing or unknown device token answers 401: the app then asks the kader to enroll again, keeping its queue. */
export function requireDevice(store: Store): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const match = BEARER.exec(c.req.header('Authorization') ?? '');
    const device = match?.[1] ? await authenticateDevice(store, match[1]) : null;
    if (!device) {
      return errorResponse(
        c,
        401,
        'unauthorized',
        'Perangkat belum terdaftar atau kodenya tidak berlaku lagi. Daftarkan ulang perangkat ini.',
      );
    }
    c.set('device', device);
    await next();
  };
}
