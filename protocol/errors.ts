/**
 * Error codes the server puts in a rejected change or a 4xx body. Kebab-case literals in one union so that
 * app, server and docs agree; the app maps each to an Indonesian sentence (src/i18n).
 */
export const ERROR_CODES = [
  'invalid-request',
  'malformed-json',
  'payload-too-large',
  'protocol-unsupported',
  'unauthorized',
  'forbidden-posyandu',
  'unknown-table',
  'invalid-record',
  'immutable-record',
  'rate-limited',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}
