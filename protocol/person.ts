import { z } from 'zod';
import { DateOnlySchema, InstantSchema, RecordIdSchema } from './ids.ts';
import { checkNikAgainstPerson } from './nik.ts';
import { RecordMetaSchema } from './record-meta.ts';

/** Relation to the head of family, as printed on the Kartu Keluarga. */
export const RELATIONS = [
  'head',
  'spouse',
  'child',
  'child_in_law',
  'grandchild',
  'parent',
  'parent_in_law',
  'other_relative',
  'housemaid',
  'other',
] as const;

export const PERSON_STATUSES = ['active', 'moved_out', 'deceased'] as const;

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
export type Relation = (typeof RELATIONS)[number];

/** A mother must be born before her child, and years before: 10 years is the lowest age we accept. */
export const MIN_MOTHER_AGE_YEARS = 10;

export function checkChildAgainstMother(
  child: Pick<Person, 'birthDate'>,
  mother: Pick<Person, 'birthDate' | 'sex'>,
): 'mother_not_female' | 'child_older_than_mother' | null {
  if (mother.sex !== 'female') return 'mother_not_female';
  const [y, m, d] = mother.birthDate.split('-');
  const earliestChildBirth = `${String(Number(y) + MIN_MOTHER_AGE_YEARS).padStart(4, '0')}-${m}-${d}`;
  if (child.birthDate < earliestChildBirth) return 'child_older_than_mother';
  return null;
}
