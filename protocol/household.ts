import { z } from 'zod';
import { InstantSchema } from './ids.ts';
import { PIS_PK_INDICATORS } from './code-lists.ts';
import { RecordMetaSchema } from './record-meta.ts';

export { PIS_PK_INDICATORS, type PisPkIndicator } from './code-lists.ts';

/** yes / no / not applicable (e.g. no infant in the family). */
export const PisPkAnswerSchema = z.enum(['yes', 'no', 'na']);

export const PisPkSchema = z.partialRecord(z.enum(PIS_PK_INDICATORS), PisPkAnswerSchema);

/** Kemendagri area codes: province 2, regency 4, district 6, village 10 digits, each a prefix of the next. */
export const AddressSchema = z
  .object({
    street: z.string().max(200).default(''),
    provinceCode: z.string().regex(/^\d{2}$/, { error: 'province_code' }),
    regencyCode: z.string().regex(/^\d{4}$/, { error: 'regency_code' }),
    districtCode: z.string().regex(/^\d{6}$/, { error: 'district_code' }),
    villageCode: z.string().regex(/^\d{10}$/, { error: 'village_code' }),
    dusun: z.string().max(100).default(''),
    rt: z
      .string()
      .min(1, { error: 'rt_required', abort: true })
      .regex(/^\d{1,3}$/, { error: 'rt_format' }),
    rw: z
      .string()
      .min(1, { error: 'rw_required', abort: true })
      .regex(/^\d{1,3}$/, { error: 'rw_format' }),
  })
  .refine(
    (a) =>
      a.regencyCode.startsWith(a.provinceCode) &&
      a.districtCode.startsWith(a.regencyCode) &&
      a.villageCode.startsWith(a.districtCode),
    { error: 'area_codes_mismatch', path: ['villageCode'] },
  );

export const HouseholdSchema = RecordMetaSchema.extend({
  familyCardNumber: z
    .string()
    .regex(/^\d{16}$/, { error: 'family_card_format' })
    .optional(),
  headName: z.string().trim().min(1, { error: 'name_required' }).max(100),
  address: AddressSchema,
  pisPk: PisPkSchema.default({}),
  deletedAt: InstantSchema.optional(),
});

export type Household = z.infer<typeof HouseholdSchema>;
export type Address = z.infer<typeof AddressSchema>;
