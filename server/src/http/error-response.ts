import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode } from '../../../protocol/index.ts';

export function errorResponse(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string): Response {
  const body: ErrorBody = { code, message };
  return c.json(body, status);
}
