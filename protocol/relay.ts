import { z } from 'zod';
import { ServerIdSchema } from './ids.ts';

/**
 * What a pustu relay copies from the puskesmas (GET /api/v1/relay/devices, relay token only): its posyandu and
 * the phones enrolled there, with SHA-256 hashes of their tokens, so that it can let those phones in while the
 * uplink is down. Never the tokens themselves (docs/scaling.md, "The pustu relay").
 */
export const RelayDeviceSchema = z.object({
  id: ServerIdSchema,
  kaderId: z.string().min(1).max(64),
  kaderName: z.string().min(1).max(100),
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
  nextTokenSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  revokedAt: z.string().max(40).nullable(),
  singlePhone: z.boolean(),
  createdAt: z.string().max(40),
});

export const RelayDevicesResponseSchema = z.object({
  posyandu: z.object({ id: ServerIdSchema, name: z.string().min(1).max(100) }),
  devices: z.array(RelayDeviceSchema).max(10_000),
});

export type RelayDevice = z.infer<typeof RelayDeviceSchema>;
export type RelayDevicesResponse = z.infer<typeof RelayDevicesResponseSchema>;
