import type { Hono } from 'hono';
import { z } from 'zod';
import { signIn, signOut, type StaffActor } from '../services/staff-sessions.ts';
import type { SignInLimiter } from '../services/staff-rate-limit.ts';
import {
  type StaffHttpDeps,
  type StaffVariables,
  clearSessionCookie,
  clientAddress,
  requireStaff,
  setSessionCookie,
} from './staff-auth.ts';
import { jsonBody, staffError } from './staff-errors.ts';

const SignInSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

export function me(actor: StaffActor) {
  const { staff } = actor;
  return {
    staff: { id: staff.id, name: staff.name, username: staff.username, role: staff.role },
    puskesmasId: staff.puskesmasId,
    posyanduIds: [...actor.posyanduIds],
    csrfToken: actor.csrfToken,
  };
}

/**
 * Sign in, sign out, and who am I, onto the staff API. Sign-in is the only staff request without a session: it is
 * registered before the session middleware, which guards everything registered after it.
 */
export function registerSessionRoutes(
  app: Hono<{ Variables: StaffVariables }>,
  deps: StaffHttpDeps & { limiter: SignInLimiter },
): void {
  app.post('/session', async (c) => {
    // A JSON content type cannot be sent cross-site without a CORS preflight, which this server never grants.
    if (!(c.req.header('Content-Type') ?? '').startsWith('application/json')) {
      return staffError(c, 400, 'invalid-request', 'Kirim nama pengguna dan kata sandi sebagai JSON.');
    }
    const body = await jsonBody(c, SignInSchema);
    if (!body.ok) return body.response;
    const result = await signIn(deps.store, deps.limiter, { ...body.value, address: clientAddress(c) }, deps.now());
    if (!result.ok) {
      if (result.reason === 'rate-limited') {
        c.header('Retry-After', String(result.retryAfterSeconds));
        return staffError(
          c,
          429,
          'rate-limited',
          `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${Math.ceil(result.retryAfterSeconds / 60)} menit.`,
        );
      }
      return staffError(c, 401, 'unauthorized', 'Nama pengguna atau kata sandi salah.');
    }
    setSessionCookie(c, result.sessionId);
    const { staff } = result;
    return c.json({
      staff: { id: staff.id, name: staff.name, username: staff.username, role: staff.role },
      puskesmasId: staff.puskesmasId,
      csrfToken: result.csrfToken,
    });
  });

  app.use('*', requireStaff(deps));

  app.get('/session', (c) => c.json(me(c.get('actor'))));

  app.delete('/session', async (c) => {
    await signOut(deps.store, c.get('actor'), clientAddress(c), deps.now());
    clearSessionCookie(c);
    return c.body(null, 204);
  });
}
