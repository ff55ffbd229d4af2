import { z } from 'zod';
import { DateOnlySchema, InstantSchema, RecordIdSchema } from './ids.ts';
import { checkNikAgainstPerson } from './nik.ts';
import { PERSON_STATUSES, RELATIONS } from './code-lists.ts';
import { RecordMetaSchema } from './record-meta.ts';

export { PERSON_STATUSES, RELATIONS, type Relation } from './code-lists.ts';

/**
 * Whether the family owns the paper KMS / Buku KIA of a child, and the day a kader noted it: the K of SKDN
 * (src/domain/reports/skdn.ts). Optional and additive: an older phone never sends it, and a child nobody asked
 * about has none (unknown is not "no").
 */
export const KiaBookSchema = z.object({ owned: z.boolean(), notedOn: DateOnlySchema });
export type KiaBook = z.infer<typeof KiaBookSchema>;

export const PersonSchema = RecordMetaSchema.extend({
  householdId: RecordIdSchema,
  nik: z.string().max(16, { error: 'nik_format' }).optional(),
  name: z.string().trim().min(1, { error: 'name_required' }).max(100),
  sex: z.enum(['male', 'female'], { error: 'sex_required' }),
  birthDate: DateOnlySchema,
  birthPlace: z.string().max(100).optional(),
  relationToHead: z.enum(RELATIONS, { error: 'relation_required' }),
  motherId: RecordIdSchema.optional(),
  jkn: z.object({ member: z.boolean(), kind: z.enum(['pbi', 'non_pbi']).optional() }).default({ member: false }),
  phone: z
    .string()
    .regex(/^(\+62|0)8\d{7,12}$/, { error: 'phone_format' })
    .optional(),
  status: z.enum(PERSON_STATUSES).default('active'),
  statusDate: DateOnlySchema.optional(),
  kiaBook: KiaBookSchema.optional(),
  deletedAt: InstantSchema.optional(),
}).superRefine((person, ctx) => {
  // A birth date is checked against the moment of recording, not "now": the server must judge a record the
  // same way whenever it arrives.
  if (person.birthDate > person.recordedAt.slice(0, 10)) {
    ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'birth_date_future' });
  }
  if (person.nik !== undefined) {
    const problem = checkNikAgainstPerson(person.nik, person.birthDate, person.sex);
    if (problem) ctx.addIssue({ code: 'custom', path: ['nik'], message: problem });
  }
});

export type Person = z.infer<typeof PersonSchema>;

export { checkChildAgainstMother, MIN_MOTHER_AGE_YEARS } from './mother-check.ts';
