import { describe, expect, it } from 'vitest';
import { PullResponseSchema } from '../../protocol/index.ts';

const HLC = '001786506694000:03052:3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e99';

function page(record: unknown): unknown {
  return { changes: [{ table: 'persons', op: 'upsert', record, hlc: HLC }], cursor: '7', hasMore: false };
}

describe('PullResponseSchema', () => {
  it('passes a pulled record on as the very object JSON gave (its table schema checks it where it is used)', () => {
    const record = { id: '018c7ff8-3c40-72cb-9713-b5d64b611c1a', name: 'Siti', jkn: { member: false } };
    const parsed = PullResponseSchema.parse(page(record));
    // The same object, not a copy rebuilt key by key: a first pull's 10,000 records each copied once for nothing.
    expect(parsed.changes[0]?.record).toBe(record);
    expect(parsed.changes[0]?.record).toEqual({ id: record.id, name: 'Siti', jkn: { member: false } });
  });

  it('refuses a record that is not an object', () => {
    for (const record of [null, 'Siti', 7, true, ['id'], undefined]) {
      expect(PullResponseSchema.safeParse(page(record)).success).toBe(false);
    }
  });
});
