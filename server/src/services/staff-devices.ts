import type { DeviceSummary } from '../db/staff-store.ts';
import type { DeviceHealthRow } from '../db/staff-work-store.ts';
import type { Store } from '../db/store.ts';
import { createDevice } from './devices.ts';
import { audit } from './staff-audit.ts';
import { auditActor } from './staff-posyandus.ts';
import { StaffAccessError, visiblePosyandu } from './staff-scope.ts';
import type { StaffActor } from './staff-sessions.ts';

export async function listDevicesForStaff(
  store: Store,
  actor: StaffActor,
  posyanduId: string,
): Promise<(DeviceSummary & { health: Omit<DeviceHealthRow, 'deviceId'> | null })[]> {
  await visiblePosyandu(store, actor, posyanduId, false);
  const [devices, reports] = await Promise.all([store.listDevices(posyanduId), store.listDeviceHealth(posyanduId)]);
  // The phone's own last report (records waiting, rejected, app version, storage), null until it sends one.
  const byDevice = new Map(reports.map(({ deviceId, ...rest }) => [deviceId, rest]));
  return devices.map((d) => ({ ...d, health: byDevice.get(d.id) ?? null }));
}

/** Enrolls a kader's phone; the enrollment code (holding the device's token) is shown once, as the CLI does. */
export async function enrollDeviceForStaff(
  store: Store,
  actor: StaffActor,
  input: { posyanduId: string; kaderName: string },
  address: string,
  now: Date,
): Promise<{ deviceId: string; enrollmentCode: string }> {
  await visiblePosyandu(store, actor, input.posyanduId, true);
  const device = await createDevice(store, input);
  await audit(store, auditActor(actor, address), 'enroll-device', `device:${device.deviceId}`, now);
  return { deviceId: device.deviceId, enrollmentCode: device.enrollmentCode };
}

/** From now on the phone's token gets 401 at sync; what it already sent stays. */
export async function revokeDeviceForStaff(
  store: Store,
  actor: StaffActor,
  deviceId: string,
  address: string,
  now: Date,
): Promise<DeviceSummary> {
  const device = await store.getDeviceSummary(deviceId);
  if (!device) throw new StaffAccessError('not-found', 'Perangkat tidak ditemukan.');
  await visiblePosyandu(store, actor, device.posyanduId, true);
  await store.revokeDevice(deviceId, now.toISOString());
  await audit(store, auditActor(actor, address), 'revoke-device', `device:${deviceId}`, now);
  return (await store.getDeviceSummary(deviceId)) ?? device;
}
