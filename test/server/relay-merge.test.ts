import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../../server/src/db/store.ts';
import { mergeUpstreamState } from '../../server/src/services/relay-merge.ts';
import { hlcAt } from './support/records.ts';

const P = '0190a000-0000-7000-8000-000000000001';
const early = hlcAt(0, 'phone-a');
const late = hlcAt(60_000, 'phone-b');

const local: StoredRecord = {
  table: 'households',
  id: 'h1',
  posyanduId: P,
  seq: 7,
  hlc: late,
  deleted: false,
  data: { id: 'h1', posyanduId: P, headName: 'Budi', address: { rt: '001' }, hlc: late },
  fieldHlc: { headName: early, address: late },
};

describe('mergeUpstreamState (the relay folding in the puskesmas state)', () => {
  it('takes each field with the later stamp, from either side', () => {
    const merged = mergeUpstreamState(
      local,
      {
        table: 'households',
        op: 'upsert',
        hlc: late,
        record: { id: 'h1', posyanduId: P, headName: 'Siti', address: { rt: '009' }, hlc: late },
        fieldHlc: { headName: late, address: early },
      },
      P,
    );
    expect(merged?.data).toMatchObject({ headName: 'Siti', address: { rt: '001' } });
    expect(merged?.fieldHlc).toEqual({ headName: late, address: late });
    expect(merged?.seq).toBe(7);
  });

  it('changes nothing when the puskesmas has nothing newer, and never replaces an event', () => {
    const same = {
      table: 'households',
      op: 'upsert' as const,
      hlc: late,
      record: local.data,
      fieldHlc: local.fieldHlc,
    };
    expect(mergeUpstreamState(local, same, P)).toBeNull();
    const event: StoredRecord = { ...local, table: 'measurements', fieldHlc: {}, data: { id: 'h1', weightKg: 9 } };
    const other = { table: 'measurements', op: 'upsert' as const, hlc: late, record: { id: 'h1', weightKg: 10 } };
    expect(mergeUpstreamState(event, other, P)).toBeNull();
  });

  it('takes a record it does not have whole, a tombstone as deleted, and refuses an unknown table', () => {
    const tombstone = mergeUpstreamState(
      undefined,
      { table: 'persons', op: 'delete', hlc: late, record: { id: 'x', deletedAt: '2026-01-01T00:00:00.000Z' } },
      P,
    );
    expect(tombstone).toMatchObject({ id: 'x', deleted: true, posyanduId: P });
    expect(
      mergeUpstreamState(undefined, { table: 'nope', op: 'upsert', hlc: late, record: { id: 'y' } }, P),
    ).toBeNull();
  });
});
