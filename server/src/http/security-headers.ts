import type { MiddlewareHandler } from 'hono';

/**
 * The app's content policy: everything from this origin only, no plugins, no framing. Inline `style` attributes
 * stay allowed (the loading line in index.html has one; Preact sets styles through the DOM, which CSP does not
 * govern), inline and foreign scripts do not.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** API answers are data, never a page: nothing may load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The app uses none of these; denying them means an injected script cannot either. */
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'interest-cohort=()',
].join(', ');

/** One year: a browser that has seen the server over HTTPS keeps to HTTPS. */
export const HSTS = 'max-age=31536000';

/**
 * Headers on every answer. HSTS only when this server itself speaks TLS: over plain HTTP the header is ignored by
 * browsers, and behind a proxy the proxy owns it. API answers carry health data, so no cache (browser, service
 * worker or proxy) may keep them.
 */
export function securityHeaders(options: { tls: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    const isApi = c.req.path.startsWith('/api/');
    headers.set('Content-Security-Policy', isApi ? API_CSP : APP_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('Permissions-Policy', PERMISSIONS_POLICY);
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    if (options.tls) headers.set('Strict-Transport-Security', HSTS);
    if (isApi) headers.set('Cache-Control', 'no-store');
  };
}
