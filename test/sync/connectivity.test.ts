import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../protocol/errors.ts';
import { connectivityOf, type SyncErrorCode } from '../../src/sync/index.ts';

const failed = (lastError: SyncErrorCode) => ({ lastError, lastSuccessAt: null, needsEnrollment: false });

describe('what the app says about the connection', () => {
  it('believes the sync engine over navigator.onLine: wifi with no uplink is "server not reachable"', () => {
    expect(connectivityOf(failed('network'), true)).toBe('server-unreachable');
    expect(connectivityOf(failed('server-unavailable'), true)).toBe('server-unreachable');
    expect(connectivityOf(failed('bad-response'), true)).toBe('server-unreachable');
  });

  it('says "no signal" when the browser knows it is offline, whatever the last attempt was', () => {
    expect(connectivityOf(failed('network'), false)).toBe('no-signal');
    expect(
      connectivityOf({ lastError: null, lastSuccessAt: '2026-12-01T01:00:00Z', needsEnrollment: false }, false),
    ).toBe('no-signal');
    expect(connectivityOf(null, false)).toBe('no-signal');
  });

  it('is connected only after a sync went through, and unknown before any attempt', () => {
    expect(
      connectivityOf({ lastError: null, lastSuccessAt: '2026-12-01T01:00:00Z', needsEnrollment: false }, true),
    ).toBe('connected');
    expect(connectivityOf({ lastError: null, lastSuccessAt: null, needsEnrollment: false }, true)).toBe('unknown');
    expect(connectivityOf(null, true)).toBe('unknown');
  });

  it('gives each server answer its own state', () => {
    expect(connectivityOf(failed('protocol-unsupported'), true)).toBe('update-app');
    expect(connectivityOf(failed('rate-limited'), true)).toBe('server-busy');
    expect(connectivityOf(failed('unauthorized'), true)).toBe('enroll-again');
    expect(connectivityOf({ lastError: null, lastSuccessAt: null, needsEnrollment: true }, false)).toBe('enroll-again');
    for (const code of ['invalid-request', 'malformed-json', 'payload-too-large', 'forbidden-posyandu'] as const) {
      expect(connectivityOf(failed(code), true), code).toBe('batch-refused');
    }
  });

  it('maps every protocol error code the server can send', () => {
    for (const code of ERROR_CODES) expect(typeof connectivityOf(failed(code), true), code).toBe('string');
  });
});
