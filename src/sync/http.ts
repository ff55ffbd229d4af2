import { ERROR_CODES, type ErrorCode } from '../../protocol/errors.ts';
import { parseRetryAfter } from './backoff.ts';

/** What went wrong in a sync, as the UI shows it: a protocol error code, or one of the transport failures. */
export type SyncErrorCode = ErrorCode | 'network' | 'server-unavailable' | 'bad-response';

/** Base class: every failure of a sync request carries a code the UI can translate. */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    /** Worth retrying later by itself (network, 5xx, 429). */
    readonly transient: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** 401: the token is no longer valid. The queue stays; the kader must enroll again. */
export class UnauthorizedError extends SyncError {}

/** 413: the body was too big for the server; the batch must be split. */
export class PayloadTooLargeError extends SyncError {}

/** 415: the server cannot read the body as it was encoded (a gzipped push to a server that no longer reads gzip). */
export class UnsupportedEncodingError extends SyncError {}

export interface HttpDeps {
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
}

/**
 * One request to the sync API. Resolves with the parsed JSON body of a 2xx answer; throws a SyncError saying
 * whether a retry makes sense otherwise. A lost connection, a timeout and an unreadable 2xx body are all
 * transient: the server may or may not have committed, and idempotency makes the retry safe either way.
 */
export async function requestJson(deps: HttpDeps, url: string, init: RequestInit): Promise<unknown> {
  return (await requestJsonWithHeaders(deps, url, init)).body;
}

/** requestJson, with the answer's headers. */
export async function requestJsonWithHeaders(
  deps: HttpDeps,
  url: string,
  init: RequestInit,
): Promise<{ body: unknown; headers: Headers }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
  let response: Response;
  try {
    response = await deps.fetch(url, { ...init, signal: controller.signal });
  } catch (error) {
    clearTimeout(timer);
    throw new SyncError('network', `request failed: ${describe(error)}`, true);
  }
  try {
    if (response.ok) {
      try {
        return { body: await response.json(), headers: response.headers };
      } catch (error) {
        throw new SyncError('bad-response', `unreadable response: ${describe(error)}`, true);
      }
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), deps.now());
    const body = (await response.json().catch(() => null)) as { code?: unknown; message?: unknown } | null;
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`;
    const code = ERROR_CODES.includes(body?.code as ErrorCode) ? (body?.code as ErrorCode) : null;
    if (response.status === 401) throw new UnauthorizedError('unauthorized', message, false);
    if (response.status === 413) throw new PayloadTooLargeError('payload-too-large', message, false);
    if (response.status === 415) throw new UnsupportedEncodingError(code ?? 'invalid-request', message, false);
    if (response.status === 429) throw new SyncError('rate-limited', message, true, retryAfterMs);
    if (response.status >= 500 || response.status === 408) {
      throw new SyncError(code ?? 'server-unavailable', message, true, retryAfterMs);
    }
    throw new SyncError(code ?? 'invalid-request', message, false, retryAfterMs);
  } catch (error) {
    if (error instanceof SyncError) throw error;
    throw new SyncError('network', `response lost: ${describe(error)}`, true);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
