import type { Plugin } from 'vite';

/** zod's module that creates its global config, as Vite resolves it (pnpm-style paths included). */
const ZOD_CORE = /[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/;
const PRESET = 'globalThis.__zod_globalConfig ??= { jitless: true };\n';

/**
 * zod builds each object schema's fast parser with `new Function` when it may, and finds out by trying once, as the
 * schema is created. The apps' CSP forbids eval, so the try fails and zod falls back to its plain parser, but the
 * browser still logs a CSP violation on every start (Lighthouse counts it against best practices). `z.config()`
 * in our entry comes too late: the schemas in protocol/ are created while their chunk loads, before the entry's
 * body runs. So the browser build presets zod's config in zod's own first module; the server, which has no CSP,
 * keeps the fast parser.
 */
export function zodJitless(): Plugin {
  return {
    name: 'posyandu-zod-jitless',
    apply: 'build',
    transform(code, id) {
      return ZOD_CORE.test(id) ? { code: PRESET + code, map: null } : null;
    },
  };
}
