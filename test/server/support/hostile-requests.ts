import { createPrng, type Prng } from '../../../server/src/seed/prng.ts';
import { change, household, measurement, newId, person } from './records.ts';
import type { TestDevice } from './test-server.ts';

/** One generated attack: what to send, and whether it carries a valid token. */
export interface HostileRequest {
  body: string;
  authorized: boolean;
}

const HOSTILE_STRINGS = [
  '\uD83D',
  'x\uDE00',
  'a\u0000b',
  'x'.repeat(2001),
  'x'.repeat(100_000),
  '',
  '\uFFFF\uD800\uDBFF',
];

const BAD_DATES = ['0100-01-01', '9999-12-31', '1899-12-31', '2026-02-30', '2026-13-01', '20260101', 'kemarin'];
const BAD_INSTANTS = [
  '9999-01-01T00:00:00Z',
  '0100-01-01T00:00:00Z',
  '2026-03-01',
  `2026-03-01T08:00:00.${'1'.repeat(60)}Z`,
];

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** A record made invalid by exactly one hostile edit, so that a server accepting it is caught storing it. */
function hostileChange(rng: Prng, device: TestDevice, other: TestDevice): Record<string, unknown> {
  const h = household(device);
  const p = person(device, String(h.id), { nik: undefined });
  const m = measurement(device, String(p.id));
  const base = rng.pick([
    ['households', h],
    ['persons', p],
    ['measurements', m],
  ] as const);
  const [table, record] = base;
  const edits: (() => Record<string, unknown>)[] = [
    () => change(table, { ...record, id: rng.pick(HOSTILE_STRINGS) }),
    () => change(table, { ...record, posyanduId: rng.pick(HOSTILE_STRINGS) }),
    () => change(table, { ...record, hlc: rng.pick(HOSTILE_STRINGS) }),
    () => change(table, { ...record, recordedAt: rng.pick(BAD_INSTANTS) }),
    () => change(table, { ...record, recordedBy: rng.pick([null, 'x', { kaderId: rng.pick(HOSTILE_STRINGS) }]) }),
    () => change(table, { ...record, posyanduId: other.posyanduId }),
    () => change(rng.pick(['nope', 'records', '__proto__', rng.pick(HOSTILE_STRINGS)]), record),
    () => ({ ...change(table, record), changeId: rng.pick(HOSTILE_STRINGS) }),
    () => ({ ...change(table, record), op: rng.pick(['insert', 'DELETE', null, 1]) }),
    () => ({ ...change(table, record), record: rng.pick([null, 'x', 1, [record], true]) }),
    () => ({ ...change(table, record), fields: rng.pick([['nope'], 'headName', [rng.pick(HOSTILE_STRINGS)]]) }),
    () =>
      change(table, {
        ...record,
        [rng.pick(['__proto__', 'k'.repeat(65), `k${rng.pick(HOSTILE_STRINGS.filter((t) => t.length !== 0))}`])]: 1,
      }),
    () => change(table, { ...record, deep: nested(rng.int(7, 31)) }),
    () => change(table, Object.fromEntries(Array.from({ length: rng.int(101, 3000) }, (_, i) => [`k${i}`, i]))),
    () => change(table, { ...record, extra: rng.pick(HOSTILE_STRINGS.filter((s) => s.length !== 0)) }),
    () => change('households', { ...h, headName: rng.pick(HOSTILE_STRINGS) }),
    () => change('households', { ...h, address: { ...(h.address as object), villageCode: '9999999999' } }),
    () => change('households', { ...h, deletedAt: rng.pick(BAD_INSTANTS) }),
    () => change('persons', { ...p, birthDate: rng.pick(BAD_DATES) }),
    () => change('persons', { ...p, name: rng.pick(HOSTILE_STRINGS) }),
    () => change('persons', { ...p, nik: rng.pick(['x'.repeat(100_000), '3302010505900002', '\u0000']) }),
    () => change('measurements', { ...m, date: rng.pick(BAD_DATES) }),
    () => change('measurements', { ...m, weightKg: rng.pick([-1, 0, 1e308, '9.4', null]) }),
    () => change('measurements', m, { op: 'delete' }),
    () =>
      change('screenings', {
        ...m,
        date: '2026-03-01',
        instrument: 'phq9',
        answers: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, 1])),
      }),
  ];
  return rng.pick(edits)();
}

/** Whole-request attacks: broken JSON, nesting, wrong envelope. */
function hostileBody(rng: Prng, device: TestDevice, other: TestDevice): string {
  const envelope = (extra: Record<string, unknown>) =>
    JSON.stringify({ protocolVersion: 1, deviceId: device.deviceId, batchId: newId(), changes: [], ...extra });
  const bodies: (() => string)[] = [
    () => `${'['.repeat(rng.int(33, 20_000))}`,
    () => `{"protocolVersion":1,"changes":${'['.repeat(rng.int(33, 5_000))}1${']'.repeat(rng.int(0, 5_000))}}`,
    () => envelope({ x: nested(rng.int(33, 3_000)) }),
    () => envelope({}).slice(0, rng.int(0, 40)),
    () => rng.pick(['null', 'true', '1', '"x"', '[]', '{}', '', ' ', '\u0000', '{"__proto__":{}}']),
    () => envelope({ protocolVersion: rng.pick([0, 2, 99, -1, 1.5, '1', null, 1e308]) }),
    () => envelope({ deviceId: rng.pick([other.deviceId, 'x', null, rng.pick(HOSTILE_STRINGS)]) }),
    () => envelope({ batchId: rng.pick(HOSTILE_STRINGS) }),
    () => envelope({ changes: rng.pick(['x', null, {}, 1]) }),
    () => envelope({ changes: Array.from({ length: 1001 }, () => ({ changeId: 'x' })) }),
    () => envelope({ changes: [{ changeId: rng.pick([1, null, {}, []]) }] }),
    () => JSON.stringify({ ...JSON.parse(envelope({})), batchId: undefined }),
  ];
  return rng.pick(bodies)();
}

export function* hostileRequests(
  seed: number,
  count: number,
  device: TestDevice,
  other: TestDevice,
): Generator<HostileRequest> {
  const rng = createPrng(seed);
  for (let i = 0; i < count; i++) {
    if (rng.chance(0.3)) {
      yield { body: hostileBody(rng, device, other), authorized: !rng.chance(0.05) };
      continue;
    }
    const changes = Array.from({ length: rng.int(1, 4) }, () => hostileChange(rng, device, other));
    yield {
      body: JSON.stringify({ protocolVersion: 1, deviceId: device.deviceId, batchId: newId(), changes }),
      authorized: true,
    };
  }
}
