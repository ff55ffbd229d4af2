import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import {
  HeldQuerySchema,
  MAX_JSON_DEPTH,
  MAX_PULL_LIMIT,
  MAX_PUSH_BYTES,
  MAX_RECOVERY_UPLOAD_BYTES,
  parseHeldRanges,
  PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  type HealthResponse,
} from '../../protocol/index.ts';
import type { Store } from './db/store.ts';
import { requireDevice, type AuthVariables } from './http/auth.ts';
import { enrollHandler } from './http/enroll-route.ts';
import { errorResponse } from './http/error-response.ts';
import { createAuthLimiters, type AuthLimiters } from './http/failure-limiter.ts';
import { jsonNestsDeeperThan } from './http/json-depth.ts';
import { gzipJsonAnswers, jsonAnswer } from './http/gzip-answers.ts';
import { PUSH_ENCODINGS, readPushText, type PushText } from './http/sync-encoding.ts';
import { readinessHandler } from './http/readiness.ts';
import { recoveryUploadHandler } from './http/recovery-route.ts';
import { securityHeaders } from './http/security-headers.ts';
import { staffApi } from './http/staff-routes.ts';
import { refusedAtRelay, relayUpstreamRoutes, senderOfPush } from './http/relay-routes.ts';
import { listCacheOf } from './services/staff-list-cache.ts';
import { serveStaticApp } from './http/static-files.ts';
import { applyBatch } from './services/apply-batch.ts';
import { parsePushEnvelope } from './services/change-envelope.ts';
import { failpoint } from './services/failpoints.ts';
import { recordDeviceHealth } from './services/device-health.ts';
import { rotateDeviceToken } from './services/devices.ts';
import { DEFAULT_GROWTH_TABLES_FILE } from './services/growth-tables-file.ts';
import { decodeCursor, pullChanges } from './services/pull-changes.ts';
import type { RecoveryKey } from './services/recovery-key.ts';

export interface AppDeps {
  store: Store;
  version: string;
  /** The built app (dist/); null serves the API only. */
  staticDir: string | null;
  /** Authentication failure counters; a fresh pair per app unless given (tests pass their own clock). */
  limiters?: AuthLimiters;
  /** This server speaks TLS itself: answers then carry HSTS. */
  tls?: boolean;
  /** The staff API's clock (session expiry, the audit log); tests move it. */
  now?: () => Date;
  /** The WHO growth tables the staff lists judge children with; defaults to public/growth/who-tables.json. */
  growthTablesFile?: string;
  /** Called with unexpected errors (a 500), so the operator sees them; the client gets a plain reason. */
  onUnexpectedError?: (error: unknown) => void;
  /** Relay mode (a pustu): called after each push applied here, so the forwarder sends it on soon. */
  relay?: { onPushApplied(): void };
  /** The puskesmas recovery key (services/recovery-key.ts): its public half goes to phones, R comes back. */
  recoveryKey?: RecoveryKey | null;
}

export const DEFAULT_PULL_LIMIT = 500;

const PullQuerySchema = z.object({
  since: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).optional(),
  posyanduId: z.string().max(64).optional(),
  held: HeldQuerySchema.optional(),
});

function zodReason(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Routes only: listening, the store's life and the build step belong to start-server.ts. */
export function createApp(deps: AppDeps): Hono<{ Variables: AuthVariables }> {
  const { store } = deps;
  const app = new Hono<{ Variables: AuthVariables }>();
  const limiters = deps.limiters ?? createAuthLimiters();
  const auth = requireDevice(store, limiters);
  app.use('*', securityHeaders({ tls: deps.tls ?? false }));

  app.onError((error, c) => {
    deps.onUnexpectedError?.(error);
    return errorResponse(c, 500, 'internal', 'Terjadi kesalahan di server. Data tidak berubah; coba lagi nanti.');
  });

  app.get('/api/health', (c) => {
    const body: HealthResponse = {
      status: 'ok',
      version: deps.version,
      protocolVersion: PROTOCOL_VERSION,
      database: store.dialect,
    };
    return c.json(body);
  });

  app.get('/api/ready', readinessHandler(store));

  if (deps.relay) {
    app.post('/api/v1/enroll', refusedAtRelay());
    app.post('/api/v1/device/token', refusedAtRelay());
  }

  app.post('/api/v1/enroll', bodyLimit({ maxSize: 4096 }), enrollHandler(store, limiters));

  app.get('/api/v1/device', auth, async (c) => {
    const device = c.get('device');
    const posyandu = await store.getPosyandu(device.posyanduId);
    return c.json({
      v: 1,
      deviceId: device.id,
      posyanduId: device.posyanduId,
      posyanduName: posyandu?.name ?? '',
      kaderId: device.kaderId,
      kaderName: device.kaderName,
      // Additive: the key a phone encrypts its recovery code to (docs/sync-protocol.md, "Recovery code").
      ...(deps.recoveryKey ? { recovery: deps.recoveryKey.publicKey } : {}),
    });
  });

  app.post(
    '/api/v1/device/recovery',
    auth,
    bodyLimit({
      maxSize: MAX_RECOVERY_UPLOAD_BYTES,
      onError: (c) => errorResponse(c, 413, 'payload-too-large', 'Kiriman kode pemulihan terlalu besar.'),
    }),
    recoveryUploadHandler(store, deps.recoveryKey ?? null, deps.now ?? (() => new Date())),
  );

  app.post('/api/v1/device/token', auth, async (c) => {
    return c.json({ token: await rotateDeviceToken(store, c.get('device').id) });
  });

  app.post(
    '/api/v1/sync/push',
    auth,
    bodyLimit({
      maxSize: MAX_PUSH_BYTES,
      onError: (c) => {
        // The rest of the body is never read; closing the connection keeps a client from reusing a socket that
        // still carries it.
        c.header('Connection', 'close');
        return errorResponse(
          c,
          413,
          'payload-too-large',
          `Kiriman terlalu besar (batas ${MAX_PUSH_BYTES} byte). Kirim dalam beberapa bagian yang lebih kecil.`,
        );
      },
    }),
    async (c) => {
      const device = c.get('device');
      // Every push answer says which codings a push may use (RFC 7694): a phone compresses only once it has seen it.
      c.header('Accept-Encoding', PUSH_ENCODINGS);
      const read = await readPushText(c, MAX_PUSH_BYTES);
      if (!read.ok) return pushUnreadable(c, read.reason);
      const { text } = read;
      // From here on the work is the server's: the phone tells its link's speed from the rest (Server-Timing).
      const startedAt = performance.now();
      if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
        return errorResponse(
          c,
          400,
          'invalid-request',
          `Isi kiriman bersarang terlalu dalam (batas ${MAX_JSON_DEPTH} tingkat). Tidak ada data yang berubah.`,
        );
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return errorResponse(c, 400, 'malformed-json', 'Isi kiriman bukan JSON yang sah. Tidak ada data yang berubah.');
      }
      const version = (body as { protocolVersion?: unknown } | null)?.protocolVersion;
      if (typeof version === 'number' && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
        return errorResponse(
          c,
          400,
          'protocol-unsupported',
          `Versi protokol ${version} tidak didukung server ini (didukung: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}). Perbarui aplikasi.`,
        );
      }
      const parsed = parsePushEnvelope(body);
      if (!parsed.success) {
        return errorResponse(c, 400, 'invalid-request', `Bentuk kiriman tidak sah: ${zodReason(parsed.error)}`);
      }
      const sender = await senderOfPush(store, device, parsed.data.deviceId);
      if (sender === null) {
        limiters.device.recordFailure(`device:${device.id}`);
        return errorResponse(
          c,
          403,
          'unauthorized',
          'Kode perangkat dalam kiriman (deviceId) tidak sama dengan perangkat pemilik token.',
        );
      }
      const response = await applyBatch(store, sender, parsed.data);
      listCacheOf(store).pushed(sender.posyanduId);
      deps.relay?.onPushApplied();
      // After the batch is safe: a report the database cannot keep is not worth the kader's answer.
      const health = (body as { health?: unknown }).health;
      await recordDeviceHealth(store, device.id, health, (deps.now ?? (() => new Date()))()).catch(() => undefined);
      c.header('Server-Timing', `apply;dur=${(performance.now() - startedAt).toFixed(1)}`);
      const answer = await jsonAnswer(c, response);
      failpoint('push:before-response');
      return answer;
    },
  );

  app.get('/api/v1/sync/pull', auth, async (c) => {
    const device = c.get('device');
    const query = PullQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      return errorResponse(c, 400, 'invalid-request', `Permintaan tidak sah: ${zodReason(query.error)}`);
    }
    if (query.data.posyanduId !== undefined && query.data.posyanduId !== device.posyanduId) {
      return errorResponse(c, 403, 'forbidden-posyandu', 'Perangkat ini tidak terdaftar di posyandu tersebut.');
    }
    const position = decodeCursor(query.data.since);
    if (position === null) {
      return errorResponse(c, 400, 'invalid-request', 'Penanda tarikan (since) tidak dikenal. Tarik ulang dari awal.');
    }
    const limit = Math.min(query.data.limit ?? DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT);
    // Only a device bound to one phone (one-time code) can be sure its own stamps are on the phone pulling.
    const skipOwnOf = device.singlePhone ? device.id : null;
    const withFieldHlc = device.relay === true;
    const held = parseHeldRanges(query.data.held ?? '') ?? [];
    return jsonAnswer(
      c,
      await pullChanges(store, device.posyanduId, position, limit, skipOwnOf, new Date(), withFieldHlc, held),
    );
  });

  relayUpstreamRoutes(app, store, auth);

  // Staff lists run to hundreds of rows, over the puskesmas's own line: gzipped as the sync API's answers.
  app.use('/api/staff/*', gzipJsonAnswers());
  app.route(
    '/api/staff',
    staffApi({
      store,
      now: deps.now ?? (() => new Date()),
      growthTablesFile: deps.growthTablesFile ?? DEFAULT_GROWTH_TABLES_FILE,
    }),
  );

  app.all('/api/*', (c) => errorResponse(c, 404, 'invalid-request', 'Alamat API tidak dikenal.'));

  if (deps.staticDir !== null) {
    const serve = serveStaticApp(deps.staticDir);
    app.get('*', serve);
  }

  return app;
}

/** The answer to a push body that cannot be read as sent: nothing was applied. */
function pushUnreadable(c: Context, reason: Extract<PushText, { ok: false }>['reason']): Response {
  if (reason === 'too-large') {
    c.header('Connection', 'close');
    return errorResponse(
      c,
      413,
      'payload-too-large',
      `Kiriman terlalu besar setelah dibuka (batas ${MAX_PUSH_BYTES} byte). Kirim dalam beberapa bagian yang lebih kecil.`,
    );
  }
  if (reason === 'unsupported') {
    return errorResponse(
      c,
      415,
      'invalid-request',
      `Kiriman dikompresi dengan cara yang tidak dikenal server ini (yang dikenal: ${PUSH_ENCODINGS}). Tidak ada data yang berubah.`,
    );
  }
  return errorResponse(c, 400, 'malformed-json', 'Isi kiriman terkompresi rusak. Tidak ada data yang berubah.');
}
