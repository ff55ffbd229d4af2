import {
  ChangeSchema,
  ClientIdSchema,
  MAX_CHANGES_PER_PUSH,
  MAX_RECORD_FIELDS,
  checkJsonShape,
  isSafeText,
  PushEnvelopeSchema,
  ServerIdSchema,
  type Change,
  type PushEnvelope,
} from '../../../protocol/index.ts';
import type { IncomingChange } from './validate-change.ts';

/**
 * ChangeSchema's verdict on one change, decided by hand when the change is plainly sound and by zod otherwise.
 * The ingest profile had zod's pass over the change (before its record's own schema) at about a third of the
 * validation time, for what is a few typeof checks on a well-formed change. The hand check only ever says "sound"
 * for a change ChangeSchema also accepts, with the same output (the record is not copied: its table's schema
 * copies it next); anything it is unsure of goes to ChangeSchema, so every refusal and its message stay zod's
 * (test/server/change-envelope.test.ts holds the two to the same answers).
 */
export function parseChangeEnvelope(
  incoming: IncomingChange,
): { success: true; data: Change } | ReturnType<typeof ChangeSchema.safeParse> {
  const fast = plainlySound(incoming);
  return fast ? { success: true, data: fast } : ChangeSchema.safeParse(incoming);
}

function isClientId(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= max && isSafeText(value);
}

function plainlySound(incoming: IncomingChange): Change | null {
  const { changeId, table, op, record, fields } = incoming as Record<string, unknown>;
  if (!isClientId(changeId, 64) || !isClientId(table, 40)) return null;
  if (op !== 'upsert' && op !== 'delete') return null;
  // A plain object as JSON.parse makes it; zod's record check accepts more (e.g. a null prototype), so those
  // rarer shapes simply take zod's path.
  if (typeof record !== 'object' || record === null || Object.getPrototypeOf(record) !== Object.prototype) {
    return null;
  }
  // A sound shape has no key longer than MAX_KEY_LENGTH (ChangeSchema's key bound), so only the count is left.
  if (checkJsonShape(record) !== null) return null;
  if (Object.keys(record).length > MAX_RECORD_FIELDS) return null;
  if (fields === undefined) {
    const sound: Change = { changeId, table, op, record: record as Record<string, unknown> };
    // zod keeps a key given as undefined; so does this, for the same output.
    if ('fields' in incoming) sound.fields = undefined;
    return sound;
  }
  if (!Array.isArray(fields) || fields.length > 100) return null;
  for (const field of fields as unknown[]) if (!isClientId(field, 64)) return null;
  return { changeId, table, op, record: record as Record<string, unknown>, fields: [...(fields as string[])] };
}

/**
 * PushEnvelopeSchema's verdict on a push body, the same way: zod copied each of up to 1,000 changes (a loose
 * object) only to check that it is an object with a string changeId. The hand check keeps the changes as they
 * are (validateChange reads them and copies nothing it keeps) and leaves anything unusual to zod.
 */
export function parsePushEnvelope(
  body: unknown,
): { success: true; data: PushEnvelope } | ReturnType<typeof PushEnvelopeSchema.safeParse> {
  const fast = plainPushEnvelope(body);
  return fast ? { success: true, data: fast } : PushEnvelopeSchema.safeParse(body);
}

function plainPushEnvelope(body: unknown): PushEnvelope | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { protocolVersion, deviceId, batchId, changes, held } = body as Record<string, unknown>;
  if (!Number.isInteger(protocolVersion)) return null;
  if (held !== undefined && typeof held !== 'boolean') return null;
  if (!ServerIdSchema.safeParse(deviceId).success || !ClientIdSchema.safeParse(batchId).success) return null;
  if (!Array.isArray(changes) || changes.length > MAX_CHANGES_PER_PUSH) return null;
  for (const change of changes as unknown[]) {
    if (typeof change !== 'object' || change === null || Array.isArray(change)) return null;
    if (typeof (change as { changeId?: unknown }).changeId !== 'string') return null;
    // zod's copy would drop an own __proto__ key; such a change takes zod's path and loses it there.
    if (Object.hasOwn(change, '__proto__')) return null;
  }
  return {
    protocolVersion: protocolVersion as number,
    deviceId: deviceId as string,
    batchId: batchId as string,
    changes: changes as PushEnvelope['changes'],
    ...(held === undefined ? {} : { held }),
  };
}
