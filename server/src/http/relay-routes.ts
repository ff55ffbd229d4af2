import type { Hono, MiddlewareHandler } from 'hono';
import type { RelayDevicesResponse } from '../../../protocol/index.ts';
import type { DeviceRow, Store } from '../db/store.ts';
import type { DeviceContext } from '../services/apply-batch.ts';
import type { AuthVariables } from './auth.ts';
import { errorResponse } from './error-response.ts';

/**
 * The puskesmas's side of the pustu relay: the relay copies its posyandu's phones (token hashes only) so it can
 * let them in while its uplink is down. Only a relay device of that posyandu may ask.
 */
export function relayUpstreamRoutes(
  app: Hono<{ Variables: AuthVariables }>,
  store: Store,
  auth: MiddlewareHandler<{ Variables: AuthVariables }>,
): void {
  app.get('/api/v1/relay/devices', auth, async (c) => {
    const device = c.get('device');
    if (!device.relay) {
      return errorResponse(c, 403, 'unauthorized', 'Hanya relay pustu yang boleh menyalin daftar perangkat.');
    }
    const posyandu = await store.getPosyandu(device.posyanduId);
    if (!posyandu) return errorResponse(c, 403, 'forbidden-posyandu', 'Posyandu relay ini tidak ditemukan.');
    const body: RelayDevicesResponse = {
      posyandu: { id: posyandu.id, name: posyandu.name },
      devices: await store.listDeviceCredentials(device.posyanduId),
    };
    return c.json(body);
  });
}

/**
 * Whose changes a push carries. Normally the token's own device; a relay names the phone it forwards for in
 * `deviceId`, and that phone must be enrolled in the relay's posyandu and not revoked. The phone is then the
 * sender in every respect (its stamps, its idempotency log), so a phone that later reaches the puskesmas directly
 * and sends the same changes gets "duplicate", and a batch forwarded twice is applied once.
 */
export async function senderOfPush(
  store: Store,
  device: DeviceRow,
  claimedDeviceId: string,
): Promise<DeviceContext | null> {
  if (claimedDeviceId === device.id) {
    return { deviceId: device.id, posyanduId: device.posyanduId, kaderId: device.kaderId };
  }
  if (!device.relay) return null;
  const phone = await store.getDeviceSummary(claimedDeviceId);
  if (!phone || phone.posyanduId !== device.posyanduId || phone.revokedAt !== null) return null;
  return { deviceId: phone.id, posyanduId: phone.posyanduId, kaderId: phone.kaderId };
}

/** In relay mode, what only the puskesmas can do answers 503 with the reason; the phone keeps what it has. */
export function refusedAtRelay(): MiddlewareHandler {
  return (c) =>
    Promise.resolve(
      errorResponse(
        c,
        503,
        'internal',
        'Ini relay pustu: pendaftaran perangkat dan penggantian kode hanya di server puskesmas. Coba lagi saat tersambung ke puskesmas.',
      ),
    );
}
