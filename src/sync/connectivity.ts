import type { SyncErrorCode } from './http.ts';
import type { SyncStatus } from './sync-engine.ts';

/**
 * What the app tells the kader about the connection. The browser's `navigator.onLine` alone is not enough: a phone
 * on the pustu's wifi with no uplink says "online" and reaches nothing, and some Chromium builds report online in
 * a document loaded while offline. So the sync engine's last attempt decides, and the browser only adds "no
 * signal" when it knows.
 */
export type Connectivity =
  /** Never tried yet, and the browser does not say offline. */
  | 'unknown'
  | 'connected'
  | 'no-signal'
  /** The phone has a network but the puskesmas server did not answer (or answered with a server error). */
  | 'server-unreachable'
  | 'server-busy'
  /** The server no longer speaks this app's protocol version. */
  | 'update-app'
  | 'enroll-again'
  /** The server refused the batch itself (not one record): retrying unchanged will not help. */
  | 'batch-refused';

export function connectivityOf(
  status: Pick<SyncStatus, 'lastError' | 'lastSuccessAt' | 'needsEnrollment'> | null,
  browserOnline: boolean,
): Connectivity {
  if (status?.needsEnrollment) return 'enroll-again';
  const error = status?.lastError ?? null;
  if (error === null) {
    if (!browserOnline) return 'no-signal';
    return status?.lastSuccessAt ? 'connected' : 'unknown';
  }
  const kind = errorKind(error);
  if (kind === 'unreachable') return browserOnline ? 'server-unreachable' : 'no-signal';
  return kind;
}

function errorKind(
  code: SyncErrorCode,
): Exclude<Connectivity, 'unknown' | 'connected' | 'no-signal' | 'server-unreachable'> | 'unreachable' {
  switch (code) {
    case 'network':
    case 'server-unavailable':
    case 'bad-response':
    case 'internal':
      return 'unreachable';
    case 'rate-limited':
      return 'server-busy';
    case 'protocol-unsupported':
      return 'update-app';
    case 'unauthorized':
      return 'enroll-again';
    case 'invalid-request':
    case 'malformed-json':
    case 'payload-too-large':
    case 'forbidden-posyandu':
    case 'unknown-table':
    case 'invalid-record':
    case 'immutable-record':
      return 'batch-refused';
  }
}
