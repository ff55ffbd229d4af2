import { describe, expect, it } from 'vitest';
import { ChangeSchema, PushEnvelopeSchema } from '../../protocol/index.ts';
import { generatePosyandu } from '../../server/src/seed/generate-posyandu.ts';
import { seedChanges } from '../../server/src/seed/seed-changes.ts';
import { parseChangeEnvelope, parsePushEnvelope } from '../../server/src/services/change-envelope.ts';

const POSYANDU = '0190a0a0-0000-4000-8000-000000000001';
const DEVICE = '0190a0a0-0000-4000-8000-000000000002';

function seeded(): Record<string, unknown>[] {
  const data = generatePosyandu({ seed: 3, posyanduId: POSYANDU, deviceId: DEVICE, kaderId: 'k1', households: 20 });
  return seedChanges(data).slice(0, 200) as unknown as Record<string, unknown>[];
}

/** Each turns a sound change into one the schema may or may not accept: the hand check must agree either way. */
const MUTATIONS: ((c: Record<string, unknown>) => Record<string, unknown>)[] = [
  (c) => c,
  (c) => ({ ...c, changeId: '' }),
  (c) => ({ ...c, changeId: 'x'.repeat(65) }),
  (c) => ({ ...c, changeId: 'x'.repeat(64) }),
  (c) => ({ ...c, changeId: 'a\u0000b' }),
  (c) => ({ ...c, changeId: '\uD83D' }),
  (c) => ({ ...c, changeId: 42 }),
  (c) => ({ ...c, table: '' }),
  (c) => ({ ...c, table: 't'.repeat(41) }),
  (c) => ({ ...c, table: 'nope' }),
  (c) => ({ ...c, op: 'remove' }),
  (c) => ({ ...c, op: 'delete' }),
  (c) => ({ ...c, record: null }),
  (c) => ({ ...c, record: [] }),
  (c) => ({ ...c, record: 'text' }),
  (c) => ({ ...c, record: Object.create(null) as object }),
  (c) => ({ ...c, record: { ...(c.record as object), ['k'.repeat(65)]: 1 } }),
  (c) => ({ ...c, record: { ...(c.record as object), note: 'n'.repeat(2001) } }),
  (c) => ({ ...c, record: { ...(c.record as object), note: 'a\uDE00' } }),
  (c) => ({ ...c, record: JSON.parse('{"__proto__": {"x": 1}}') as object }),
  (c) => ({ ...c, record: { ...(c.record as object), deep: [[[[[[[1]]]]]]] } }),
  (c) => ({ ...c, record: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, i])) }),
  (c) => ({ ...c, record: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, i])) }),
  (c) => ({ ...c, fields: ['name'] }),
  (c) => ({ ...c, fields: [] }),
  (c) => ({ ...c, fields: 'name' }),
  (c) => ({ ...c, fields: [''] }),
  (c) => ({ ...c, fields: Array.from({ length: 101 }, (_, i) => `f${i}`) }),
  (c) => ({ ...c, fields: undefined }),
  (c) => ({ ...c, extra: 'dropped' }),
];

describe('the change envelope check', () => {
  it('gives ChangeSchema’s verdict and output for sound and broken changes alike', () => {
    let checked = 0;
    let accepted = 0;
    for (const change of seeded()) {
      for (const mutate of MUTATIONS) {
        const input = mutate(change);
        const ours = parseChangeEnvelope(input as never);
        const zods = ChangeSchema.safeParse(input);
        expect(ours.success).toBe(zods.success);
        if (ours.success && zods.success) {
          expect(ours.data).toStrictEqual(zods.data);
          accepted++;
        } else if (!ours.success && !zods.success) {
          expect(ours.error.issues).toEqual(zods.error.issues);
        }
        checked++;
      }
    }
    // Both outcomes are exercised: a check that refused or accepted everything would not be tested by this.
    expect(accepted).toBeGreaterThan(checked / 4);
    expect(accepted).toBeLessThan(checked);
  });
});

const ENVELOPE_MUTATIONS: ((b: Record<string, unknown>) => unknown)[] = [
  (b) => b,
  (b) => ({ ...b, health: { appVersion: '1.0' }, extra: 1 }),
  (b) => ({ ...b, protocolVersion: 1.5 }),
  (b) => ({ ...b, protocolVersion: '1' }),
  (b) => ({ ...b, deviceId: 'not-a-uuid' }),
  (b) => ({ ...b, deviceId: DEVICE.toUpperCase() }),
  (b) => ({ ...b, batchId: '' }),
  (b) => ({ ...b, batchId: 'b\u0000' }),
  (b) => ({ ...b, changes: {} }),
  (b) => ({ ...b, changes: [] }),
  (b) => ({ ...b, changes: [null] }),
  (b) => ({ ...b, changes: [[]] }),
  (b) => ({ ...b, changes: [{ changeId: 7 }] }),
  (b) => ({ ...b, changes: [{ changeId: '' }] }),
  (b) => ({ ...b, changes: [JSON.parse('{"changeId": "c1", "__proto__": {"x": 1}}')] }),
  (b) => ({ ...b, changes: Array.from({ length: 1001 }, (_, i) => ({ changeId: `c${i}` })) }),
  (b) => ({ ...b, changes: Array.from({ length: 1000 }, (_, i) => ({ changeId: `c${i}` })) }),
  (b) => ({ ...b, held: true }),
  (b) => ({ ...b, held: false }),
  (b) => ({ ...b, held: 'yes' }),
  () => null,
  () => [],
  () => 'push',
];

describe('the push envelope check', () => {
  it('gives PushEnvelopeSchema’s verdict and output', () => {
    const body = { protocolVersion: 1, deviceId: DEVICE, batchId: 'batch-1', changes: seeded().slice(0, 50) };
    let accepted = 0;
    for (const mutate of ENVELOPE_MUTATIONS) {
      const input = mutate(body);
      const ours = parsePushEnvelope(input);
      const zods = PushEnvelopeSchema.safeParse(input);
      expect(ours.success).toBe(zods.success);
      if (ours.success && zods.success) {
        expect(ours.data).toStrictEqual(zods.data);
        accepted++;
      } else if (!ours.success && !zods.success) {
        expect(ours.error.issues).toEqual(zods.error.issues);
      }
    }
    expect(accepted).toBeGreaterThan(3);
    expect(accepted).toBeLessThan(ENVELOPE_MUTATIONS.length);
  });
});
