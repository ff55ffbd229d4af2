import { z } from 'zod';

const flag = (defaultOn: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? defaultOn : v === '1' || v === 'true'));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'DATABASE_URL harus diawali postgres:// atau postgresql://' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** PEM files: with both, the server speaks HTTPS, which phones need for the service worker (offline use). */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  SKIP_APP_BUILD: flag(false),
  /** Demo puskesmas, posyandu and device on an empty database: only when asked (DEMO_DATA is the old name). */
  DEMO: flag(false),
  DEMO_DATA: flag(false),
  NODE_ENV: z.string().optional(),
  /** Relay mode (a pustu): the puskesmas server to forward to, and this relay's token from `admin create-relay`. */
  RELAY: flag(false),
  RELAY_UPSTREAM: z
    .url({ protocol: /^https?$/, error: 'RELAY_UPSTREAM harus alamat http:// atau https://' })
    .optional(),
  RELAY_TOKEN: z.string().min(20).max(200).optional(),
  RELAY_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(10_000),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  skipAppBuild: boolean;
  demoData: boolean;
  tls: { certFile: string; keyFile: string } | undefined;
  /** Set in relay mode (docs/scaling.md, "The pustu relay"). */
  relay: { upstream: string; token: string; intervalMs: number } | undefined;
}

/** `--upstream <url>` or `--upstream=<url>` from the command line. */
function argValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/**
 * Reads the server's settings from the environment (and `--demo` from the command line); a wrong value stops the
 * start with the reason.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): ServerConfig {
  const upstreamArg = argValue(argv, '--upstream');
  const parsed = EnvSchema.safeParse(upstreamArg === undefined ? env : { ...env, RELAY_UPSTREAM: upstreamArg });
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Pengaturan server tidak sah: ${reasons}`);
  }
  const e = parsed.data;
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    throw new Error('Pengaturan server tidak sah: TLS_CERT_FILE dan TLS_KEY_FILE harus diisi bersama.');
  }
  const demoData = e.DEMO || e.DEMO_DATA || argv.includes('--demo');
  if (demoData && e.NODE_ENV === 'production') {
    // The demo device's enrollment code, token included, is printed to the log: never on a real deployment.
    throw new Error(
      'Pengaturan server tidak sah: data demo (DEMO=1 atau --demo) tidak boleh dipakai saat NODE_ENV=production.',
    );
  }
  const relayMode = e.RELAY || argv.includes('--relay') || upstreamArg !== undefined;
  if (relayMode && (!e.RELAY_UPSTREAM || !e.RELAY_TOKEN)) {
    throw new Error(
      'Pengaturan server tidak sah: mode relay butuh --upstream <alamat puskesmas> (atau RELAY_UPSTREAM) dan RELAY_TOKEN dari "admin create-relay".',
    );
  }
  if (relayMode && e.DATABASE_URL) {
    throw new Error('Pengaturan server tidak sah: mode relay memakai SQLite (DATA_DIR), bukan DATABASE_URL.');
  }
  const relay =
    relayMode && e.RELAY_UPSTREAM && e.RELAY_TOKEN
      ? { upstream: e.RELAY_UPSTREAM, token: e.RELAY_TOKEN, intervalMs: e.RELAY_INTERVAL_MS }
      : undefined;
  const tls = e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE } : undefined;
  return {
    tls,
    port: e.PORT,
    host: e.HOST ?? defaultHost(tls !== undefined),
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    skipAppBuild: e.SKIP_APP_BUILD,
    demoData,
    relay,
  };
}

/**
 * Without TLS the server listens on loopback only: phones need HTTPS anyway (service worker), so plain HTTP on
 * the wifi would only put health data on the air in clear. With TLS it listens on every address, so the
 * pustu's phones can reach it. HOST overrides both (for example HOST=0.0.0.0 behind an HTTPS proxy elsewhere).
 */
export function defaultHost(tls: boolean): string {
  return tls ? '0.0.0.0' : '127.0.0.1';
}
