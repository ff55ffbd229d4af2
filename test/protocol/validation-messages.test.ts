import { describe, expect, it } from 'vitest';
import { AddressSchema, DateOnlySchema, describeValidation } from '../../protocol/index.ts';

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  describeValidation(result.error?.issues[0]?.message ?? '');

describe('what a kader reads when a field is wrong', () => {
  it('tells an empty date from a wrong one', () => {
    const empty = DateOnlySchema.safeParse('');
    expect(empty.error?.issues.map((i) => i.message)).toEqual(['date_required']);
    expect(firstMessage(empty)).toBe('Tanggal belum diisi. Pilih tanggalnya.');
    expect(firstMessage(DateOnlySchema.safeParse('2026-02-30'))).toBe('Tanggal tidak sah. Tulis tanggal yang benar.');
  });

  it('asks for the RT and RW when empty, and says how to write them when not numbers', () => {
    const issuesAt = (address: Record<string, string>, field: string) => {
      const parsed = AddressSchema.safeParse(address);
      return (parsed.error?.issues ?? []).filter((i) => i.path[0] === field).map((i) => describeValidation(i.message));
    };
    const base = { provinceCode: '33', regencyCode: '3302', districtCode: '330201', villageCode: '3302012001' };
    expect(issuesAt({ ...base, rt: '', rw: '1' }, 'rt')).toEqual(['RT belum diisi. Tulis nomor RT, contoh 3.']);
    expect(issuesAt({ ...base, rt: 'tiga', rw: '1' }, 'rt')).toEqual(['RT ditulis dengan angka saja, contoh 3.']);
    expect(issuesAt({ ...base, rt: '3', rw: '' }, 'rw')).toEqual(['RW belum diisi. Tulis nomor RW, contoh 1.']);
  });
});
