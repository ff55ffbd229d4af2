import { formatHlc, type Change } from '../../../protocol/index.ts';
import { uuidV7 } from '../../../server/src/seed/uuid-v7.ts';
import type { TestDevice } from './test-server.ts';

const BASE_MS = Date.parse('2026-03-01T08:00:00.000Z');

export function hlcAt(offsetMs: number, node = 'test-node', counter = 0): string {
  return formatHlc({ wallMs: BASE_MS + offsetMs, counter, node });
}

export function newId(): string {
  return uuidV7(Date.now());
}

export function meta(device: TestDevice, hlc = hlcAt(0)) {
  return {
    id: newId(),
    posyanduId: device.posyanduId,
    recordedBy: { kaderId: device.kaderId, deviceId: device.deviceId },
    recordedAt: '2026-03-01T08:00:00.000Z',
    hlc,
  };
}

export function household(device: TestDevice, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...meta(device),
    familyCardNumber: '3302011203150001',
    headName: 'Budi Santoso',
    address: {
      street: 'Jl. Melati 3',
      provinceCode: '33',
      regencyCode: '3302',
      districtCode: '330201',
      villageCode: '3302012001',
      dusun: 'Krajan',
      rt: '002',
      rw: '001',
    },
    pisPk: { cleanWater: 'yes' },
    ...overrides,
  };
}

export function person(
  device: TestDevice,
  householdId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ...meta(device),
    householdId,
    nik: '3302014505900002',
    name: 'Siti Aminah',
    sex: 'female',
    birthDate: '1990-05-05',
    relationToHead: 'spouse',
    jkn: { member: true, kind: 'pbi' },
    status: 'active',
    ...overrides,
  };
}

export function measurement(
  device: TestDevice,
  personId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...meta(device), personId, date: '2026-03-01', weightKg: 9.4, lengthHeightCm: 74.5, ...overrides };
}

let changeCounter = 0;

export function change(
  table: string,
  record: Record<string, unknown>,
  extra: Partial<Pick<Change, 'op' | 'fields' | 'changeId'>> = {},
): Change {
  return { changeId: `chg-${Date.now()}-${++changeCounter}`, table, op: 'upsert', record, ...extra };
}
