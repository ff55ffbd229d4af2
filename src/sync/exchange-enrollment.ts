import type { Enrollment } from '../../protocol/enrollment.ts';
import { normalizeOneTimeCode } from '../../protocol/one-time-code.ts';
import { loadWireSchemas } from '../../protocol/wire-schemas.ts';
import { SyncError, requestJson, type HttpDeps } from './http.ts';

/**
 * Sends a one-time enrollment code to the server once and returns the enrollment it answers with: a device and a
 * token of this phone alone. Throws a SyncError: `unauthorized` for a wrong, used or expired code, `network` or
 * `server-unavailable` when there is no signal or no server (the kader tries again), `rate-limited` after many
 * wrong codes.
 */
export async function exchangeEnrollmentCode(deps: HttpDeps & { baseUrl: string }, code: string): Promise<Enrollment> {
  const raw = await requestJson(deps, `${deps.baseUrl}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: normalizeOneTimeCode(code) }),
  });
  const { EnrollmentSchema } = await loadWireSchemas();
  const parsed = EnrollmentSchema.safeParse(raw);
  if (!parsed.success) throw new SyncError('bad-response', 'enrollment answer has the wrong shape', true);
  return parsed.data;
}
