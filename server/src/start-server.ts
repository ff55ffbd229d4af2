import { serve } from '@hono/node-server';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { openStore } from './db/open-store.ts';
import type { PostgresPoolLimits } from './db/postgres-store.ts';
import type { AuthLimiters } from './http/failure-limiter.ts';
import type { Store } from './db/store.ts';
import { openSqliteRelayStore } from './db/sqlite-relay-store.ts';
import { createDemoDataIfEmpty, type DemoData } from './services/demo-data.ts';
import { RelayForwarder, type RelayOptions } from './services/relay-forwarder.ts';
import { loadOrCreateRecoveryKey } from './services/recovery-key.ts';
import { serverVersion } from './version.ts';

export interface StartServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1 (loopback); `npm start` passes HOST, which defaults to 0.0.0.0 only under TLS. */
  host?: string;
  /** PostgreSQL connection string; without it, SQLite under dataDir. */
  databaseUrl?: string;
  dataDir?: string;
  /** The built app to serve; undefined means the project's dist/, null serves the API only. */
  staticDir?: string | null;
  /** Create the demo puskesmas, posyandu and device when the database has no posyandu yet. */
  demoData?: boolean;
  onUnexpectedError?: (error: unknown) => void;
  /** PostgreSQL pool bounds other than POSTGRES_POOL_LIMITS (tests shorten the timeouts). */
  postgresLimits?: Partial<PostgresPoolLimits>;
  /** Authentication failure counters; the defaults of failure-limiter.ts unless given. */
  limiters?: AuthLimiters;
  /** PEM certificate and key: serve HTTPS. Phones only run a service worker (offline use) on a secure origin. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Relay mode (a pustu): serve the phones here and forward to the puskesmas (docs/scaling.md). SQLite only. */
  relay?: RelayOptions;
}

export interface RunningServer {
  url: string;
  store: Store;
  /** Set when this start created the demo data (first start only). */
  demo: DemoData | null;
  close(): Promise<void>;
}

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

const KEEP_ALIVE_MS = 65_000;

/** Opens the store, migrates it, and listens. Used by `npm start` and, in-process, by tests. */
export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  const store = openStore({
    databaseUrl: opts.databaseUrl,
    dataDir: opts.dataDir ?? './data',
    ...(opts.postgresLimits ? { postgresLimits: opts.postgresLimits } : {}),
  });
  try {
    await store.migrate();
    const demo = opts.demoData ? await createDemoDataIfEmpty(store) : null;
    if (opts.relay && store.dialect !== 'sqlite') throw new Error('relay mode runs on SQLite only');
    const relayStore = opts.relay ? openSqliteRelayStore(join(opts.dataDir ?? './data', 'posyandu.sqlite')) : null;
    const forwarder = opts.relay && relayStore ? new RelayForwarder(store, relayStore, opts.relay) : null;
    // The puskesmas makes its recovery key pair at first start; a relay holds no private key (it never recovers).
    const recoveryKey = opts.relay ? null : (await loadOrCreateRecoveryKey(opts.dataDir ?? './data')).key;
    const app = createApp({
      store,
      version: serverVersion(),
      staticDir: opts.staticDir === undefined ? DEFAULT_STATIC_DIR : opts.staticDir,
      onUnexpectedError: opts.onUnexpectedError,
      tls: opts.tls !== undefined,
      recoveryKey,
      ...(opts.limiters ? { limiters: opts.limiters } : {}),
      ...(forwarder ? { relay: { onPushApplied: () => forwarder.nudge() } } : {}),
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const listen = { fetch: app.fetch, port: opts.port ?? 0, hostname: opts.host ?? '127.0.0.1' };
      const s = opts.tls
        ? serve({ ...listen, createServer: createHttpsServer, serverOptions: opts.tls }, () => resolve(s))
        : serve(listen, () => resolve(s));
      s.once('error', reject);
    });
    // An idle keep-alive connection closed by the server at the moment a client reuses it fails that request
    // (ECONNRESET: 24 of them at 200 phones under load, issue 14). Node closes after 5 s; a busy server's timers
    // and a client's lag by seconds, so keep idle connections a minute, as proxies in front of Node expect.
    if ('keepAliveTimeout' in server) {
      server.keepAliveTimeout = KEEP_ALIVE_MS;
      server.headersTimeout = KEEP_ALIVE_MS + 1_000;
    }
    const { port } = server.address() as AddressInfo;
    forwarder?.start();
    let closed = false;
    const host = opts.host ?? '127.0.0.1';
    // A wildcard address is reachable on loopback; a specific one only on itself.
    const urlHost = host === '0.0.0.0' || host === '::' || host === 'localhost' ? '127.0.0.1' : host;
    return {
      url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
      store,
      demo,
      async close() {
        if (closed) return;
        closed = true;
        await forwarder?.stop();
        relayStore?.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections would hold close() open for seconds.
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await store.close();
      },
    };
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}
