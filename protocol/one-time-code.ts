/**
 * The one-time enrollment code a puskesmas gives a kader: 16 characters of Crockford base32 (80 bits), shown in
 * groups of four, e.g. `7KQ2-M9XD-4TNB-WC3E`. It holds no secret the phone keeps: the phone sends it once to
 * `POST /api/v1/enroll` and receives its own device token in exchange. It works once, and only until it expires.
 */
export const ONE_TIME_CODE_LENGTH = 16;
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Uppercase, without separators, with the letters people confuse read as the digits they look like. */
export function normalizeOneTimeCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

export function isOneTimeCode(text: string): boolean {
  const code = normalizeOneTimeCode(text);
  return code.length === ONE_TIME_CODE_LENGTH && [...code].every((c) => CROCKFORD_ALPHABET.includes(c));
}

export function formatOneTimeCode(code: string): string {
  return normalizeOneTimeCode(code).replace(/(.{4})(?=.)/g, '$1-');
}
