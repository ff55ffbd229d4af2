import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** The staff API's own error codes: it is not part of the phones' wire contract (protocol/errors.ts). */
export type StaffErrorCode =
  'unauthorized' | 'csrf' | 'forbidden' | 'not-found' | 'invalid-request' | 'rate-limited' | 'tables-missing';

export function staffError(c: Context, status: ContentfulStatusCode, code: StaffErrorCode, message: string): Response {
  return c.json({ code, message }, status);
}

export function zodMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** A JSON body checked by a schema; null (after answering 400) when it is not JSON or not valid. */
export async function jsonBody<T>(
  c: Context,
  schema: z.ZodType<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return { ok: false, response: staffError(c, 400, 'invalid-request', 'Isi permintaan bukan JSON yang sah.') };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, response: staffError(c, 400, 'invalid-request', zodMessage(parsed.error)) };
  }
  return { ok: true, value: parsed.data };
}
