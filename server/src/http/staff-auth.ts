import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { Store } from '../db/store.ts';
import { SESSION_IDLE_MS, resolveSession, type StaffActor } from '../services/staff-sessions.ts';
import { staffError } from './staff-errors.ts';

export const SESSION_COOKIE = 'psk_session';
export const CSRF_HEADER = 'X-CSRF-Token';
/** Only the staff API ever reads the cookie, so no other request (the kader app, sync) carries it. */
const SESSION_COOKIE_PATH = '/api/staff';

export interface StaffVariables {
  actor: StaffActor;
}

export interface StaffHttpDeps {
  store: Store;
  now: () => Date;
}

/** The client's address for rate limits and the audit log; in-process requests (tests) have none. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Secure only under TLS (directly or behind an HTTPS proxy): a Secure cookie over plain http is never sent back. */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https';
}

export function setSessionCookie(c: Context, sessionId: string): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    path: SESSION_COOKIE_PATH,
    maxAge: Math.floor(SESSION_IDLE_MS / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: SESSION_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A staff session from the cookie (never a phone's Bearer token), and for every state-changing request the
 * session's CSRF token in a header: SameSite=Strict already keeps other sites' forms out, the header keeps out
 * anything that slips past it (an old browser, a sibling subdomain).
 */
export function requireStaff(deps: StaffHttpDeps): MiddlewareHandler<{ Variables: StaffVariables }> {
  return async (c, next) => {
    const sessionId = getCookie(c, SESSION_COOKIE);
    const actor = sessionId ? await resolveSession(deps.store, sessionId, deps.now()) : null;
    if (!actor) {
      if (sessionId) clearSessionCookie(c);
      return staffError(c, 401, 'unauthorized', 'Sesi tidak ada atau sudah berakhir. Silakan masuk lagi.');
    }
    if (!SAFE_METHODS.has(c.req.method) && !sameToken(c.req.header(CSRF_HEADER) ?? '', actor.csrfToken)) {
      return staffError(c, 403, 'csrf', 'Token keamanan (CSRF) tidak cocok. Muat ulang halaman lalu coba lagi.');
    }
    // The cookie's lifetime follows the session's idle expiry, which each request has just extended.
    setSessionCookie(c, sessionId ?? '');
    c.set('actor', actor);
    await next();
  };
}
