import { describe, expect, it } from 'vitest';
import { UUID_V7_PATTERN } from '../../protocol/index.ts';
import { newRecordId } from '../../src/platform/ids.ts';

describe('newRecordId', () => {
  it('makes UUID v7 ids that sort by time and increase strictly within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newRecordId(1_760_000_000_000));
    for (const id of ids.slice(0, 50)) expect(id).toMatch(UUID_V7_PATTERN);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]!.slice(0, 13)).toBe('0199c82c-c000'); // 1_760_000_000_000 ms in hex
    const later = newRecordId(1_760_000_000_500);
    expect(later > ids.at(-1)!).toBe(true);
  });
});
