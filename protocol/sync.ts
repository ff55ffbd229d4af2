import { z } from 'zod';
import { ERROR_CODES } from './errors.ts';
import { HLC_PATTERN } from './hlc.ts';
import { ServerIdSchema } from './ids.ts';

/** Bumped only for a breaking change of the wire format; additions keep the number. */
export const PROTOCOL_VERSION = 1;
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];

export const MAX_CHANGES_PER_PUSH = 1000;
export const MAX_PUSH_BYTES = 2 * 1024 * 1024;
export const MAX_PULL_LIMIT = 2000;

/**
 * One change as it travels. `record` is validated against its table's schema by the server, per change, so
 * that one bad record is rejected alone. `fields` names the fields the kader edited (mutable tables only);
 * without it every field of the record counts as edited.
 */
export const ChangeSchema = z.object({
  changeId: z.string().min(1).max(64),
  table: z.string().min(1).max(40),
  op: z.enum(['upsert', 'delete']),
  record: z.record(z.string(), z.unknown()),
  fields: z.array(z.string().max(64)).max(100).optional(),
});

export const PushRequestSchema = z.object({
  protocolVersion: z.number().int(),
  deviceId: ServerIdSchema,
  batchId: z.string().min(1).max(64),
  changes: z.array(ChangeSchema).max(MAX_CHANGES_PER_PUSH),
});

export const ChangeResultSchema = z.object({
  changeId: z.string(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).optional(),
});

export const PushResponseSchema = z.object({
  batchId: z.string(),
  results: z.array(ChangeResultSchema),
  /** The server's clock, so a phone whose clock is off can correct its HLC. */
  serverTime: z.iso.datetime({ offset: true }).optional(),
});

/** A pulled record is the server's merged current state of one record, tombstones included. */
export const PulledChangeSchema = z.object({
  table: z.string(),
  op: z.enum(['upsert', 'delete']),
  record: z.record(z.string(), z.unknown()),
  hlc: z.string().regex(HLC_PATTERN),
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
});

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  protocolVersion: z.number(),
  database: z.enum(['sqlite', 'postgres']),
});

export type Change = z.infer<typeof ChangeSchema>;
export type PushRequest = z.infer<typeof PushRequestSchema>;
export type ChangeResult = z.infer<typeof ChangeResultSchema>;
export type PushResponse = z.infer<typeof PushResponseSchema>;
export type PulledChange = z.infer<typeof PulledChangeSchema>;
export type PullResponse = z.infer<typeof PullResponseSchema>;
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
