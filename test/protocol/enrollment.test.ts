import { describe, expect, it } from 'vitest';
import { decodeEnrollmentCode, encodeEnrollmentCode, type Enrollment } from '../../protocol/index.ts';

const enrollment: Enrollment = {
  v: 1,
  deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60',
  token: 'tok_abcdefghijklmnopqrstuvwxyz0123456789',
  posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  posyanduName: 'Posyandu Melati — Dusun Krajan',
  kaderId: 'kader-7',
  kaderName: 'Bu Sri Wahyuni',
};

describe('enrollment code', () => {
  it('round-trips through base64url, non-ASCII names included', () => {
    const code = encodeEnrollmentCode(enrollment);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeEnrollmentCode(code)).toEqual(enrollment);
    expect(decodeEnrollmentCode(`  ${code}\n`)).toEqual(enrollment);
  });

  it('agrees with Node base64url', () => {
    const code = encodeEnrollmentCode(enrollment);
    expect(code).toBe(Buffer.from(JSON.stringify(enrollment)).toString('base64url'));
  });

  it('refuses a damaged or foreign code', () => {
    const code = encodeEnrollmentCode(enrollment);
    expect(decodeEnrollmentCode(code.slice(0, -5))).toBeNull();
    expect(decodeEnrollmentCode('hello world')).toBeNull();
    expect(decodeEnrollmentCode(Buffer.from('{"v":2}').toString('base64url'))).toBeNull();
  });
});
