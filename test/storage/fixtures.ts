import { formatHlc, type Enrollment, type PulledChange } from '../../protocol/index.ts';
import { openStorage, type HouseholdInput, type MemberInput, type Storage } from '../../src/storage/index.ts';
import type { PosyanduDb } from '../../src/storage/db.ts';

export const enrollment: Enrollment = {
  v: 1,
  deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60',
  token: 'tok_abcdefghijklmnopqrstuvwxyz0123456789',
  posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  posyanduName: 'Posyandu Melati',
  kaderId: 'kader-7',
  kaderName: 'Bu Sri Wahyuni',
};

let counter = 0;

/** A fresh database per test: fake-indexeddb keeps every name for the whole file. */
export function uniqueDbName(label = 'db'): string {
  counter += 1;
  return `test-${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`;
}

export async function enrolledStorage(options: { name?: string; db?: PosyanduDb; now?: () => number } = {}) {
  const storage = openStorage({ name: options.name ?? uniqueDbName(), db: options.db, now: options.now });
  await storage.saveEnrollment(enrollment);
  return storage;
}

export function householdInput(overrides: Partial<HouseholdInput> = {}): HouseholdInput {
  return {
    familyCardNumber: '3201010101230001',
    headName: 'Budi Santoso',
    address: {
      street: 'Jl. Melati 3',
      provinceCode: '32',
      regencyCode: '3201',
      districtCode: '320101',
      villageCode: '3201010001',
      dusun: 'Krajan',
      rt: '002',
      rw: '005',
    },
    pisPk: { cleanWater: 'yes' },
    ...overrides,
  };
}

/** Father, mother (Siti, ref "ibu") and a toddler whose mother is Siti. */
export function familyMembers(): MemberInput[] {
  return [
    { name: 'Budi Santoso', sex: 'male', birthDate: '1988-03-12', relationToHead: 'head', nik: '3201011203880001' },
    {
      ref: 'ibu',
      name: "Siti Nur'aini",
      sex: 'female',
      birthDate: '1990-08-17',
      relationToHead: 'spouse',
      nik: '3201015708900001',
    },
    { name: 'Dewi Lestari', sex: 'female', birthDate: '2024-01-05', relationToHead: 'child', motherRef: 'ibu' },
  ];
}

export async function saveFamily(storage: Storage, overrides: Partial<HouseholdInput> = {}) {
  return storage.saveHouseholdWithMembers({ household: householdInput(overrides), members: familyMembers() });
}

/** A stamp of another phone of the posyandu, a minute ahead: what it pulls wins over the local rows. */
export const otherPhoneStamp = formatHlc({
  wallMs: Date.now() + 60_000,
  counter: 0,
  node: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e99',
});

/** A pulled upsert another phone made, stamped `otherPhoneStamp`. */
export const pulledFromOtherPhone = (table: string, record: Record<string, unknown>): PulledChange => ({
  table,
  op: 'upsert',
  record,
  hlc: otherPhoneStamp,
});
