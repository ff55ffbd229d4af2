import { z } from 'zod';
import { DateOnlySchema, RecordIdSchema, ServerIdSchema } from './ids.ts';
import { RecordMetaSchema } from './record-meta.ts';

/**
 * Event records are append-only facts about one person on one date. They are never edited: a correction is a
 * new event that names the one it replaces (`supersedes`), so merging devices' histories is a plain union.
 */
const EventBase = RecordMetaSchema.extend({
  personId: RecordIdSchema,
  supersedes: RecordIdSchema.optional(),
});

const positive = (max: number, key: string) =>
  z
    .number({ error: 'number_required' })
    .gt(0, { error: `${key}_range` })
    .max(max, { error: `${key}_range` });

export const MeasurementSchema = EventBase.extend({
  date: DateOnlySchema,
  weightKg: positive(300, 'weight').optional(),
  lengthHeightCm: positive(250, 'length').optional(),
  position: z.enum(['lying', 'standing']).optional(),
  headCircumferenceCm: positive(70, 'head').optional(),
  muacCm: positive(60, 'muac').optional(),
  waistCm: positive(250, 'waist').optional(),
  oedema: z.boolean().optional(),
  systolicMmHg: z.number().int().min(50).max(300).optional(),
  diastolicMmHg: z.number().int().min(20).max(200).optional(),
  bloodGlucoseMgDl: z.number().min(10).max(1000).optional(),
  /** Fasting glucose (GDP), judged on its own cut-offs; `bloodGlucoseMgDl` stays the random (GDS) value. */
  fastingGlucoseMgDl: z.number().min(10).max(1000).optional(),
  /** The kader re-measured a value the plausibility check doubted and kept it. */
  confirmedUnusual: z.boolean().optional(),
});

export const ImmunizationSchema = EventBase.extend({
  date: DateOnlySchema,
  vaccine: z
    .string()
    .max(40, { error: 'vaccine_code' })
    .regex(/^[a-z0-9_]+$/, { error: 'vaccine_code' }),
  batchNumber: z.string().max(50).optional(),
  givenElsewhere: z.boolean().optional(),
});

/** Services given at the posyandu that are not vaccines: vitamin A, iron tablets, food, ORS, zinc. */
export const ServiceSchema = EventBase.extend({
  date: DateOnlySchema,
  service: z
    .string()
    .max(40, { error: 'service_code' })
    .regex(/^[a-z0-9_]+$/, { error: 'service_code' }),
  quantity: z.number().int().min(1).max(1000).optional(),
});

export const PregnancySchema = EventBase.extend({
  lastMenstrualPeriod: DateOnlySchema.optional(),
  estimatedDueDate: DateOnlySchema,
  gravida: z.number().int().min(1).max(25).optional(),
  para: z.number().int().min(0).max(25).optional(),
  abortus: z.number().int().min(0).max(25).optional(),
  /** Set on a later record that superseded this one when the pregnancy ended. */
  outcome: z.enum(['ongoing', 'live_birth', 'stillbirth', 'miscarriage']).default('ongoing'),
  outcomeDate: DateOnlySchema.optional(),
});

export const VISIT_KINDS = ['posyandu', 'antenatal', 'postpartum', 'neonatal', 'home', 'referral_followup'] as const;

export const VisitSchema = EventBase.extend({
  date: DateOnlySchema,
  kind: z.enum(VISIT_KINDS),
  /** K1..K6, KF1..KF4 or KN1..KN3 where the visit counts as one. */
  contactCode: z.string().max(8).optional(),
  pregnancyId: RecordIdSchema.optional(),
  /** The follow-up task this visit answers, e.g. an overdue dose. */
  taskKey: z.string().max(200).optional(),
  /** Every follow-up task one home visit answers (a child with three overdue doses is visited once). */
  taskKeys: z.array(z.string().max(200)).max(50).optional(),
  dangerSigns: z.array(z.string().max(50)).max(30).optional(),
  notes: z.string().max(1000).optional(),
});

/** The longest instrument in use (PHQ-9, SKILAS, PPOK) has under 40 questions. */
export const MAX_SCREENING_ANSWERS = 100;

export const ScreeningSchema = EventBase.extend({
  date: DateOnlySchema,
  instrument: z
    .string()
    .max(40)
    .regex(/^[a-z0-9_]+$/),
  answers: z
    .record(z.string().max(64), z.union([z.number(), z.string().max(200), z.boolean()]))
    .refine((answers) => Object.keys(answers).length <= MAX_SCREENING_ANSWERS),
  score: z.number().min(-1_000_000).max(1_000_000).optional(),
  result: z.string().max(50).optional(),
});

/** What the puskesmas found when a referred person came (or did not). */
export const REFERRAL_OUTCOMES = ['arrived', 'examined', 'treated', 'referred_on', 'did_not_come'] as const;

export const ReferralSchema = EventBase.extend({
  date: DateOnlySchema,
  reason: z.string().min(1).max(500),
  urgency: z.enum(['urgent', 'routine']),
  destination: z.string().max(200).default('puskesmas'),
  /** The referral this record closes with its result, when it is a result. */
  resultFor: RecordIdSchema.optional(),
  result: z.string().max(500).optional(),
  /** Set on a result the puskesmas recorded (server-authored, pulled by the phones; phones may not send it). */
  outcome: z.enum(REFERRAL_OUTCOMES).optional(),
  /** The staff member who recorded a server-authored result. */
  authoredBy: z.object({ staffId: ServerIdSchema, name: z.string().min(1).max(100) }).optional(),
});

export type Measurement = z.infer<typeof MeasurementSchema>;
export type Immunization = z.infer<typeof ImmunizationSchema>;
export type Service = z.infer<typeof ServiceSchema>;
export type Pregnancy = z.infer<typeof PregnancySchema>;
export type Visit = z.infer<typeof VisitSchema>;
export type Screening = z.infer<typeof ScreeningSchema>;
export type Referral = z.infer<typeof ReferralSchema>;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];
