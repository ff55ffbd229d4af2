import type { EnrollmentArea } from '../../../protocol/index.ts';
import type { Store } from '../db/store.ts';

/**
 * The `area` an enrollment carries to the phone: the posyandu's desa and Kemendagri codes, when the puskesmas
 * entered all of them (a posyandu made on the command line has none, and its enrollment carries no area).
 */
export async function enrollmentAreaOf(store: Store, posyanduId: string): Promise<{ area?: EnrollmentArea }> {
  const area = await store.getPosyanduArea(posyanduId);
  if (!area?.desa || !area.provinceCode || !area.regencyCode || !area.districtCode || !area.villageCode) return {};
  return {
    area: {
      provinceCode: area.provinceCode,
      regencyCode: area.regencyCode,
      districtCode: area.districtCode,
      villageCode: area.villageCode,
      villageName: area.desa,
    },
  };
}
