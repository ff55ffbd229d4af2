import { z } from 'zod';
import { ServerIdSchema } from './ids.ts';

/**
 * What a kader is given to enroll her phone: everything the app needs, so that enrolling works without signal.
 * The puskesmas shows it as a QR code of `<server>/#/daftar/<code>` or reads the code out; the code is this
 * object as base64url JSON. The token is a secret: whoever holds it can push as this device.
 */
/**
 * The desa a posyandu serves, as the puskesmas knows it: its Kemendagri codes (each a prefix of the next) and,
 * when given, its dusun. Optional and additive: an app that predates it ignores it, and a code without it still
 * enrolls (the kader then types the codes once). The household form takes the codes from here, so a kader never
 * types them, and offers the dusun as choices.
 */
export const EnrollmentAreaSchema = z
  .object({
    desa: z.string().min(1).max(100).optional(),
    provinceCode: z.string().regex(/^\d{2}$/),
    regencyCode: z.string().regex(/^\d{4}$/),
    districtCode: z.string().regex(/^\d{6}$/),
    villageCode: z.string().regex(/^\d{10}$/),
    dusun: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  })
  .refine(
    (a) =>
      a.regencyCode.startsWith(a.provinceCode) &&
      a.districtCode.startsWith(a.regencyCode) &&
      a.villageCode.startsWith(a.districtCode),
  );

export type EnrollmentArea = z.infer<typeof EnrollmentAreaSchema>;

/**
 * The area from a desa name and a 10-digit village code (the other codes are its prefixes), or undefined when the
 * code is missing or malformed: a posyandu without its desa still enrolls phones.
 */
export function enrollmentAreaOf(input: {
  desa?: string | null | undefined;
  villageCode?: string | null | undefined;
  dusun?: readonly string[] | undefined;
}): EnrollmentArea | undefined {
  const code = input.villageCode ?? '';
  const parsed = EnrollmentAreaSchema.safeParse({
    ...(input.desa ? { desa: input.desa } : {}),
    provinceCode: code.slice(0, 2),
    regencyCode: code.slice(0, 4),
    districtCode: code.slice(0, 6),
    villageCode: code,
    ...(input.dusun && input.dusun.length > 0 ? { dusun: [...input.dusun] } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

export const EnrollmentSchema = z.object({
  v: z.literal(1),
  deviceId: ServerIdSchema,
  token: z.string().min(20).max(200),
  posyanduId: ServerIdSchema,
  posyanduName: z.string().min(1).max(200),
  kaderId: z.string().min(1).max(64),
  kaderName: z.string().min(1).max(100),
  // A malformed area is dropped, not fatal: the phone still enrolls and the kader types the codes.
  area: EnrollmentAreaSchema.optional().catch(undefined),
});

export type Enrollment = z.infer<typeof EnrollmentSchema>;

/** The body of `POST /api/v1/enroll`: a one-time code (one-time-code.ts) as the kader typed it. */
export const EnrollRequestSchema = z.object({ code: z.string().min(1).max(40) });
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

// The contract compiles without DOM or Node types (tsconfig.pure.json); these two codecs are in every runtime that
// reads it (browsers, service workers, Node), so they are declared here rather than pulling in a whole lib.
declare const TextEncoder: { new (): { encode(input: string): Uint8Array } };
declare const TextDecoder: { new (): { decode(input: Uint8Array): string } };

export function encodeEnrollmentCode(enrollment: Enrollment): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(enrollment)));
}

export function decodeEnrollmentCode(code: string): Enrollment | null {
  const bytes = fromBase64Url(code.trim());
  if (!bytes) return null;
  try {
    const parsed = EnrollmentSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let c = 0; c < chars; c++) out += ALPHABET[(chunk >> (18 - 6 * c)) & 63];
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    const group = text.slice(i, i + 4);
    let chunk = 0;
    for (let c = 0; c < 4; c++) chunk = (chunk << 6) | (c < group.length ? ALPHABET.indexOf(group[c] as string) : 0);
    bytes.push((chunk >> 16) & 255);
    if (group.length > 2) bytes.push((chunk >> 8) & 255);
    if (group.length > 3) bytes.push(chunk & 255);
  }
  return Uint8Array.from(bytes);
}
