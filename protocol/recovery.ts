import { z } from 'zod';

/**
 * Recovery of a forgotten PIN (docs/security.md, "Recovery of a forgotten PIN"). The phone wraps its secret a
 * second time under a random recovery code R (the same 16-character Crockford base32 form as a one-time code, 80
 * bits) and sends R only encrypted to the puskesmas's RSA-OAEP-256 public key. The server keeps the ciphertext;
 * `admin recover-device` decrypts R for staff who checked the kader in person.
 */
export const RECOVERY_ALGORITHM = 'RSA-OAEP-256';

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/);

/** The puskesmas's public key as GET /api/v1/device gives it (additive: an older phone ignores it). */
export const RecoveryPublicKeySchema = z.object({
  keyId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  alg: z.literal(RECOVERY_ALGORITHM),
  /** SubjectPublicKeyInfo DER, base64url; 4096-bit RSA is about 740 characters. */
  spki: base64url(1_200),
});
export type RecoveryPublicKey = z.infer<typeof RecoveryPublicKeySchema>;

/**
 * POST /api/v1/device/recovery: R encrypted to the key `keyId`, never R itself. `recoveryId` names the phone's
 * wrap, so a later upload replaces an earlier one. Strict: an unknown field is refused, nothing is stored.
 */
export const RecoveryUploadSchema = z
  .object({
    v: z.literal(1),
    keyId: RecoveryPublicKeySchema.shape.keyId,
    recoveryId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    /** RSA-OAEP ciphertext, as long as the modulus: 512 characters for 3072 bits, 683 for 4096. */
    ciphertext: base64url(700),
  })
  .strict();
export type RecoveryUpload = z.infer<typeof RecoveryUploadSchema>;

/** The whole request body is refused above this many bytes before it is parsed. */
export const MAX_RECOVERY_UPLOAD_BYTES = 2_048;
