import { z } from 'zod';
import { HLC_PATTERN } from './hlc.ts';
import { InstantSchema, RecordIdSchema, ServerIdSchema } from './ids.ts';

/** Who wrote a record, and when by their phone's clock (which may be wrong: ordering uses `hlc`). */
export const RecordedBySchema = z.object({
  kaderId: z.string().min(1).max(64),
  deviceId: ServerIdSchema,
});

export const RecordMetaSchema = z.object({
  id: RecordIdSchema,
  posyanduId: ServerIdSchema,
  recordedBy: RecordedBySchema,
  recordedAt: InstantSchema,
  hlc: z.string().regex(HLC_PATTERN, { error: 'hlc_format' }),
});

export type RecordMeta = z.infer<typeof RecordMetaSchema>;

/** Meta fields are bookkeeping: a field-level merge never treats them as the kader's edits. */
export const META_FIELDS = ['id', 'posyanduId', 'recordedBy', 'recordedAt', 'hlc'] as const;
