import { describe, expect, it } from 'vitest';
import { decodeFieldStamps, encodeFieldStamps } from '../../server/src/db/field-stamps.ts';
import { createPrng } from '../../server/src/seed/prng.ts';

const STAMPS = [
  '001772352000000:00000:6df0b5b5-4dba-4950-b6d8-829c74e1c73c',
  '001772352000001:00003:6df0b5b5-4dba-4950-b6d8-829c74e1c73c',
  '001772352999999:00000:puskesmas',
  '',
  '"odd" \\ stamp',
];
const FIELDS = ['name', 'nik', 'address', 'pisPk', '__proto__', 'constructor', 'a"b', 'é', '0', '12'];

function randomStamps(next: () => number): Record<string, string> {
  const out: Record<string, string> = {};
  const count = Math.floor(next() * (FIELDS.length + 1));
  for (let i = 0; i < count; i++) {
    const field = FIELDS[Math.floor(next() * FIELDS.length)] ?? 'name';
    const stamp = STAMPS[Math.floor(next() * STAMPS.length)] ?? '';
    Object.defineProperty(out, field, { value: stamp, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

describe('field stamps grouped by stamp (server/src/db/field-stamps.ts)', () => {
  it('gives back every map it encodes (2,000 seeded maps, awkward names included)', () => {
    const prng = createPrng(14);
    const next = () => prng.next();
    for (let i = 0; i < 2000; i++) {
      const stamps = randomStamps(next);
      const decoded = decodeFieldStamps(encodeFieldStamps(stamps));
      expect(Object.entries(decoded).sort()).toEqual(Object.entries(stamps).sort());
    }
  });

  it('writes each stamp once', () => {
    const stamp = STAMPS[0] ?? '';
    const encoded = encodeFieldStamps({ name: stamp, nik: stamp, address: STAMPS[1] ?? '' });
    expect(JSON.parse(encoded)).toEqual({ [stamp]: ['name', 'nik'], [STAMPS[1] ?? '']: ['address'] });
    expect(encoded.split(stamp)).toHaveLength(2);
    expect(encodeFieldStamps({})).toBe('{}');
  });

  it('writes the stamps in the order their fields come, each field under its own stamp', () => {
    const [first, second] = [STAMPS[0] ?? '', STAMPS[1] ?? ''];
    const encoded = encodeFieldStamps({ rt: second, name: first, rw: second });
    expect(encoded).toBe(JSON.stringify({ [second]: ['rt', 'rw'], [first]: ['name'] }));
  });

  it('reads rows written field by field before', () => {
    expect(decodeFieldStamps('{"name":"h1","nik":"h2"}')).toEqual({ name: 'h1', nik: 'h2' });
    expect(decodeFieldStamps('{}')).toEqual({});
  });

  it('refuses a column that is neither shape', () => {
    expect(() => decodeFieldStamps('[]')).toThrow(/not an object/);
    expect(() => decodeFieldStamps('{"h":[1]}')).toThrow(/not text/);
    expect(() => decodeFieldStamps('{"h":3}')).toThrow(/neither/);
  });
});
