import type { MemberInput, Storage } from '../../../src/storage/index.ts';

/** Records per family: the household, three people, and six events for the child. */
export const RECORDS_PER_FAMILY = 10;

/**
 * Fills the outbox the way kaders do, through the app's repositories (validation, HLC stamps, one transaction per
 * form): a family card with father, mother and a toddler, then four weighings and two vaccines for the toddler.
 */
export async function seedFamilies(storage: Storage, families: number): Promise<number> {
  let records = 0;
  for (let i = 0; i < families; i++) {
    const n = String(i).padStart(4, '0');
    const { members } = await storage.saveHouseholdWithMembers({
      household: {
        familyCardNumber: `320101010123${n}`,
        headName: `Kepala Keluarga ${n}`,
        address: {
          street: `Jl. Melati ${i % 97}`,
          provinceCode: '32',
          regencyCode: '3201',
          districtCode: '320101',
          villageCode: '3201010001',
          dusun: 'Krajan',
          rt: String((i % 9) + 1).padStart(3, '0'),
          rw: '005',
        },
        pisPk: { cleanWater: 'yes' },
      },
      members: family(n),
    });
    records += 1 + members.length;
    const child = members[2]?.id;
    if (!child) throw new Error('family saved without its child');
    for (let month = 1; month <= 4; month++) {
      await storage.recordEvent('measurements', {
        personId: child,
        date: `2025-0${month + 1}-10`,
        weightKg: 3.2 + month * 0.8 + (i % 10) / 20,
        lengthHeightCm: 50 + month * 3,
        position: 'lying',
      });
    }
    await storage.recordEvent('immunizations', { personId: child, date: '2025-01-12', vaccine: 'hb0' });
    await storage.recordEvent('immunizations', { personId: child, date: '2025-02-10', vaccine: 'bcg' });
    records += 6;
  }
  return records;
}

function family(n: string): MemberInput[] {
  return [
    { name: `Bapak ${n}`, sex: 'male', birthDate: '1988-03-12', relationToHead: 'head' },
    { ref: 'ibu', name: `Ibu ${n}`, sex: 'female', birthDate: '1991-08-17', relationToHead: 'spouse' },
    { name: `Anak ${n}`, sex: 'female', birthDate: '2025-01-10', relationToHead: 'child', motherRef: 'ibu' },
  ];
}
