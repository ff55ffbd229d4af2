import { describe, expect, it } from 'vitest';
import { PIS_PK_INDICATORS, RELATIONS, VISIT_KINDS } from '../../protocol/index.ts';
import { PERMENKES_2_2020 } from '../../src/domain/growth/permenkes-2-2020.ts';
import { PLAUSIBILITY_REASON_KEYS } from '../../src/domain/growth/plausibility.ts';
import { TASK_KINDS } from '../../src/domain/posyandu-day/follow-up-tasks.ts';
import { LIFE_STAGES } from '../../src/domain/posyandu-day/life-stage.ts';
import { POSYANDU_PACKAGE_RULES } from '../../src/domain/posyandu-day/package-rules.ts';
import { DOSE_STATUSES } from '../../src/domain/schedules/child-immunization-status.ts';
import { NATIONAL_IMMUNIZATION_SCHEDULE } from '../../src/domain/schedules/immunization-schedule.ts';
import { POSTPARTUM_NEWBORN_SCHEDULE, WINDOW_STATUSES } from '../../src/domain/schedules/postpartum-newborn.ts';
import { BUKU_KIA_DANGER_SIGNS } from '../../src/domain/schedules/pregnancy-rules.ts';
import { SCREENING_RESULTS, SKILAS_DOMAINS, SKILAS_ITEMS } from '../../src/domain/screening/questionnaires.ts';
import { BUKU_KIA_MILESTONES } from '../../src/domain/development/buku-kia-milestones.ts';
import { CKG_BIRTHDAY_RULES } from '../../src/domain/ckg/birthday-check.ts';
import { DAY_SERVICE_RULES, KMS_STATUSES } from '../../src/domain/services/services-of-the-day.ts';
import { VITAMIN_A_RULES } from '../../src/domain/services/vitamin-a.ts';
import { EN_STRINGS } from '../../src/i18n/en.ts';
import { ID_STRINGS } from '../../src/i18n/id.ts';

/** Every code the domain can hand the UI, with the catalogue prefix the UI looks it up under. */
const DOMAIN_VALUES: Record<string, readonly string[]> = {
  plaus_: PLAUSIBILITY_REASON_KEYS,
  kms_: KMS_STATUSES,
  nutrition_: Object.values(PERMENKES_2_2020.indices).flatMap((index) => index.categories.map((c) => c.key)),
  index_: Object.keys(PERMENKES_2_2020.indices),
  screening_: [...POSYANDU_PACKAGE_RULES.screenings.map((s) => s.code), 'adl_barthel'],
  screeningResult_: SCREENING_RESULTS,
  skilas_: SKILAS_DOMAINS,
  skilasitem_: SKILAS_ITEMS.map((item) => item.code),
  devitem_: BUKU_KIA_MILESTONES.bands.flatMap((band) => band.items),
  ckgitem_: CKG_BIRTHDAY_RULES.bands.flatMap((band) => band.items.map((item) => item.code)),
  vaccine_: NATIONAL_IMMUNIZATION_SCHEDULE.doses.map((d) => d.code),
  service_: [
    ...VITAMIN_A_RULES.bands.map((band) => band.serviceCode),
    VITAMIN_A_RULES.postpartum.serviceCode,
    DAY_SERVICE_RULES.iron.serviceCode,
    DAY_SERVICE_RULES.supplementaryFood.serviceCode,
    DAY_SERVICE_RULES.diarrhoea.orsServiceCode,
    DAY_SERVICE_RULES.diarrhoea.zincServiceCode,
  ],
  task_: TASK_KINDS,
  stage_: LIFE_STAGES,
  dose_: DOSE_STATUSES,
  window_: WINDOW_STATUSES,
  relation_: RELATIONS,
  pisPk_: PIS_PK_INDICATORS,
  visitKind_: VISIT_KINDS,
  dangerSign_: BUKU_KIA_DANGER_SIGNS.signs.map((sign) => sign.code),
  afterBirth_: [...POSTPARTUM_NEWBORN_SCHEDULE.postpartum, ...POSTPARTUM_NEWBORN_SCHEDULE.newborn].map((w) => w.code),
};

const CATALOGUES: Record<string, Readonly<Record<string, string>>> = { id: ID_STRINGS, en: EN_STRINGS };

describe('the catalogues the app reads', () => {
  for (const [prefix, values] of Object.entries(DOMAIN_VALUES)) {
    it(`name every ${prefix}… value in Indonesian and English`, () => {
      expect(values.length, prefix).toBeGreaterThan(0);
      for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
        const missing = values.filter((value) => !catalogue[`${prefix}${value}`]?.trim());
        expect(missing, `${locale}: ${prefix}`).toEqual([]);
      }
    });
  }
});
