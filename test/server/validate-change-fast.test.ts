import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TABLE_NAMES, TABLES } from '../../protocol/index.ts';
import { generatePosyandu } from '../../server/src/seed/generate-posyandu.ts';
import { createPrng, type Prng } from '../../server/src/seed/prng.ts';
import { seedChanges } from '../../server/src/seed/seed-changes.ts';
import { DeleteRecordSchema } from '../../server/src/services/fast-record-schemas.ts';
import {
  isRejection,
  validateChange,
  validateChangeByZod,
  type IncomingChange,
} from '../../server/src/services/validate-change.ts';

const POSYANDU = '0190a0a0-0000-4000-8000-000000000001';
const DEVICE = '0190a0a0-0000-4000-8000-000000000002';
const SENDER = { deviceId: DEVICE, posyanduId: POSYANDU, kaderId: 'k1' };
const NOW_MS = Date.parse('2026-12-01T08:00:00.000Z');

type Json = Record<string, unknown>;

/** Every change of a 600-household posyandu (all nine tables), through JSON as a push body brings them. */
const SEEDED = JSON.parse(
  JSON.stringify(
    seedChanges(generatePosyandu({ seed: 7, posyanduId: POSYANDU, deviceId: DEVICE, kaderId: 'k1', households: 600 })),
  ),
) as Json[];

const byTable = (table: string): Json[] => SEEDED.filter((c) => c.table === table);

/**
 * The server's answer and zod's alone must be the same value, key order included (the record is stored as JSON
 * text, so an order that differs is a different row).
 */
function bothAgree(incoming: unknown): ReturnType<typeof validateChange> {
  const fast = validateChange(incoming as IncomingChange, SENDER, NOW_MS);
  const zod = validateChangeByZod(incoming as IncomingChange, SENDER, NOW_MS);
  expect(fast).toStrictEqual(zod);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(zod));
  return fast;
}

const clone = <T>(value: T): T => structuredClone(value);

function withRecord(change: Json, edit: (record: Json) => void): Json {
  const copy = clone(change);
  edit(copy.record as Json);
  return copy;
}

/** JSON.parse gives `__proto__` as an own key; so does this. */
function ownKey(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

describe('the compiled record schemas', () => {
  it('compile, every one: a schema zod could not compile would silently lose the fast path', () => {
    for (const table of TABLE_NAMES) expect(() => z.compile(TABLES[table].schema, { strict: true })).not.toThrow();
    expect(() => z.compile(DeleteRecordSchema, { strict: true })).not.toThrow();
  });
});

describe('validateChange against zod alone', () => {
  it('gives the same answer for every seeded change of every table', () => {
    const tables = new Set<string>();
    for (const change of SEEDED) {
      expect(isRejection(bothAgree(change))).toBe(false);
      tables.add(String(change.table));
    }
    expect([...tables].sort()).toEqual([...TABLE_NAMES].sort());
  });

  /** [table, what is wrong, the edit, whether zod accepts it]: each rule broken once, and a few edges kept. */
  const SAMPLES: [string, string, (r: Json) => void, 'accept' | 'reject'][] = [
    ['measurements', 'weight as text', (r) => (r.weightKg = '12'), 'reject'],
    ['measurements', 'weight 0', (r) => (r.weightKg = 0), 'reject'],
    ['measurements', 'weight 301', (r) => (r.weightKg = 301), 'reject'],
    ['measurements', 'weight 300', (r) => (r.weightKg = 300), 'accept'],
    ['measurements', 'systolic 120.5', (r) => (r.systolicMmHg = 120.5), 'reject'],
    ['measurements', 'position unknown', (r) => (r.position = 'sitting'), 'reject'],
    ['measurements', 'oedema as 1', (r) => (r.oedema = 1), 'reject'],
    ['measurements', 'date 2024-02-30', (r) => (r.date = '2024-02-30'), 'reject'],
    ['measurements', 'date 2023-02-29', (r) => (r.date = '2023-02-29'), 'reject'],
    ['measurements', 'date 2024-02-29', (r) => (r.date = '2024-02-29'), 'accept'],
    ['measurements', 'date 1899-12-31', (r) => (r.date = '1899-12-31'), 'reject'],
    ['measurements', 'date two years ahead', (r) => (r.date = '2028-12-01'), 'reject'],
    ['measurements', 'date empty', (r) => (r.date = ''), 'reject'],
    ['measurements', 'date 2026-1-05', (r) => (r.date = '2026-1-05'), 'reject'],
    ['measurements', 'recordedAt without zone', (r) => (r.recordedAt = '2026-11-01T02:00:00'), 'reject'],
    ['measurements', 'recordedAt with offset', (r) => (r.recordedAt = '2026-11-01T09:00:00+07:00'), 'accept'],
    ['measurements', 'recordedAt 2024-02-30', (r) => (r.recordedAt = '2024-02-30T02:00:00.000Z'), 'reject'],
    ['measurements', 'id not UUID v7', (r) => (r.id = '0190a0a0-0000-4000-8000-000000000009'), 'reject'],
    ['measurements', 'id missing', (r) => delete r.id, 'reject'],
    ['measurements', 'personId a number', (r) => (r.personId = 7), 'reject'],
    ['measurements', 'hlc malformed', (r) => (r.hlc = '1:2:3'), 'reject'],
    ['measurements', 'recordedBy missing', (r) => delete r.recordedBy, 'reject'],
    [
      'measurements',
      'recordedBy of another kader',
      (r) => (r.recordedBy = { kaderId: 'x', deviceId: DEVICE }),
      'accept',
    ],
    ['measurements', 'unknown field dropped', (r) => (r.colour = 'blue'), 'accept'],
    ['measurements', 'unknown field with NUL', (r) => (r.colour = 'a\u0000b'), 'reject'],
    ['measurements', 'unknown field with a lone surrogate', (r) => (r.colour = 'a\uD800'), 'reject'],
    ['measurements', 'unknown field 2001 characters', (r) => (r.colour = 'x'.repeat(2001)), 'reject'],
    ['measurements', 'key of 65 characters', (r) => (r['k'.repeat(65)] = 1), 'reject'],
    ['measurements', 'own __proto__ key', (r) => ownKey(r, '__proto__', { polluted: true }), 'reject'],
    ['measurements', 'constructor key', (r) => ownKey(r, 'constructor', 'x'), 'reject'],
    ['measurements', 'nested 7 deep', (r) => (r.deep = [[[[[[[1]]]]]]]), 'reject'],
    ['measurements', 'nested 5 deep', (r) => (r.deep = [[[[1]]]]), 'accept'],
    ['measurements', '501 values', (r) => (r.many = Array.from({ length: 500 }, () => 1)), 'reject'],
    [
      'measurements',
      '101 fields',
      (r) => Object.assign(r, Object.fromEntries(range(95).map((i) => [`f${i}`, i]))),
      'reject',
    ],
    ['measurements', 'posyandu of another', (r) => (r.posyanduId = '0190a0a0-0000-4000-8000-0000000000ff'), 'reject'],
    ['persons', 'name of spaces only', (r) => (r.name = '   '), 'reject'],
    ['persons', 'name padded (trimmed)', (r) => (r.name = '  Siti Aminah  '), 'accept'],
    ['persons', 'name with an emoji', (r) => (r.name = 'Siti 😀'), 'accept'],
    ['persons', 'name 101 characters', (r) => (r.name = 'n'.repeat(101)), 'reject'],
    ['persons', 'sex unknown', (r) => (r.sex = 'x'), 'reject'],
    ['persons', 'NIK of another birth date', (r) => (r.nik = '3302010101900001'), 'reject'],
    ['persons', 'NIK 15 digits', (r) => (r.nik = '330201010190000'), 'reject'],
    ['persons', 'born after the record', (r) => (r.birthDate = '2026-11-30'), 'reject'],
    ['persons', 'phone malformed', (r) => (r.phone = '12345'), 'reject'],
    ['persons', 'jkn left out (defaulted)', (r) => delete r.jkn, 'accept'],
    ['persons', 'status left out (defaulted)', (r) => delete r.status, 'accept'],
    ['persons', 'jkn.kind unknown', (r) => (r.jkn = { member: true, kind: 'x' }), 'reject'],
    ['persons', 'kiaBook without date', (r) => (r.kiaBook = { owned: true }), 'reject'],
    ['households', 'rt empty', (r) => ((r.address as Json).rt = ''), 'reject'],
    ['households', 'rt letters', (r) => ((r.address as Json).rt = 'tiga'), 'reject'],
    ['households', 'area codes apart', (r) => ((r.address as Json).villageCode = '3401012002'), 'reject'],
    ['households', 'address unknown key dropped', (r) => ((r.address as Json).zip = '53111'), 'accept'],
    ['households', 'street left out (defaulted)', (r) => delete (r.address as Json).street, 'accept'],
    ['households', 'pisPk left out (defaulted)', (r) => delete r.pisPk, 'accept'],
    ['households', 'pisPk unknown indicator', (r) => (r.pisPk = { flying: 'yes' }), 'reject'],
    ['households', 'pisPk answer unknown', (r) => (r.pisPk = { noSmoker: 'maybe' }), 'reject'],
    ['households', 'family card 15 digits', (r) => (r.familyCardNumber = '330201080617000'), 'reject'],
    [
      'screenings',
      'answers 101',
      (r) => (r.answers = Object.fromEntries(range(101).map((i) => [`q${i}`, 1]))),
      'reject',
    ],
    ['screenings', 'answer a list', (r) => (r.answers = { q1: [1] }), 'reject'],
    ['screenings', 'answer text 201', (r) => (r.answers = { q1: 'a'.repeat(201) }), 'reject'],
    ['screenings', 'instrument upper case', (r) => (r.instrument = 'PTM'), 'reject'],
    ['screenings', 'score out of range', (r) => (r.score = 2_000_000), 'reject'],
    ['immunizations', 'vaccine code with a space', (r) => (r.vaccine = 'bcg 1'), 'reject'],
    ['services', 'quantity 0', (r) => (r.quantity = 0), 'reject'],
    ['pregnancies', 'gravida 26', (r) => (r.gravida = 26), 'reject'],
    ['pregnancies', 'outcome left out (defaulted)', (r) => delete r.outcome, 'accept'],
    ['referrals', 'written by the puskesmas', (r) => (r.authoredBy = { staffId: DEVICE, name: 'Bidan' }), 'reject'],
    ['referrals', 'reason empty', (r) => (r.reason = ''), 'reject'],
    ['referrals', 'destination left out (defaulted)', (r) => delete r.destination, 'accept'],
    ['visits', 'taskKeys 51', (r) => (r.taskKeys = range(51).map((i) => `t${i}`)), 'reject'],
    ['visits', 'notes 1001', (r) => (r.notes = 'n'.repeat(1001)), 'reject'],
  ];

  it.each(SAMPLES)('%s, %s: the same answer', (table, _what, edit, expected) => {
    const changes = byTable(table).slice(0, 3);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      const answer = bothAgree(withRecord(change, edit));
      expect(isRejection(answer) ? 'reject' : 'accept').toBe(expected);
    }
  });

  it('gives the same answer for changes broken in the envelope', () => {
    const [person, weighing] = [byTable('persons')[0] as Json, byTable('measurements')[0] as Json];
    const envelopes: Json[] = [
      { ...person, op: 'delete' },
      { ...person, op: 'delete', record: { ...(person.record as Json), name: 7 } },
      { ...weighing, op: 'delete' },
      { ...person, fields: ['name', 'hlc'] },
      { ...person, fields: ['name', 'shoeSize'] },
      { ...weighing, fields: ['weightKg'] },
      { ...person, table: 'nope' },
      { ...person, table: 'measurements' },
      { ...person, changeId: '' },
      { ...person, changeId: 'c\uDC00' },
      { ...person, record: [] },
      { ...person, record: null },
      { changeId: 'c1' },
    ];
    for (const change of envelopes) bothAgree(change);
  });

  it('gives the same answer for 6,000 randomly mutated seeded changes', () => {
    const prng = createPrng(20261201);
    let accepted = 0;
    for (let i = 0; i < 6000; i++) {
      const change = clone(prng.pick(SEEDED));
      for (let edits = prng.int(1, 3); edits > 0; edits--) mutate(prng, change);
      if (!isRejection(bothAgree(change))) accepted++;
    }
    // Both outcomes are exercised: mutations that always or never broke a change would test little.
    expect(accepted).toBeGreaterThan(600);
    expect(accepted).toBeLessThan(5400);
  });
});

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Values a phone, a bug or an attacker might put anywhere. */
const VALUES: unknown[] = [
  ...['', ' ', 'x', '  Siti  ', 'a\u0000b', '\uD800', 'ok 😀', 'x'.repeat(2001), 'x'.repeat(101), 'x'.repeat(17)],
  ...['2024-02-30', '2024-02-29', '2023-02-29', '1899-12-31', '1900-01-01', '2027-12-31', '2026-13-01', '26-11-01'],
  ...['2026-11-01T02:00:00.000Z', '2026-11-01T02:00:00Z', '2026-11-01T02:00', '2026-11-01T09:00:00+07:00'],
  ...['0190a0a0-0000-7000-8000-000000000001', POSYANDU, DEVICE, 'male', 'female', 'head', 'yes', 'na', 'lying'],
  ...['bcg', 'K1', '0812345678', '+62812345678', '3302012307770001', '004', '33', '001793498400000:00713:x'],
  ...[0, -1, 1, 1.5, 0.0001, 10, 25, 26, 50, 300, 301, 1000, 1e308, -0, Number.NaN, Infinity, 2 ** 53],
  ...[true, false, null, undefined, [], [1], ['a'], {}, { a: 1 }, { member: true }, [[[[[[[1]]]]]]]],
  ...[
    { owned: true, notedOn: '2026-01-01' },
    { kaderId: 'k', deviceId: DEVICE },
    { staffId: DEVICE, name: 'B' },
  ],
];

const FIELD_NAMES = [
  ...new Set(TABLE_NAMES.flatMap((t) => Object.keys(TABLES[t].schema.shape))),
  ...['extra', 'k'.repeat(65), 'constructor', 'street', 'rt', 'kind', 'q1'],
];

/** Every object or array inside a change, the change itself first, with the keys it holds. */
function containers(value: unknown, out: (Json | unknown[])[] = []): (Json | unknown[])[] {
  if (value === null || typeof value !== 'object') return out;
  out.push(value as Json | unknown[]);
  for (const child of Object.values(value)) containers(child, out);
  return out;
}

/** One random edit: a value replaced, a key removed or added, the envelope changed, or records swapped. */
function mutate(prng: Prng, change: Json): void {
  const targets = containers(change);
  const target = prng.pick(targets);
  const keys = Object.keys(target);
  const kind = prng.int(0, 9);
  if (kind <= 4 && keys.length > 0) {
    (target as Json)[prng.pick(keys)] = clone(prng.pick(VALUES));
  } else if (kind <= 6 && keys.length > 0) {
    if (Array.isArray(target)) target.pop();
    else delete target[prng.pick(keys)];
  } else if (kind === 7 && !Array.isArray(target)) {
    const key = prng.chance(0.1) ? '__proto__' : prng.pick(FIELD_NAMES);
    ownKey(target, key, clone(prng.pick(VALUES)));
  } else if (kind === 8) {
    const envelope = prng.pick(['op', 'table', 'fields', 'changeId'] as const);
    if (envelope === 'op') change.op = prng.pick(['upsert', 'delete', 'remove']);
    if (envelope === 'table') change.table = prng.pick([...TABLE_NAMES, 'nope']);
    if (envelope === 'fields') change.fields = FIELD_NAMES.filter(() => prng.chance(0.1));
    if (envelope === 'changeId') change.changeId = prng.pick(['', 'c'.repeat(65), 'c-1', 'c\u0000']);
  } else {
    change.record = clone(prng.pick(SEEDED).record);
  }
}
