import { z } from 'zod';
import { EnrollmentAreaSchema } from './enrollment.ts';
import { ERROR_CODES } from './errors.ts';
import { MAX_HELD_RANGES, parseHeldRanges } from './held-seqs.ts';
import { HLC_PATTERN } from './hlc.ts';
import { ServerIdSchema } from './ids.ts';
import { MAX_KEY_LENGTH, checkJsonShape, isSafeText } from './safe-json.ts';
import { MAX_CHANGES_PER_PUSH, MAX_RECORD_FIELDS } from './sync-limits.ts';

export {
  MAX_CHANGES_PER_PUSH,
  MAX_JSON_DEPTH,
  MAX_PULL_LIMIT,
  MAX_PUSH_BYTES,
  MAX_RECORD_FIELDS,
  PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
} from './sync-limits.ts';

/** Ids chosen by the phone: 1-64 characters of well-formed text (they are compared, stored and echoed). */
export const ClientIdSchema = z.string().min(1).max(64).refine(isSafeText, { error: 'unsafe_text' });

/**
 * One change as it travels. `record` is validated against its table's schema by the server, per change, so
 * that one bad record is rejected alone. `fields` names the fields the kader edited (mutable tables only);
 * without it every field of the record counts as edited.
 */
export const ChangeSchema = z.object({
  changeId: ClientIdSchema,
  table: z.string().min(1).max(40).refine(isSafeText, { error: 'unsafe_text' }),
  op: z.enum(['upsert', 'delete']),
  // The shape is checked on the raw value: a schema copying an object would already have lost a `__proto__` key.
  record: z
    .unknown()
    .superRefine((record, ctx) => {
      const problem = checkJsonShape(record);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .pipe(
      z
        .record(z.string().max(MAX_KEY_LENGTH), z.unknown())
        .refine((record) => Object.keys(record).length <= MAX_RECORD_FIELDS, { error: 'too_large' }),
    ),
  fields: z.array(ClientIdSchema).max(100).optional(),
});

const count = z.number().int().min(0).max(10_000_000);
const bytes = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * What a phone says of itself with each push, for the puskesmas's devices tab. Optional and additive: a phone
 * without it is accepted as before, and a malformed report is dropped without touching the push it came with.
 */
export const DeviceHealthSchema = z.object({
  appVersion: z.string().max(40).refine(isSafeText, { error: 'unsafe_text' }).optional(),
  /** Changes still waiting in the outbox besides this batch (what is left once it lands). */
  pendingChanges: count.optional(),
  /** Changes the server refused, waiting in "Perlu diperiksa". */
  rejectedChanges: count.optional(),
  storageUsedBytes: bytes.optional(),
  storageQuotaBytes: bytes.optional(),
});

export const PushRequestSchema = z.object({
  protocolVersion: z.number().int(),
  deviceId: ServerIdSchema,
  batchId: ClientIdSchema,
  changes: z.array(ChangeSchema).max(MAX_CHANGES_PER_PUSH),
  health: DeviceHealthSchema.optional(),
  /** Issue 14 (additive): ask for the `seq` of each change stored exactly as sent (protocol/held-seqs.ts). */
  held: z.boolean().optional(),
});

/**
 * What the server checks of a push as a whole. Each change needs only a string `changeId` here, so that its
 * result can name it: the rest of it (its changeId's own rules included) is judged alone, by ChangeSchema and
 * then its table's schema, so one malformed change is rejected in its result and never fails its neighbours.
 */
export const PushEnvelopeSchema = z.object({
  protocolVersion: z.number().int(),
  deviceId: ServerIdSchema,
  batchId: ClientIdSchema,
  changes: z.array(z.looseObject({ changeId: z.string() })).max(MAX_CHANGES_PER_PUSH),
  held: z.boolean().optional(),
});

export const ChangeResultSchema = z.object({
  changeId: z.string(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).optional(),
  /** Only when the push asked `held`: the server seq at which the record now sits exactly as this change sent it. */
  seq: z.number().int().positive().optional(),
});

export const PushResponseSchema = z.object({
  batchId: z.string(),
  results: z.array(ChangeResultSchema),
  /** The server's clock, so a phone whose clock is off can correct its HLC. */
  serverTime: z.iso.datetime({ offset: true }).optional(),
});

/**
 * A pulled record as JSON gave it: an object, passed on as it is. Its fields are checked where it is used, by its
 * table's schema (the phone's pull-plan.ts, which also drops unknown fields; the relay's merge). The
 * `z.record(z.string(), z.unknown())` of before checked no more than this (JSON's keys are strings) and rebuilt
 * every pulled record key by key on the way, a copy nobody kept: 10,000 of them in a new phone's first pull
 * (docs/benchmarks.md, h45).
 */
const PulledRecordSchema = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { error: 'expected_object' },
);

/** A pulled record is the server's merged current state of one record, tombstones included. */
export const PulledChangeSchema = z.object({
  table: z.string(),
  op: z.enum(['upsert', 'delete']),
  record: PulledRecordSchema,
  hlc: z.string().regex(HLC_PATTERN),
  /**
   * Each field's stamp, sent to a pustu relay only (phones never get it): the relay merges the puskesmas's state
   * into its own field by field, exactly as the puskesmas merges pushes.
   */
  fieldHlc: z.record(z.string(), z.string().regex(HLC_PATTERN)).optional(),
});

/**
 * The pulling device's posyandu as the puskesmas has it now: its name and area (desa, Kemendagri codes, dusun).
 * Sent on the last page of a pull so a phone follows a posyandu renamed or re-coded by staff, and the dusun list
 * staff keep, without enrolling again. Additive: older servers leave it out; a malformed one is dropped.
 */
export const PulledPosyanduSchema = z.object({
  name: z.string().min(1).max(200),
  area: EnrollmentAreaSchema.optional().catch(undefined),
});

export const PullResponseSchema = z.object({
  changes: z.array(PulledChangeSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
  serverTime: z.iso.datetime({ offset: true }).optional(),
  /**
   * Records still to scan after `cursor` (an upper bound on what later pages bring, own writes skipped), so a
   * phone can show how far a long first pull has come. Optional: older servers do not send it.
   */
  remaining: z.number().int().nonnegative().optional(),
  posyandu: PulledPosyanduSchema.optional().catch(undefined),
});

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  protocolVersion: z.number(),
  database: z.enum(['sqlite', 'postgres']),
});

export type Change = z.infer<typeof ChangeSchema>;
export type PushRequest = z.infer<typeof PushRequestSchema>;
export type DeviceHealth = z.infer<typeof DeviceHealthSchema>;
export type PushEnvelope = z.infer<typeof PushEnvelopeSchema>;
export type ChangeResult = z.infer<typeof ChangeResultSchema>;
export type PushResponse = z.infer<typeof PushResponseSchema>;
export type PulledChange = z.infer<typeof PulledChangeSchema>;
export type PullResponse = z.infer<typeof PullResponseSchema>;
export type PulledPosyandu = z.infer<typeof PulledPosyanduSchema>;
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/** The `held` query of a pull: the seq ranges (held-seqs.ts) the phone already has as sent. */
export const HeldQuerySchema = z
  .string()
  .max(MAX_HELD_RANGES * 32)
  .refine((text) => parseHeldRanges(text) !== null, { error: 'held: ranges "a-b" separated by commas' });
