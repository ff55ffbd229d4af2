import type { Storage } from '../storage/index.ts';
import { requestJson, type HttpDeps } from './http.ts';

/** A stolen token stops working within a month even if nobody notices the theft. */
export const TOKEN_ROTATION_MS = 30 * 24 * 3_600_000;

/**
 * After a successful sync: asks the server for a new token once the current one is TOKEN_ROTATION_MS old. The
 * server keeps the old token valid until the new one is first used, so a lost answer or a crash before saving
 * costs nothing; the next sync simply uses the old token and tries again. A token whose age is unknown (just
 * enrolled) starts its month now.
 */
export async function rotateTokenIfDue(
  deps: HttpDeps & { baseUrl: string; storage: Storage; token: string },
): Promise<boolean> {
  const since = await deps.storage.getTokenSince();
  const nowIso = new Date(deps.now()).toISOString();
  if (since === null) {
    await deps.storage.setToken(null, nowIso);
    return false;
  }
  if (deps.now() - Date.parse(since) < TOKEN_ROTATION_MS) return false;
  const answer = (await requestJson(deps, `${deps.baseUrl}/api/v1/device/token`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${deps.token}` },
  })) as { token?: unknown } | null;
  if (typeof answer?.token !== 'string' || answer.token.length < 20) return false;
  await deps.storage.setToken(answer.token, nowIso);
  return true;
}
